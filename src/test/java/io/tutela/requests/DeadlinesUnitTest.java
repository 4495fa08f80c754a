package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinesUnitTest {

	private static final ZoneId ROME = ZoneId.of("Europe/Rome");

	private static final Period MONTH = Period.parse("P1M");

	private static final Period THIRTY_DAYS = Period.parse("P30D");

	@Test
	void oneMonthFromTheLastDayOfJanuaryIsTheLastDayOfFebruary() {
		assertThat(Deadlines.due(Instant.parse("2026-01-31T10:00:00Z"), ROME, MONTH))
			.isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(Deadlines.due(Instant.parse("2028-01-31T10:00:00Z"), ROME, MONTH))
			.isEqualTo(LocalDate.of(2028, 2, 29));
		assertThat(Deadlines.due(Instant.parse("2026-03-31T10:00:00Z"), ROME, MONTH))
			.isEqualTo(LocalDate.of(2026, 4, 30));
		assertThat(Deadlines.due(Instant.parse("2026-12-15T10:00:00Z"), ROME, MONTH))
			.isEqualTo(LocalDate.of(2027, 1, 15));
	}

	@Test
	void thirtyDaysCountLeapDays() {
		assertThat(Deadlines.due(Instant.parse("2028-02-10T10:00:00Z"), ROME, THIRTY_DAYS))
			.isEqualTo(LocalDate.of(2028, 3, 11));
		assertThat(Deadlines.due(Instant.parse("2027-02-10T10:00:00Z"), ROME, THIRTY_DAYS))
			.isEqualTo(LocalDate.of(2027, 3, 12));
	}

	@Test
	void theDayOfReceiptIsTheControllersDayNotUtcs() {
		// 23:30 UTC on 31 January is already 1 February in Rome
		assertThat(Deadlines.due(Instant.parse("2026-01-31T23:30:00Z"), ROME, MONTH))
			.isEqualTo(LocalDate.of(2026, 3, 1));
		// 22:30 UTC on 30 June is 00:30 on 1 July in Rome (summer time)
		assertThat(Deadlines.due(Instant.parse("2026-06-30T22:30:00Z"), ROME, MONTH))
			.isEqualTo(LocalDate.of(2026, 8, 1));
	}

	@Test
	void aRequestIsLateFromTheStartOfTheNextDayAcrossSummerTimeChanges() {
		// clocks go forward on 29 March 2026: the 28th ends at 23:00 UTC
		LocalDate due = LocalDate.of(2026, 3, 28);
		assertThat(Deadlines.lateFrom(due, ROME)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
		assertThat(Deadlines.passed(due, Instant.parse("2026-03-28T22:59:59Z"), ROME)).isFalse();
		assertThat(Deadlines.passed(due, Instant.parse("2026-03-28T23:00:00Z"), ROME)).isTrue();
		// the 29th itself has 23 hours and ends at 22:00 UTC
		assertThat(Deadlines.lateFrom(due.plusDays(1), ROME)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
		// clocks go back on 25 October 2026: that day has 25 hours
		LocalDate october = LocalDate.of(2026, 10, 25);
		assertThat(Deadlines.lateFrom(october, ROME)).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
		assertThat(Deadlines.passed(october, Instant.parse("2026-10-25T22:30:00Z"), ROME)).isFalse();
	}

	@Test
	void daysLeftCountCalendarDaysInTheControllersZone() {
		LocalDate due = LocalDate.of(2026, 2, 28);
		assertThat(Deadlines.daysLeft(due, Instant.parse("2026-02-20T12:00:00Z"), ROME)).isEqualTo(8);
		assertThat(Deadlines.daysLeft(due, Instant.parse("2026-02-28T22:59:00Z"), ROME)).isZero();
		assertThat(Deadlines.daysLeft(due, Instant.parse("2026-02-28T23:00:00Z"), ROME)).isEqualTo(-1);
	}

	@Test
	void anExtensionOfTwoMonthsFollowsTheCalendar() {
		assertThat(Deadlines.latestExtension(LocalDate.of(2026, 12, 31), Period.parse("P2M")))
			.isEqualTo(LocalDate.of(2027, 2, 28));
		assertThat(Deadlines.latestExtension(LocalDate.of(2027, 12, 31), Period.parse("P2M")))
			.isEqualTo(LocalDate.of(2028, 2, 29));
	}

}
