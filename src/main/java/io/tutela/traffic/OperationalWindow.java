package io.tutela.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.records.RetentionDates;

/**
 * The traffic records the operational systems still keep, as the policy says: for every
 * first retention rule of the records' category (a rule no other rule leads to, such as
 * billing for 6 months or unanswered calls for 30 days), the records it covers are
 * visible only until the rule acts. The periods run from the record's start, on calendar
 * dates in the controller's time zone ({@link RetentionDates}). Written as an SQL
 * condition over the table's {@code start_at}, {@code purposes} and the attributes rules
 * may select on; a rule selecting on an attribute the table does not have covers every
 * record, which narrows the window rather than widening it.
 *
 * @param condition the SQL condition (with its parameters) a visible record meets
 * @param from the start of the window of the rules that cover every record: nothing
 * earlier is visible (null when no rule covers every record)
 */
record OperationalWindow(String condition, Map<String, Object> parameters, @Nullable Instant from) {

	/**
	 * The window of a category as of a day.
	 * @param attributes the record attributes rules may select on, each with its SQL
	 * column (boolean)
	 */
	static OperationalWindow of(Policy policy, String category, Map<String, String> attributes, LocalDate today) {
		ZoneId zone = policy.controller().timezone();
		Set<String> followUps = new HashSet<>();
		policy.retention().forEach((r) -> {
			if (r.then() != null) {
				followUps.add(r.then());
			}
		});
		List<String> conditions = new ArrayList<>();
		Map<String, Object> parameters = new LinkedHashMap<>();
		Instant from = null;
		for (Policy.RetentionRule rule : policy.rulesFor(category)) {
			if (followUps.contains(rule.id())) {
				continue;
			}
			String name = "window" + parameters.size();
			Instant cutoff = RetentionDates.firstKept(today, rule.duration()).atStartOfDay(zone).toInstant();
			parameters.put(name, java.sql.Timestamp.from(cutoff));
			List<String> selects = new ArrayList<>();
			if (rule.purpose() != null) {
				String purpose = name + "purpose";
				parameters.put(purpose, rule.purpose());
				selects.add(":" + purpose + " = ANY (purposes)");
			}
			for (Map.Entry<String, String> where : rule.where().entrySet()) {
				String column = attributes.get(where.getKey());
				if (column == null) {
					continue;
				}
				String value = name + "where" + selects.size();
				parameters.put(value, Boolean.parseBoolean(where.getValue().toLowerCase(Locale.ROOT)));
				selects.add(column + " = :" + value);
			}
			if (selects.isEmpty()) {
				conditions.add("start_at >= :" + name);
				from = (from == null || cutoff.isAfter(from)) ? cutoff : from;
			}
			else {
				conditions.add("(NOT (" + String.join(" AND ", selects) + ") OR start_at >= :" + name + ")");
			}
		}
		if (conditions.isEmpty()) {
			return new OperationalWindow("FALSE", Map.of(), null);
		}
		return new OperationalWindow(String.join(" AND ", conditions), parameters, from);
	}

	/**
	 * The longest any rule keeps records of a category, counted from the record's
	 * collection: a rule counted from the previous one's action adds to it (6 months of
	 * billing then 72 months in the vault, when the vault's period runs from the move).
	 */
	static Period longestKept(Policy policy, String category) {
		Period longest = Period.ZERO;
		for (Policy.RetentionRule rule : policy.rulesFor(category)) {
			Period kept = rule.duration();
			Policy.RetentionRule current = rule;
			int guard = 0;
			while (current.then() != null && guard++ < 10) {
				Policy.RetentionRule next = policy.rule(current.then()).orElse(null);
				if (next == null) {
					break;
				}
				kept = (next.trigger() == Policy.Trigger.PREVIOUS_ACTION) ? kept.plus(next.duration())
						: longer(kept, next.duration());
				current = next;
			}
			longest = longer(longest, kept);
		}
		return longest;
	}

	private static Period longer(Period a, Period b) {
		LocalDate day = LocalDate.of(2000, 1, 1);
		return day.plus(a).isBefore(day.plus(b)) ? b : a;
	}

}
