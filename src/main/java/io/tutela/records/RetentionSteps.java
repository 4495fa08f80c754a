package io.tutela.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;

/**
 * The retention steps that apply to a held record, from the policy: each first rule of
 * its category (for the record's purposes and attributes), then the rules it leads to,
 * each with the day it acts from. The subject 360 shows them; the retention engine
 * applies those due.
 */
public final class RetentionSteps {

	private RetentionSteps() {
	}

	/**
	 * One step of a retention rule for a record.
	 *
	 * @param dueOn the day from whose start the step acts; null while the event it counts
	 * from has not happened
	 * @param waitingFor the event the step waits for when {@code dueOn} is null
	 * @param due whether the step is due as of the day asked
	 */
	public record Step(Policy.RetentionRule rule, @Nullable LocalDate dueOn, @Nullable String waitingFor, boolean due) {
	}

	/** The steps of a record, as of an instant. */
	public static List<Step> of(Policy policy, HeldRecord record, Instant asOf) {
		return of(policy, record, LocalDate.ofInstant(asOf, policy.controller().timezone()));
	}

	/** The steps of a record, as of a day in the controller's time zone. */
	public static List<Step> of(Policy policy, HeldRecord record, LocalDate asOf) {
		ZoneId zone = policy.controller().timezone();
		List<Step> steps = new ArrayList<>();
		List<String> followUps = policy.retention()
			.stream()
			.map(Policy.RetentionRule::then)
			.filter(Objects::nonNull)
			.toList();
		for (Policy.RetentionRule rule : policy.rulesFor(record.category())) {
			if (followUps.contains(rule.id()) || !applies(rule, record)) {
				continue;
			}
			LocalDate previous = null;
			Policy.RetentionRule current = rule;
			int guard = 0;
			while (current != null && guard++ < 10) {
				LocalDate from = (current.trigger() == Policy.Trigger.PREVIOUS_ACTION) ? previous
						: triggerDate(current.trigger(), record, zone);
				if (from != null && current.notBefore() != null) {
					LocalDate other = triggerDate(current.notBefore(), record, zone);
					from = (other == null) ? null : (other.isAfter(from) ? other : from);
				}
				LocalDate due = (from != null) ? RetentionDates.dueOn(from, current.duration()) : null;
				String waiting = (due == null)
						? key((current.notBefore() != null && triggerDate(current.trigger(), record, zone) != null)
								? current.notBefore() : current.trigger())
						: null;
				steps.add(new Step(current, due, waiting, due != null && !asOf.isBefore(due)));
				previous = due;
				current = (current.then() != null) ? policy.rule(current.then()).orElse(null) : null;
			}
		}
		return steps;
	}

	private static boolean applies(Policy.RetentionRule rule, HeldRecord record) {
		if (rule.purpose() != null && !record.purposes().contains(rule.purpose())) {
			return false;
		}
		for (Map.Entry<String, String> condition : rule.where().entrySet()) {
			Object value = record.fields().get(condition.getKey());
			if (value == null || !String.valueOf(value).equalsIgnoreCase(condition.getValue())) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable LocalDate triggerDate(Policy.Trigger trigger, HeldRecord record, ZoneId zone) {
		return switch (trigger) {
			case COLLECTED -> LocalDate.ofInstant(record.collectedAt(), zone);
			case CONTRACT_END -> record.triggers().get("contract_end");
			case LAST_CONTACT -> record.triggers().get("last_contact");
			case LAST_ACTIVITY -> record.triggers().get("last_activity");
			case REQUEST -> record.triggers().get("request");
			case PREVIOUS_ACTION -> null;
		};
	}

	/** An enum's key as the policy writes it ({@code contract_end}). */
	public static String key(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
