package io.tutela.vault;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy;
import io.tutela.policy.Text;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far back an order reaches: calendar days in the controller's zone, counted from the
 * day of the answer, on both sides of each boundary and across the change to summer time.
 */
class JusticeWindowsUnitTest {

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	static final Policy.OffenceClass ORDINARY = new Policy.OffenceClass("art132", new Text("Reati", "Offences"),
			List.of(new Policy.JusticeWindow("telephone_traffic", Map.of("answered", "false"), Period.ofDays(30)),
					new Policy.JusticeWindow("telephone_traffic", Map.of(), Period.ofMonths(24))),
			null);

	static final Map<String, String> UNANSWERED = Map.of("answered", "false");

	static final Map<String, String> ANSWERED = Map.of("answered", "true");

	@Test
	void unansweredCallsReachBackThirtyCalendarDaysAcrossTheChangeToSummerTime() {
		// answered on 28 April 2026 in Rome: 30 days back is 29 March, the day clocks go
		// forward; that day starts at 00:00 in Rome, 23:00 UTC of the 28th
		HandoverAnswers.Windows windows = new HandoverAnswers.Windows(ORDINARY, ROME,
				Instant.parse("2026-04-28T08:00:00Z"));
		assertThat(windows.reaches("telephone_traffic", UNANSWERED, Instant.parse("2026-03-28T23:00:00Z"))).isTrue();
		assertThat(windows.reaches("telephone_traffic", UNANSWERED, Instant.parse("2026-03-28T22:59:59Z"))).isFalse();
		assertThat(windows.reaches("telephone_traffic", ANSWERED, Instant.parse("2026-03-28T22:59:59Z"))).isTrue();
	}

	@Test
	void answeredCallsReachBack24MonthsAndTheDayOfTheAnswerIsTheControllers() {
		// 23:30 UTC on 31 October 2026 is already 1 November in Rome (UTC+1 after the
		// change back to winter time on 25 October)
		HandoverAnswers.Windows windows = new HandoverAnswers.Windows(ORDINARY, ROME,
				Instant.parse("2026-10-31T23:30:00Z"));
		// 1 November 2024 00:00 in Rome is 23:00 UTC of 31 October 2024
		assertThat(windows.reaches("telephone_traffic", ANSWERED, Instant.parse("2024-10-31T23:00:00Z"))).isTrue();
		assertThat(windows.reaches("telephone_traffic", ANSWERED, Instant.parse("2024-10-31T22:59:59Z"))).isFalse();
		assertThat(windows.earliest()).isEqualTo(Instant.parse("2024-10-31T23:00:00Z"));
	}

	@Test
	void aCategoryTheClassHasNoWindowForIsNotReached() {
		HandoverAnswers.Windows windows = new HandoverAnswers.Windows(ORDINARY, ROME, Instant.now());
		assertThat(windows.reaches("telematic_traffic", Map.of(), Instant.now())).isFalse();
	}

}
