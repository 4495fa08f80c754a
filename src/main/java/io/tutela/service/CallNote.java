package io.tutela.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.Tags;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * A note on a call (MySegretaria: the reason for the call, noted by the secretary and
 * passed on to the client). A note the client deletes is deleted for good.
 */
record CallNote(UUID id, String controllerId, UUID callId, String note, Instant notedAt, String category,
		List<String> purposes, String source, Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.CALL_NOTE;

	/**
	 * A note as given through the API or a row of a file.
	 *
	 * @param notedAt when the note was taken (through the API, default: now)
	 * @param collectedAt when the data were collected (default: when the note was taken)
	 */
	record Input(@Nullable String note, @Nullable Instant notedAt, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source,
			@Nullable Instant collectedAt) implements Fields.Tagged {
	}

	/** The note an input makes, or null with every problem added. */
	static @Nullable CallNote of(UUID id, String controllerId, UUID callId, Input in, Policy policy,
			List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.SUBJECT, problems);
		String note = Fields.required(in.note(), "note", 10_000, problems);
		Instant noted = Fields.required(in.notedAt(), "noted_at", problems);
		if (problems.size() > before || tags == null || note == null || noted == null) {
			return null;
		}
		return new CallNote(id, controllerId, callId, note, noted, tags.category(), tags.purposes(), tags.source(),
				(in.collectedAt() != null) ? in.collectedAt() : noted);
	}

}
