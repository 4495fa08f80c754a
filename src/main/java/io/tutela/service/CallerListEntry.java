package io.tutela.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * A caller a client controller blacklists or marks as VIP (MySegretaria), by number in
 * E.164; one entry per number.
 */
record CallerListEntry(UUID id, String controllerId, String number, @Nullable String name, String kind, String category,
		List<String> purposes, String source, Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.CALLER_LIST;

	static final List<String> KINDS = List.of("blacklist", "vip");

	/**
	 * An entry as given through the API or a row of a file.
	 *
	 * @param kind {@code blacklist} or {@code vip}
	 * @param collectedAt when the data were collected (default: when the entry was made)
	 */
	record Input(@Nullable String number, @Nullable String name, @Nullable String kind, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source,
			@Nullable Instant collectedAt) implements Fields.Tagged {

		static Input of(ImportRow row, ZoneId zone, List<FieldProblem> problems) {
			return new Input(row.get("number"), row.get("name"), row.get("kind"), row.get("category"),
					Values.list(row.get("purposes")), row.get("source"),
					Values.instant(row.get("collected_at"), "collected_at", zone, problems));
		}

	}

	/**
	 * The entry an input makes, or null with every problem added.
	 * @param collectedAt when the data were collected, if the input does not say
	 */
	static @Nullable CallerListEntry of(UUID id, String controllerId, Input in, Policy policy, Instant collectedAt,
			List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.CLIENT_CONTROLLER, problems);
		String number = Fields.phone(Fields.required(in.number(), "number", 50, problems), "number", problems);
		String name = Fields.optional(in.name(), "name", 200, problems);
		String kind = Fields.required(in.kind(), "kind", 20, problems);
		if (kind != null && !KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
			problems.add(new FieldProblem("kind", "'" + kind + "' is not one of " + String.join(", ", KINDS)));
		}
		if (problems.size() > before || tags == null || number == null || kind == null) {
			return null;
		}
		return new CallerListEntry(id, controllerId, number, name, kind.toLowerCase(Locale.ROOT), tags.category(),
				tags.purposes(), tags.source(), (in.collectedAt() != null) ? in.collectedAt() : collectedAt);
	}

}
