package io.tutela.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.tutela.web.InvalidInputException;

/**
 * What a search of the audit log asks for: every filter is optional; {@code from} is
 * included, {@code to} excluded.
 */
record AuditSearch(@Nullable String controllerId, @Nullable Instant from, @Nullable Instant to, @Nullable String actor,
		@Nullable String action, int page, int size) {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	private static final Pattern CONTROLLER_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

	private static final int MAX_TEXT = 200;

	long offset() {
		return (long) this.page * this.size;
	}

	/**
	 * Reads a search from request parameters, checking every one.
	 * @param localZone when not null, a time without offset ({@code 2025-01-15T09:30}, as
	 * a browser's {@code datetime-local} field sends it) is read in this zone; otherwise
	 * only an ISO-8601 instant with {@code Z} or an offset is accepted
	 * @throws InvalidInputException listing every invalid parameter
	 */
	static AuditSearch parse(@Nullable String controllerId, @Nullable String from, @Nullable String to,
			@Nullable String actor, @Nullable String action, @Nullable String page, @Nullable String size,
			@Nullable ZoneId localZone) {
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		String controller = blankToNull(controllerId);
		if (controller != null && !CONTROLLER_ID.matcher(controller).matches()) {
			problems.add(new InvalidInputException.FieldProblem("controllerId",
					"a controller id is 2 to 63 lower-case letters, digits and dashes"));
		}
		Instant fromTime = time("from", from, localZone, problems);
		Instant toTime = time("to", to, localZone, problems);
		if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
			problems.add(new InvalidInputException.FieldProblem("to", "'to' must be after 'from'"));
		}
		String actorText = text("actor", actor, problems);
		String actionText = text("action", action, problems);
		int pageNumber = number("page", page, 0, 0, 1_000_000, problems);
		int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new AuditSearch(controller, fromTime, toTime, actorText, actionText, pageNumber, pageSize);
	}

	private static @Nullable Instant time(String field, @Nullable String value, @Nullable ZoneId localZone,
			List<InvalidInputException.FieldProblem> problems) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			if (localZone != null) {
				try {
					return LocalDateTime.parse(text).atZone(localZone).toInstant();
				}
				catch (DateTimeParseException notLocal) {
					// reported below
				}
			}
			problems.add(new InvalidInputException.FieldProblem(field,
					"'" + field + "' must be an ISO-8601 instant such as 2025-01-15T09:30:00Z"));
			return null;
		}
	}

	private static @Nullable String text(String field, @Nullable String value,
			List<InvalidInputException.FieldProblem> problems) {
		String text = blankToNull(value);
		if (text != null && text.length() > MAX_TEXT) {
			problems
				.add(new InvalidInputException.FieldProblem(field, "'" + field + "' is longer than 200 characters"));
			return null;
		}
		return text;
	}

	private static int number(String field, @Nullable String value, int absent, int min, int max,
			List<InvalidInputException.FieldProblem> problems) {
		String text = blankToNull(value);
		if (text == null) {
			return absent;
		}
		try {
			int number = Integer.parseInt(text);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add(new InvalidInputException.FieldProblem(field,
				"'" + field + "' must be a whole number from " + min + " to " + max));
		return absent;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
