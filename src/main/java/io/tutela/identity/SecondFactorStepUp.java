package io.tutela.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * A second factor asked of API tokens on the paths that open the justice vault (Garante,
 * 17 January 2008: strong authentication for the staff who reach traffic data kept for
 * justice). A token that reaches them must carry, at least once every {@link #VALIDITY},
 * a current TOTP code of its owner in {@value #HEADER}; the code steps the token up for
 * that long. A restart forgets every step-up: the next call asks for a code again.
 */
@Component
class SecondFactorStepUp {

	static final String HEADER = "X-Second-Factor";

	static final Duration VALIDITY = Duration.ofMinutes(15);

	private final Accounts accounts;

	private final SecondFactor secondFactor;

	private final Clock clock;

	/** Until when each stepped-up token (by the SHA-256 of its secret) may go on. */
	private final Map<String, Instant> steppedUp = new ConcurrentHashMap<>();

	SecondFactorStepUp(Accounts accounts, SecondFactor secondFactor, Clock clock) {
		this.accounts = accounts;
		this.secondFactor = secondFactor;
		this.clock = clock;
	}

	private static final Pattern GUARDED = Pattern.compile("/api/v1/controllers/([^/]+)/legal-orders(/.*)?");

	/**
	 * Whether the call needs the second factor: a path that opens the justice vault of a
	 * controller the caller may see (another controller's is answered as not found, and a
	 * caller who is no liaison is refused, before any code is asked for).
	 */
	static boolean guards(String path, StaffPrincipal caller) {
		Matcher matcher = GUARDED.matcher(path);
		return matcher.matches() && caller.has(Role.JUDICIAL_LIAISON) && caller.canSee(matcher.group(1));
	}

	/** What became of a call's second factor. */
	enum Outcome {

		/** The token is stepped up: the call goes on. */
		PASSED,
		/** No code was sent and the token is not stepped up. */
		MISSING,
		/** The code sent was wrong or already used. */
		REFUSED

	}

	Outcome check(String tokenSecret, StaffPrincipal owner, Optional<String> code) {
		String key = ApiTokens.hash(tokenSecret);
		Instant now = this.clock.instant();
		Instant until = this.steppedUp.get(key);
		if (until != null && now.isBefore(until)) {
			return Outcome.PASSED;
		}
		if (code.isEmpty() || code.get().isBlank()) {
			return Outcome.MISSING;
		}
		Optional<Account> account = this.accounts.byId(owner.accountId());
		if (account.isEmpty() || !this.secondFactor.check(account.get(), code.get())) {
			return Outcome.REFUSED;
		}
		this.steppedUp.put(key, now.plus(VALIDITY));
		this.steppedUp.values().removeIf(now::isAfter);
		return Outcome.PASSED;
	}

}
