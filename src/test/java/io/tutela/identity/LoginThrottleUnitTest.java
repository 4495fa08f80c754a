package io.tutela.identity;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tutela.identity.LoginThrottle.Decision;
import io.tutela.identity.LoginThrottle.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoginThrottleUnitTest {

	private static final Instant LAST_FAILURE = Instant.parse("2025-06-01T10:00:00Z");

	private static final Duration NANO = Duration.ofNanos(1);

	private final LoginThrottle throttle = new LoginThrottle();

	@Test
	void theFirstFourFailuresCostNothing() {
		for (int failures = 0; failures <= 4; failures++) {
			assertThat(this.throttle.lockAfter(failures)).isZero();
			assertThat(this.throttle.lockedUntil(failures, LAST_FAILURE)).isEmpty();
			Decision decision = this.throttle.check(failures, LAST_FAILURE, LAST_FAILURE);
			assertThat(decision.allowed()).as("%d failures", failures).isTrue();
			assertThat(decision.lockedUntil()).isNull();
			assertThat(decision.retryAfter(LAST_FAILURE)).isZero();
		}
		assertThat(this.throttle.check(0, null, LAST_FAILURE)).isEqualTo(Decision.ALLOWED);
	}

	@ParameterizedTest(name = "{0} failures lock for {1} minutes")
	@CsvSource({ "5, 1", "6, 2", "7, 4", "8, 8", "9, 16", "10, 32", "11, 64", "12, 128", "13, 256", "14, 512",
			"15, 1024", "16, 1440", "17, 1440" })
	void theFifthFailureLocksForAMinuteAndEachFurtherOneDoublesTheLockUpToADay(int failures, long minutes) {
		Duration lock = Duration.ofMinutes(minutes);
		assertThat(this.throttle.lockAfter(failures)).isEqualTo(lock);
		Instant until = LAST_FAILURE.plus(lock);
		assertThat(this.throttle.lockedUntil(failures, LAST_FAILURE)).contains(until);

		Decision justBefore = this.throttle.check(failures, LAST_FAILURE, until.minus(NANO));
		assertThat(justBefore.allowed()).isFalse();
		assertThat(justBefore.lockedUntil()).isEqualTo(until);
		assertThat(justBefore.retryAfter(until.minus(NANO))).isEqualTo(NANO);
		assertThat(this.throttle.check(failures, LAST_FAILURE, LAST_FAILURE).retryAfter(LAST_FAILURE)).isEqualTo(lock);

		Decision atTheEnd = this.throttle.check(failures, LAST_FAILURE, until);
		assertThat(atTheEnd.allowed()).isTrue();
		assertThat(atTheEnd.retryAfter(until)).isZero();
		assertThat(this.throttle.check(failures, LAST_FAILURE, until.plus(NANO)).allowed()).isTrue();
	}

	@Test
	void theLockNeverExceedsADayHoweverManyFailures() {
		assertThat(this.throttle.lockAfter(1000)).isEqualTo(Duration.ofHours(24));
		assertThat(this.throttle.lockAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(24));
		Instant aDayLater = LAST_FAILURE.plus(Duration.ofHours(24));
		assertThat(this.throttle.check(Integer.MAX_VALUE, LAST_FAILURE, aDayLater.minus(NANO)).allowed()).isFalse();
		assertThat(this.throttle.check(Integer.MAX_VALUE, LAST_FAILURE, aDayLater).allowed()).isTrue();
	}

	@Test
	void theLockIsCountedFromTheLastFailure() {
		Instant later = LAST_FAILURE.plusSeconds(3600);
		assertThat(this.throttle.check(6, later, later.plusSeconds(119)).allowed()).isFalse();
		assertThat(this.throttle.check(6, later, later.plusSeconds(120)).allowed()).isTrue();
		assertThat(this.throttle.check(6, null, later).allowed()).as("no failure time known").isTrue();
	}

	@Test
	void followsItsSettings() {
		LoginThrottle strict = new LoginThrottle(new Settings(3, Duration.ofSeconds(10), Duration.ofMinutes(1)));
		assertThat(strict.lockAfter(2)).isZero();
		assertThat(strict.lockAfter(3)).isEqualTo(Duration.ofSeconds(10));
		assertThat(strict.lockAfter(4)).isEqualTo(Duration.ofSeconds(20));
		assertThat(strict.lockAfter(5)).isEqualTo(Duration.ofSeconds(40));
		assertThat(strict.lockAfter(6)).as("capped below the next doubling").isEqualTo(Duration.ofMinutes(1));
		assertThat(strict.check(3, LAST_FAILURE, LAST_FAILURE.plusSeconds(9)).allowed()).isFalse();
		assertThat(strict.check(3, LAST_FAILURE, LAST_FAILURE.plusSeconds(10)).allowed()).isTrue();

		LoginThrottle flat = new LoginThrottle(new Settings(1, Duration.ofMinutes(5), Duration.ofMinutes(5)));
		assertThat(flat.lockAfter(0)).isZero();
		assertThat(flat.lockAfter(1)).isEqualTo(Duration.ofMinutes(5));
		assertThat(flat.lockAfter(50)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void doublingDoesNotOverflowWithAHugeCap() {
		Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
		LoginThrottle throttle = new LoginThrottle(new Settings(1, NANO, huge));
		assertThat(throttle.lockAfter(2)).isEqualTo(Duration.ofNanos(2));
		assertThat(throttle.lockAfter(Integer.MAX_VALUE)).isEqualTo(huge);
	}

	@Test
	void refusesNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.throttle.lockAfter(-1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Settings(0, Duration.ofMinutes(1), Duration.ofHours(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new Settings(5, Duration.ZERO, Duration.ofHours(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Settings(5, Duration.ofMinutes(-1), Duration.ofHours(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Settings(5, Duration.ofMinutes(10), Duration.ofMinutes(9)));
	}

}
