package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Calendar arithmetic of a request's deadline in the controller's time zone: a request
 * received on a day is due on the day the policy's period later (one month from 31
 * January is the last day of February), and is late from the start of the next day. The
 * periods always come from the policy.
 */
final class Deadlines {

	private Deadlines() {
	}

	/** The day a request received at the given instant is due. */
	static LocalDate due(Instant receivedAt, ZoneId zone, Period deadline) {
		return LocalDate.ofInstant(receivedAt, zone).plus(deadline);
	}

	/** The latest day an extension may move a first deadline to. */
	static LocalDate latestExtension(LocalDate firstDue, Period extension) {
		return firstDue.plus(extension);
	}

	/**
	 * The instant a request due on the given day becomes late: the start of the next day.
	 */
	static Instant lateFrom(LocalDate due, ZoneId zone) {
		return due.plusDays(1).atStartOfDay(zone).toInstant();
	}

	/** Whether the day is past at the given instant. */
	static boolean passed(LocalDate due, Instant now, ZoneId zone) {
		return !now.isBefore(lateFrom(due, zone));
	}

	/**
	 * Calendar days left until the due day, counted in the controller's zone: 0 on the
	 * day itself, negative once it has passed.
	 */
	static long daysLeft(LocalDate due, Instant now, ZoneId zone) {
		return ChronoUnit.DAYS.between(LocalDate.ofInstant(now, zone), due);
	}

}
