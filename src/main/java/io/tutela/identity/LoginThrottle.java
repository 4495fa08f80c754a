package io.tutela.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Lockout with back-off after repeated failed logins, as pure arithmetic: the caller
 * keeps an account's count of consecutive failures and the time of the last one, and asks
 * here whether an attempt may be tried now.
 * <p>
 * With the {@linkplain Settings#DEFAULTS defaults} the first four failures cost nothing;
 * the fifth locks the account for one minute from that failure, every further failure
 * doubles the lock (2, 4, 8 minutes…) up to 24 hours. The caller
 * <ul>
 * <li>refuses an attempt while the account is locked without checking the password, and
 * does not count it as a failure (checking it would let a guesser carry on while locked,
 * and counting it would let anyone lengthen someone else's lock at will);</li>
 * <li>counts a wrong password or second factor as one more failure at that time;</li>
 * <li>resets the count to zero on a successful login.</li>
 * </ul>
 */
final class LoginThrottle {

	private final Settings settings;

	LoginThrottle(Settings settings) {
		this.settings = settings;
	}

	LoginThrottle() {
		this(Settings.DEFAULTS);
	}

	Settings settings() {
		return this.settings;
	}

	/**
	 * How long an account is locked after this many consecutive failures: nothing below
	 * {@link Settings#freeAttempts}, then {@link Settings#firstLock} doubled for each
	 * further failure, never more than {@link Settings#maximumLock}.
	 */
	Duration lockAfter(int failures) {
		if (failures < 0) {
			throw new IllegalArgumentException("failures cannot be negative: " + failures);
		}
		if (failures < this.settings.freeAttempts()) {
			return Duration.ZERO;
		}
		Duration maximum = this.settings.maximumLock();
		Duration lock = this.settings.firstLock();
		for (int i = this.settings.freeAttempts(); i < failures; i++) {
			// halving the maximum rather than doubling the lock cannot overflow
			if (lock.compareTo(maximum.dividedBy(2)) > 0) {
				return maximum;
			}
			lock = lock.multipliedBy(2);
		}
		return lock;
	}

	/**
	 * Until when the account is locked, counted from its last failure; empty when this
	 * many failures do not lock it.
	 */
	Optional<Instant> lockedUntil(int failures, @Nullable Instant lastFailure) {
		Duration lock = lockAfter(failures);
		if (lock.isZero() || lastFailure == null) {
			return Optional.empty();
		}
		return Optional.of(lastFailure.plus(lock));
	}

	/**
	 * Whether a login may be tried now, and if not, until when it is refused.
	 * @param failures the account's consecutive failures since its last success
	 * @param lastFailure when the last of them happened, null when there is none
	 */
	Decision check(int failures, @Nullable Instant lastFailure, Instant now) {
		Optional<Instant> until = lockedUntil(failures, lastFailure);
		if (until.isPresent() && now.isBefore(until.get())) {
			return new Decision(until.get());
		}
		return Decision.ALLOWED;
	}

	/**
	 * How strict the throttle is.
	 *
	 * @param freeAttempts how many consecutive failures are allowed before the first lock
	 * (the lock follows the failure that reaches this number)
	 * @param firstLock the length of the first lock, doubled by each further failure
	 * @param maximumLock the longest lock
	 */
	record Settings(int freeAttempts, Duration firstLock, Duration maximumLock) {

		/** Five free attempts, then one minute doubling up to a day. */
		static final Settings DEFAULTS = new Settings(5, Duration.ofMinutes(1), Duration.ofHours(24));

		Settings {
			if (freeAttempts < 1) {
				throw new IllegalArgumentException("at least one attempt must be free, not " + freeAttempts);
			}
			if (firstLock.isNegative() || firstLock.isZero()) {
				throw new IllegalArgumentException("the first lock must be longer than zero");
			}
			if (maximumLock.compareTo(firstLock) < 0) {
				throw new IllegalArgumentException("the maximum lock must not be shorter than the first");
			}
		}

	}

	/**
	 * The answer for one attempt.
	 *
	 * @param lockedUntil when the lock ends, null when the attempt may go ahead
	 */
	record Decision(@Nullable Instant lockedUntil) {

		static final Decision ALLOWED = new Decision(null);

		boolean allowed() {
			return this.lockedUntil == null;
		}

		/** How long from {@code now} until an attempt is allowed again; zero if it is. */
		Duration retryAfter(Instant now) {
			Instant until = this.lockedUntil;
			return (until == null || !now.isBefore(until)) ? Duration.ZERO : Duration.between(now, until);
		}

	}

}
