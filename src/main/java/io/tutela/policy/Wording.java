package io.tutela.policy;

import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;

/**
 * The words of a rendered notice or register in one language: labels of the policy's
 * values, periods, and each retention rule as a sentence that follows its chain of rules.
 */
public final class Wording {

	private final MessageSource messages;

	private final Locale locale;

	private final String lang;

	Wording(MessageSource messages, String lang) {
		this.messages = messages;
		this.lang = lang;
		this.locale = Locale.forLanguageTag(lang);
	}

	public String lang() {
		return this.lang;
	}

	public String text(Text text) {
		return text.in(this.lang);
	}

	public String msg(String key, Object... args) {
		return this.messages.getMessage(key, args, this.locale);
	}

	/** The label of a policy value, as in {@code label("basis", LegalBasis.CONTRACT)}. */
	public String label(String prefix, Object value) {
		String name = (value instanceof Enum<?> e) ? e.name().toLowerCase(Locale.ROOT) : value.toString();
		return this.messages.getMessage(prefix + "." + name, null, name, this.locale);
	}

	public String labels(String prefix, List<?> values) {
		return values.stream().map((v) -> label(prefix, v)).collect(Collectors.joining(", "));
	}

	public String period(Period period) {
		if (period.isZero()) {
			return msg("period.immediately");
		}
		List<String> parts = new ArrayList<>();
		if (period.getYears() != 0) {
			parts.add(msg("period.years", period.getYears()));
		}
		if (period.getMonths() != 0) {
			parts.add(msg("period.months", period.getMonths()));
		}
		if (period.getDays() != 0) {
			parts.add(msg("period.days", period.getDays()));
		}
		return String.join(msg("period.and"), parts);
	}

	/** A rule and the rules it leads to, as one sentence. */
	public String retention(Policy policy, Policy.RetentionRule rule) {
		StringBuilder sentence = new StringBuilder(step(rule));
		Set<String> seen = new HashSet<>();
		seen.add(rule.id());
		Policy.RetentionRule current = rule;
		while (current.then() != null && seen.add(current.then())) {
			current = policy.rule(current.then()).orElse(null);
			if (current == null) {
				break;
			}
			sentence.append(msg("retention.then")).append(step(current));
		}
		return sentence.toString();
	}

	private String step(Policy.RetentionRule rule) {
		String action = label("action", rule.action());
		if (rule.duration().isZero()) {
			return msg("retention.sentence.immediate", "", label("triggerAt", rule.trigger()), action);
		}
		String from = label("trigger", rule.trigger());
		if (rule.notBefore() != null) {
			from = msg("retention.notBefore", label("triggerNoun", rule.trigger()),
					label("triggerNoun", rule.notBefore()));
		}
		return msg("retention.sentence", period(rule.duration()), from, action);
	}

	/** The names of categories given by id. */
	public String categories(Policy policy, List<String> ids) {
		return ids.stream()
			.map((id) -> policy.category(id).map((c) -> text(c.name())).orElse(id))
			.collect(Collectors.joining(", "));
	}

	/** The rules that start a chain: those no other rule leads to. */
	public List<Policy.RetentionRule> firstRules(Policy policy) {
		Set<String> followUps = policy.retention()
			.stream()
			.map(Policy.RetentionRule::then)
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet());
		return policy.retention().stream().filter((r) -> !followUps.contains(r.id())).toList();
	}

}
