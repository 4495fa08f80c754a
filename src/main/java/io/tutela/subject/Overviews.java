package io.tutela.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.records.HeldRecord;
import io.tutela.records.RecordSource;
import io.tutela.records.RetentionDates;
import io.tutela.web.NotFoundException;

/** Builds the subject 360 from every module's records and the controller's policy. */
@Service
class Overviews {

	private final Subjects subjects;

	private final Policies policies;

	private final List<RecordSource> sources;

	Overviews(Subjects subjects, Policies policies, List<RecordSource> sources) {
		this.subjects = subjects;
		this.policies = policies;
		this.sources = sources;
	}

	Overview of(String controllerId, UUID subjectId, Instant asOf) {
		Subject subject = this.subjects.find(controllerId, subjectId)
			.orElseThrow(() -> new NotFoundException("subject", subjectId));
		Policy policy = this.policies.current(controllerId);
		List<HeldRecord> records = new ArrayList<>();
		for (RecordSource source : this.sources) {
			records.addAll(source.recordsOf(controllerId, subjectId));
		}
		Map<String, List<Overview.RecordView>> byCategory = new LinkedHashMap<>();
		for (HeldRecord record : records) {
			byCategory.computeIfAbsent(record.category(), (c) -> new ArrayList<>())
				.add(new Overview.RecordView(record.kind().key(), record.id(), record.source(), record.collectedAt(),
						record.purposes(), record.fields(), retention(policy, record, asOf)));
		}
		List<Overview.CategoryView> categories = new ArrayList<>();
		byCategory.forEach((categoryId, views) -> {
			Policy.Category category = policy.category(categoryId).orElse(null);
			List<String> purposeIds = views.stream().flatMap((v) -> v.purposes().stream()).distinct().toList();
			categories.add(new Overview.CategoryView(categoryId,
					(category != null) ? category.name() : new io.tutela.policy.Text(categoryId, categoryId),
					category != null && category.special(),
					purposeIds.stream()
						.map(policy::purpose)
						.flatMap(java.util.Optional::stream)
						.map((p) -> new Overview.PurposeView(p.id(), p.name(),
								p.legalBasis().stream().map((b) -> "art. " + b.article()).toList()))
						.toList(),
					policy.recipients()
						.stream()
						.filter((r) -> r.categories().contains(categoryId)
								|| r.purposes().stream().anyMatch(purposeIds::contains))
						.map((r) -> new Overview.RecipientView(r.id(), r.name(), key(r.kind()), r.country(),
								(r.transfer() != null) ? key(r.transfer().safeguard()) : null))
						.toList(),
					views));
		});
		return new Overview(subjectId, controllerId, asOf, subject.restricted(), categories);
	}

	/**
	 * The retention steps that apply to a record: each first rule of its category, then
	 * the rules it leads to.
	 */
	static List<Overview.RetentionStep> retention(Policy policy, HeldRecord record, Instant asOf) {
		ZoneId zone = policy.controller().timezone();
		List<Overview.RetentionStep> steps = new ArrayList<>();
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
				steps.add(new Overview.RetentionStep(current.id(), key(current.action()), current.duration().toString(),
						due, waiting, due != null && !LocalDate.ofInstant(asOf, zone).isBefore(due),
						current.legalReference()));
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

	private static String key(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
