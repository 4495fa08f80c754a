package io.tutela.subject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.records.HeldRecord;
import io.tutela.records.RecordSource;
import io.tutela.records.RetentionSteps;
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
		return RetentionSteps.of(policy, record, asOf)
			.stream()
			.map((s) -> new Overview.RetentionStep(s.rule().id(), key(s.rule().action()),
					s.rule().duration().toString(), s.dueOn(), s.waitingFor(), s.due(), s.rule().legalReference()))
			.toList();
	}

	private static String key(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
