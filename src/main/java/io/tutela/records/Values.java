package io.tutela.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tutela.web.InvalidInputException.FieldProblem;

/** Reading the plain values of an imported row, each problem named by its field. */
public final class Values {

	private Values() {
	}

	/**
	 * An instant: ISO-8601 with offset ({@code 2024-01-15T10:00:00Z}) or a date, taken as
	 * its start in the zone.
	 */
	public static @Nullable Instant instant(@Nullable String text, String field, ZoneId zone,
			List<FieldProblem> problems) {
		if (text == null) {
			return null;
		}
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(zone).toInstant();
			}
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field,
					"'" + text + "' is not a date (2024-01-15) or a time with offset " + "(2024-01-15T10:30:00Z)"));
			return null;
		}
	}

	public static @Nullable LocalDate date(@Nullable String text, String field, List<FieldProblem> problems) {
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "'" + text + "' is not a date in the form 2024-01-15"));
			return null;
		}
	}

	public static boolean flag(@Nullable String text, String field, List<FieldProblem> problems) {
		if (text == null) {
			return false;
		}
		return switch (text.toLowerCase(java.util.Locale.ROOT)) {
			case "true", "yes", "1", "si", "sì" -> true;
			case "false", "no", "0" -> false;
			default -> {
				problems.add(new FieldProblem(field, "'" + text + "' is not true or false"));
				yield false;
			}
		};
	}

	public static @Nullable Long cents(@Nullable String text, String field, List<FieldProblem> problems) {
		if (text == null) {
			return null;
		}
		try {
			return new java.math.BigDecimal(text).movePointRight(2).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			problems.add(new FieldProblem(field, "'" + text + "' is not an amount such as 12.50"));
			return null;
		}
	}

	/** A list written with {@code ;} or {@code ,} between its items. */
	public static @Nullable List<String> list(@Nullable String text) {
		if (text == null) {
			return null;
		}
		return Arrays.stream(text.split("[;,]")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	/** A text array as PostgreSQL reads it in {@code COPY}, for plain identifiers. */
	public static String array(List<String> items) {
		return "{" + String.join(",", items) + "}";
	}

	/** A text of at most the given length. */
	public static @Nullable String text(@Nullable String text, String field, int max, List<FieldProblem> problems) {
		if (text != null && text.length() > max) {
			problems.add(new FieldProblem(field, "is longer than " + max + " characters"));
			return null;
		}
		return text;
	}

}
