package io.tutela.breach;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BreachClockUnitTest {

	static final Instant AWARE = Instant.parse("2026-03-27T10:00:00Z");

	static final Instant DEADLINE = AWARE.plus(Duration.ofHours(72));

	static BreachClock at(Duration sinceAwareness) {
		return BreachClock.of(DEADLINE, null, null, AWARE.plus(sinceAwareness));
	}

	@Test
	void seventyHoursAfterAwarenessIsDueInTwoHours() {
		BreachClock clock = at(Duration.ofHours(70));
		assertThat(clock.state()).isEqualTo("due");
		assertThat(clock.late()).isFalse();
		assertThat(clock.hoursLeft()).isEqualTo(2);
	}

	@Test
	void seventyThreeHoursAfterAwarenessIsOneHourLate() {
		BreachClock clock = at(Duration.ofHours(73));
		assertThat(clock.state()).isEqualTo("late");
		assertThat(clock.late()).isTrue();
		assertThat(clock.hoursLeft()).isEqualTo(-1);
	}

	@Test
	void theDeadlineItselfIsStillInTimeAndAMinuteAfterIsLate() {
		assertThat(at(Duration.ofHours(72)).state()).isEqualTo("due");
		assertThat(at(Duration.ofHours(72).plusMinutes(1)).state()).isEqualTo("late");
		assertThat(at(Duration.ofHours(72).plusMinutes(1)).hoursLeft()).isEqualTo(-1);
		assertThat(at(Duration.ofMinutes(70 * 60 + 1)).hoursLeft()).as("a started hour counts whole").isEqualTo(2);
	}

	@Test
	void aNotificationStopsTheClockAndSaysWhetherItWasLate() {
		Instant now = AWARE.plus(Duration.ofHours(100));
		assertThat(BreachClock.of(DEADLINE, AWARE.plus(Duration.ofHours(71)), true, now).late()).isFalse();
		BreachClock late = BreachClock.of(DEADLINE, AWARE.plus(Duration.ofHours(75)), true, now);
		assertThat(late.state()).isEqualTo("notified");
		assertThat(late.late()).isTrue();
	}

	@Test
	void aDecisionNotToNotifyIsNeverLate() {
		BreachClock clock = BreachClock.of(DEADLINE, null, false, AWARE.plus(Duration.ofHours(100)));
		assertThat(clock.state()).isEqualTo("not_required");
		assertThat(clock.late()).isFalse();
	}

}
