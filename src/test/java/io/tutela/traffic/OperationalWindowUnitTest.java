package io.tutela.traffic;

import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Test;

import io.tutela.records.RetentionDates;

import static org.assertj.core.api.Assertions.assertThat;

/** The first day whose records a retention period still keeps, on calendar dates. */
class OperationalWindowUnitTest {

	@Test
	void aRecordIsVisibleThroughTheLastDayItsRuleKeepsIt() {
		// collected 15 January with P6M: kept through 15 July, due on 16 July
		assertThat(RetentionDates.firstKept(LocalDate.of(2026, 7, 15), Period.ofMonths(6)))
			.isEqualTo(LocalDate.of(2026, 1, 15));
		assertThat(RetentionDates.firstKept(LocalDate.of(2026, 7, 16), Period.ofMonths(6)))
			.isEqualTo(LocalDate.of(2026, 1, 16));
		assertThat(RetentionDates.firstKept(LocalDate.of(2026, 3, 31), Period.ofDays(30)))
			.isEqualTo(LocalDate.of(2026, 3, 1));
	}

	@Test
	void monthEndsAgreeWithTheDueDates() {
		// 30 September + 6 months is 30 March: on 31 March it is due, 1 October is kept
		LocalDate today = LocalDate.of(2026, 3, 31);
		LocalDate first = RetentionDates.firstKept(today, Period.ofMonths(6));
		assertThat(first).isEqualTo(LocalDate.of(2025, 10, 1));
		for (LocalDate day = first.minusDays(40); day.isBefore(first.plusDays(40)); day = day.plusDays(1)) {
			boolean kept = RetentionDates.dueOn(day, Period.ofMonths(6)).isAfter(today);
			assertThat(kept).as(day.toString()).isEqualTo(!day.isBefore(first));
		}
	}

}
