package io.tutela.service;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.subject.PhoneNumbers;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * How the virtual receptionist answers for one client controller (MySegretaria: the
 * instructions given in the user area): the hours the client is available on each
 * weekday, where calls are forwarded and when (busy, no answer, out of hours…), each to a
 * number in E.164, and the e-mail address notifications go to.
 */
record ReceptionistConfig(java.util.UUID id, String controllerId, List<Hours> availability, List<Forwarding> forwarding,
		@Nullable String notificationEmail, String category, List<String> purposes, String source,
		Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.RECEPTIONIST_CONFIG;

	/** The weekdays, in order, by their short names. */
	static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

	/** When a call is forwarded. */
	static final List<String> CONDITIONS = List.of("always", "busy", "no_answer", "out_of_hours", "unreachable");

	private static final Map<String, String> DAY_NAMES = Map.of("monday", "mon", "tuesday", "tue", "wednesday", "wed",
			"thursday", "thu", "friday", "fri", "saturday", "sat", "sunday", "sun");

	private static final Pattern HOURS = Pattern.compile("(\\S+)\\s+(\\S+)\\s*-\\s*(\\S+)");

	/**
	 * Hours of availability on a weekday: {@code mon}, {@code 09:00} to {@code 13:00}.
	 */
	record Hours(String weekday, String from, String to) {

		/** As stored: {@code mon 09:00-13:00}. */
		String text() {
			return this.weekday + " " + this.from + "-" + this.to;
		}

		static Hours parse(String text) {
			Matcher m = HOURS.matcher(text.strip());
			return m.matches() ? new Hours(m.group(1), m.group(2), m.group(3)) : new Hours(text, "", "");
		}

	}

	/** Calls are forwarded to a number on a condition: {@code busy}, {@code +3906…}. */
	record Forwarding(String condition, String number) {

		/** As stored: {@code busy +390612345678}. */
		String text() {
			return this.condition + " " + this.number;
		}

		static Forwarding parse(String text) {
			String entry = text.strip();
			int space = entry.indexOf(' ');
			return (space < 0) ? new Forwarding(entry, "")
					: new Forwarding(entry.substring(0, space), entry.substring(space + 1));
		}

	}

	/**
	 * A configuration as given through the API or a row of a file (where
	 * {@code availability} is written {@code mon 09:00-13:00; mon 14:00-18:00} and
	 * {@code forwarding} {@code busy +39 06 1234567; no_answer 333 1234567}).
	 *
	 * @param collectedAt when the data were collected (default: when first configured)
	 */
	record Input(@Nullable List<Hours> availability, @Nullable List<Forwarding> forwarding,
			@Nullable String notificationEmail, @Nullable String category, @Nullable List<String> purposes,
			@Nullable String source, @Nullable Instant collectedAt) implements Fields.Tagged {

		static Input of(ImportRow row, ZoneId zone, List<FieldProblem> problems) {
			List<String> hours = Fields.items(row.get("availability"));
			List<String> forwarding = Fields.items(row.get("forwarding"));
			return new Input((hours != null) ? hours.stream().map(Hours::parse).toList() : null,
					(forwarding != null) ? forwarding.stream().map(Forwarding::parse).toList() : null,
					row.get("notification_email"), row.get("category"), Values.list(row.get("purposes")),
					row.get("source"), Values.instant(row.get("collected_at"), "collected_at", zone, problems));
		}

	}

	/**
	 * The configuration an input makes, or null with every problem added.
	 * @param collectedAt when the data were collected, if the input does not say
	 */
	static @Nullable ReceptionistConfig of(java.util.UUID id, String controllerId, Input in, Policy policy,
			Instant collectedAt, List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.CLIENT_CONTROLLER, problems);
		List<Hours> hours = availability((in.availability() != null) ? in.availability() : List.of(), problems);
		List<Forwarding> forwarding = forwarding((in.forwarding() != null) ? in.forwarding() : List.of(), problems);
		String email = Fields.email(in.notificationEmail(), "notification_email", problems);
		if (problems.size() > before || tags == null) {
			return null;
		}
		return new ReceptionistConfig(id, controllerId, hours, forwarding, email, tags.category(), tags.purposes(),
				tags.source(), (in.collectedAt() != null) ? in.collectedAt() : collectedAt);
	}

	private static List<Hours> availability(List<Hours> given, List<FieldProblem> problems) {
		List<Hours> hours = new ArrayList<>();
		for (Hours h : given) {
			String day = (h.weekday() == null) ? null : h.weekday().strip().toLowerCase(Locale.ROOT);
			day = DAY_NAMES.getOrDefault(day, day);
			LocalTime from = time(h.from());
			LocalTime to = time(h.to());
			if (day == null || !WEEKDAYS.contains(day) || from == null || to == null) {
				problems.add(new FieldProblem("availability", "each entry is a weekday (" + String.join(", ", WEEKDAYS)
						+ ") and hours from and to " + "(mon 09:00-13:00)"));
				return List.of();
			}
			if (!to.isAfter(from)) {
				problems.add(new FieldProblem("availability", "hours on " + day + " end before they start"));
				return List.of();
			}
			hours.add(new Hours(day, from.toString(), to.toString()));
		}
		hours.sort(Comparator.comparing((Hours h) -> WEEKDAYS.indexOf(h.weekday())).thenComparing(Hours::from));
		for (int i = 1; i < hours.size(); i++) {
			Hours previous = hours.get(i - 1);
			Hours current = hours.get(i);
			if (previous.weekday().equals(current.weekday()) && current.from().compareTo(previous.to()) < 0) {
				problems.add(new FieldProblem("availability", "hours on " + current.weekday() + " overlap"));
				return List.of();
			}
		}
		return List.copyOf(hours);
	}

	private static @Nullable LocalTime time(@Nullable String text) {
		if (text == null || !text.strip().matches("[0-9]{1,2}:[0-9]{2}")) {
			return null;
		}
		try {
			String t = text.strip();
			return LocalTime.parse((t.length() == 4) ? "0" + t : t);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static List<Forwarding> forwarding(List<Forwarding> given, List<FieldProblem> problems) {
		List<Forwarding> rules = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Forwarding f : given) {
			String condition = (f.condition() == null) ? "" : f.condition().strip().toLowerCase(Locale.ROOT);
			if (!CONDITIONS.contains(condition)) {
				problems.add(new FieldProblem("forwarding",
						"'" + condition + "' is not a condition (" + String.join(", ", CONDITIONS) + ")"));
				continue;
			}
			if (!seen.add(condition)) {
				problems.add(new FieldProblem("forwarding", "calls are forwarded once on '" + condition + "'"));
				continue;
			}
			String number = Fields.blank(f.number());
			if (number == null) {
				problems.add(new FieldProblem("forwarding", "'" + condition + "' needs a number"));
				continue;
			}
			PhoneNumbers.Result result = PhoneNumbers.normalise(number);
			if (result instanceof PhoneNumbers.Invalid invalid) {
				problems.add(new FieldProblem("forwarding", "the number for '" + condition + "' " + invalid.reason()));
				continue;
			}
			rules.add(new Forwarding(condition, result.orElseThrow().e164()));
		}
		rules.sort(Comparator.comparing((Forwarding r) -> CONDITIONS.indexOf(r.condition())));
		return List.copyOf(rules);
	}

}
