package io.tutela.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * When a retention period ends, counted on calendar dates in the controller's time zone:
 * a record whose trigger falls on day D and whose rule keeps it for P is kept through the
 * whole of day D+P and is due from the start of the next day (collected 15 January with
 * P6M: kept through 15 July, due on 16 July; a month added to 31 March gives 30 April).
 */
public final class RetentionDates {

	private RetentionDates() {
	}

	/** The last day a record is kept. */
	public static LocalDate keptThrough(LocalDate trigger, Period period) {
		return trigger.plus(period);
	}

	/** The day from whose start the rule acts. */
	public static LocalDate dueOn(LocalDate trigger, Period period) {
		return keptThrough(trigger, period).plusDays(1);
	}

	/** The day from whose start the rule acts, for a trigger that is an instant. */
	public static LocalDate dueOn(Instant trigger, Period period, ZoneId zone) {
		return dueOn(LocalDate.ofInstant(trigger, zone), period);
	}

	/** Whether the rule acts on a record at the given instant. */
	public static boolean isDue(LocalDate trigger, Period period, Instant asOf, ZoneId zone) {
		return !LocalDate.ofInstant(asOf, zone).isBefore(dueOn(trigger, period));
	}

	/**
	 * The earliest day whose records a rule of this period still keeps on a day: the
	 * first trigger day D with D + period on or after it (on 31 March with P6M: 1
	 * October, since 30 September + 6 months is 30 March).
	 */
	public static LocalDate firstKept(LocalDate day, Period period) {
		LocalDate first = day.minus(period);
		while (!keptThrough(first.minusDays(1), period).isBefore(day)) {
			first = first.minusDays(1);
		}
		while (keptThrough(first, period).isBefore(day)) {
			first = first.plusDays(1);
		}
		return first;
	}

}
