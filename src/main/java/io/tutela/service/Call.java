package io.tutela.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * A call in a client controller's call log (MySegretaria: the caller's name, number, date
 * and time of the call, and the request), the number in E.164.
 */
record Call(UUID id, String controllerId, @Nullable UUID subjectId, @Nullable String callerName, String number,
		Instant calledAt, @Nullable String request, String category, List<String> purposes, String source,
		Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.CALL_LOG;

	/**
	 * A call as given through the API or a row of a file.
	 *
	 * @param subject the caller's subject id or one of its identifiers, if known
	 * @param number the caller's number, as typed (read as Italian without country code)
	 * @param collectedAt when the data were collected (default: the time of the call)
	 */
	record Input(@Nullable String subject, @Nullable String callerName, @Nullable String number,
			@Nullable Instant calledAt, @Nullable String request, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source,
			@Nullable Instant collectedAt) implements Fields.Tagged {

		static Input of(ImportRow row, ZoneId zone, List<FieldProblem> problems) {
			return new Input(row.get("subject"), row.get("caller_name"), row.get("number"),
					Fields.time(row.get("called_at"), "called_at", problems), row.get("request"), row.get("category"),
					Values.list(row.get("purposes")), row.get("source"),
					Values.instant(row.get("collected_at"), "collected_at", zone, problems));
		}

	}

	/** The call an input makes, or null with every problem added. */
	static @Nullable Call of(UUID id, String controllerId, @Nullable UUID subjectId, Input in, Policy policy,
			List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.SUBJECT, problems);
		String name = Fields.optional(in.callerName(), "caller_name", 200, problems);
		String number = Fields.phone(Fields.required(in.number(), "number", 50, problems), "number", problems);
		Instant called = Fields.required(in.calledAt(), "called_at", problems);
		String request = Fields.optional(in.request(), "request", 5_000, problems);
		if (problems.size() > before || tags == null || number == null || called == null) {
			return null;
		}
		return new Call(id, controllerId, subjectId, name, number, called, request, tags.category(), tags.purposes(),
				tags.source(), (in.collectedAt() != null) ? in.collectedAt() : called);
	}

}
