package io.tutela.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The hours of a working day, in a time zone: {@code start} included, {@code end}
 * excluded, every day of the week.
 */
record WorkingHours(LocalTime start, LocalTime end, ZoneId zone) {

	WorkingHours {
		if (!start.isBefore(end)) {
			throw new IllegalArgumentException("working hours must start before they end: " + start + "-" + end);
		}
	}

	/**
	 * Reads {@code HH:mm-HH:mm}.
	 * @throws IllegalArgumentException for anything else
	 */
	static WorkingHours parse(String text, ZoneId zone) {
		String[] parts = text.trim().split("\\s*-\\s*");
		if (parts.length != 2) {
			throw new IllegalArgumentException("working hours must read HH:mm-HH:mm, not '" + text + "'");
		}
		try {
			return new WorkingHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]), zone);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("working hours must read HH:mm-HH:mm, not '" + text + "'", ex);
		}
	}

	boolean contain(Instant instant) {
		LocalTime time = instant.atZone(this.zone).toLocalTime();
		return !time.isBefore(this.start) && time.isBefore(this.end);
	}

	/**
	 * The stretch of time outside working hours that holds the instant: from the end of
	 * one working day to the start of the next.
	 * @throws IllegalArgumentException if the instant is within working hours
	 */
	Period offHoursAround(Instant instant) {
		if (contain(instant)) {
			throw new IllegalArgumentException(instant + " is within working hours");
		}
		ZonedDateTime at = instant.atZone(this.zone);
		LocalDate day = at.toLocalDate();
		LocalDate closing = at.toLocalTime().isBefore(this.start) ? day.minusDays(1) : day;
		return new Period(closing.atTime(this.end).atZone(this.zone).toInstant(),
				closing.plusDays(1).atTime(this.start).atZone(this.zone).toInstant());
	}

	@Override
	public String toString() {
		return this.start + "-" + this.end;
	}

	/** A span of time, {@code start} included, {@code end} excluded. */
	record Period(Instant start, Instant end) {
	}

}
