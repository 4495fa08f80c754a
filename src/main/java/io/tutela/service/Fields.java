package io.tutela.service;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.Tags;
import io.tutela.subject.EmailAddresses;
import io.tutela.subject.PhoneNumbers;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Checks shared by the API and the imports, each problem named by its field (the import
 * column's name, also in API answers), and the plain conversions of the SQL rows.
 */
final class Fields {

	private static final Pattern UUID_FORM = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Fields() {
	}

	/** The tags a record asks for, checked against the policy's mapping of its kind. */
	interface Tagged {

		@Nullable String category();

		@Nullable List<String> purposes();

		@Nullable String source();

	}

	/**
	 * The tags of a record of a kind.
	 * @throws Tags.NotInPolicyException when the notice does not cover the kind
	 */
	static @Nullable Tags tags(Policy policy, RecordKind kind, Tagged input, Policy.Source defaultSource,
			List<FieldProblem> problems) {
		return Tags.of(policy, Tags.mapping(policy, kind), input.category(), input.purposes(), input.source(),
				defaultSource, problems);
	}

	static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** A text that must be given, at most {@code max} characters long. */
	static @Nullable String required(@Nullable String value, String field, int max, List<FieldProblem> problems) {
		String text = blank(value);
		if (text == null) {
			problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		return optional(text, field, max, problems);
	}

	/** A text that may be absent, at most {@code max} characters long. */
	static @Nullable String optional(@Nullable String value, String field, int max, List<FieldProblem> problems) {
		String text = blank(value);
		if (text != null && text.length() > max) {
			problems.add(new FieldProblem(field, "is longer than " + max + " characters"));
			return null;
		}
		return text;
	}

	/**
	 * A value that must be given (a value of a file that could not be read is already a
	 * problem of its field).
	 */
	static <T> @Nullable T required(@Nullable T value, String field, List<FieldProblem> problems) {
		if (value == null && problems.stream().noneMatch((p) -> p.field().equals(field))) {
			problems.add(new FieldProblem(field, "is required"));
		}
		return value;
	}

	/**
	 * An e-mail address checked and normalised, or null (with a problem if it is bad).
	 */
	static @Nullable String email(@Nullable String value, String field, List<FieldProblem> problems) {
		String text = blank(value);
		if (text == null) {
			return null;
		}
		EmailAddresses.Result result = EmailAddresses.normalise(text);
		if (result instanceof EmailAddresses.Invalid invalid) {
			problems.add(new FieldProblem(field, invalid.reason()));
			return null;
		}
		return result.orElseThrow().address();
	}

	/**
	 * A phone number in E.164 (read as Italian without country code), or null (with a
	 * problem if it is bad).
	 */
	static @Nullable String phone(@Nullable String value, String field, List<FieldProblem> problems) {
		String text = blank(value);
		if (text == null) {
			return null;
		}
		PhoneNumbers.Result result = PhoneNumbers.normalise(text);
		if (result instanceof PhoneNumbers.Invalid invalid) {
			problems.add(new FieldProblem(field, invalid.reason()));
			return null;
		}
		return result.orElseThrow().e164();
	}

	/**
	 * An instant from a file, with its time and offset ({@code 2024-01-15T10:30:00Z}): a
	 * date alone does not say when.
	 */
	static @Nullable Instant time(@Nullable String text, String field, List<FieldProblem> problems) {
		String value = blank(text);
		if (value == null) {
			return null;
		}
		try {
			return java.time.OffsetDateTime.parse(value).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "'" + value + "' is not a time with offset (2024-01-15T10:30:00Z)"));
			return null;
		}
	}

	/** A whole number from a file, or null (with a problem if it is not one). */
	static @Nullable Long whole(@Nullable String text, String field, List<FieldProblem> problems) {
		String value = blank(text);
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			problems.add(new FieldProblem(field, "'" + value + "' is not a whole number"));
			return null;
		}
	}

	/** A list from a file, its items written with {@code ;} between them. */
	static @Nullable List<String> items(@Nullable String text) {
		String value = blank(text);
		if (value == null) {
			return null;
		}
		return Arrays.stream(value.split(";")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	/** A number to search for: in E.164 when it is a valid number, else as given. */
	static @Nullable String phoneFilter(@Nullable String value) {
		String text = blank(value);
		if (text == null) {
			return null;
		}
		PhoneNumbers.Result result = PhoneNumbers.normalise(text);
		return (result instanceof PhoneNumbers.Valid valid) ? valid.e164() : text;
	}

	/** An instant that may not come before another. */
	static void notBefore(@Nullable Instant later, @Nullable Instant earlier, String field, String what,
			List<FieldProblem> problems) {
		if (later != null && earlier != null && later.isBefore(earlier)) {
			problems.add(new FieldProblem(field, "is before " + what));
		}
	}

	/** The text as a UUID when it has a UUID's form. */
	static @Nullable UUID uuid(@Nullable String text) {
		return (text != null && UUID_FORM.matcher(text).matches()) ? UUID.fromString(text) : null;
	}

	/**
	 * A text array as PostgreSQL's {@code COPY} reads it, every item quoted, for texts
	 * with spaces or any other character.
	 */
	static String textArray(List<String> items) {
		StringBuilder out = new StringBuilder("{");
		for (int i = 0; i < items.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append('"').append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return out.append('}').toString();
	}

	static List<String> texts(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? List.copyOf(Arrays.asList((String[]) array.getArray())) : List.of();
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	static @Nullable UUID uuid(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, UUID.class);
	}

}
