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
 * The metadata of a recorded call (IPKOM §8: calls to customer service are recorded after
 * a recorded message announces it, before the call is assigned to a member of staff): a
 * recording whose announcement was not played is refused.
 */
record CallRecording(UUID id, String controllerId, String callReference, @Nullable UUID subjectId,
		@Nullable String number, Instant recordedAt, @Nullable Integer durationSeconds, boolean announcementPlayed,
		String category, List<String> purposes, String source, Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.CALL_RECORDING;

	/**
	 * A recording as given through the API or a row of a file.
	 *
	 * @param callReference the call's reference in the telephone system (natural key)
	 * @param subject the subject's id or one of its identifiers, if known
	 * @param number the caller's number, if known
	 * @param announcementPlayed whether the announcement was played before the call was
	 * assigned (required, and must be true)
	 * @param collectedAt when the data were collected (default: when recorded)
	 */
	record Input(@Nullable String callReference, @Nullable String subject, @Nullable String number,
			@Nullable Instant recordedAt, @Nullable Long durationSeconds, @Nullable Boolean announcementPlayed,
			@Nullable String category, @Nullable List<String> purposes, @Nullable String source,
			@Nullable Instant collectedAt) implements Fields.Tagged {

		static Input of(ImportRow row, ZoneId zone, List<FieldProblem> problems) {
			String text = row.get("announcement_played");
			int before = problems.size();
			Boolean played = (text != null) ? Values.flag(text, "announcement_played", problems) : null;
			return new Input(row.get("call_reference"), row.get("subject"), row.get("number"),
					Fields.time(row.get("recorded_at"), "recorded_at", problems),
					Fields.whole(row.get("duration_seconds"), "duration_seconds", problems),
					(problems.size() > before) ? null : played, row.get("category"), Values.list(row.get("purposes")),
					row.get("source"), Values.instant(row.get("collected_at"), "collected_at", zone, problems));
		}

	}

	/** The recording an input makes, or null with every problem added. */
	static @Nullable CallRecording of(UUID id, String controllerId, @Nullable UUID subjectId, Input in, Policy policy,
			List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.SERVICE_GENERATED, problems);
		String reference = Fields.required(in.callReference(), "call_reference", 200, problems);
		String number = Fields.phone(Fields.optional(in.number(), "number", 50, problems), "number", problems);
		Instant recorded = Fields.required(in.recordedAt(), "recorded_at", problems);
		Long duration = in.durationSeconds();
		if (duration != null && (duration < 0 || duration > Integer.MAX_VALUE)) {
			problems.add(new FieldProblem("duration_seconds", "must be a number of seconds from 0"));
		}
		Boolean played = Fields.required(in.announcementPlayed(), "announcement_played", problems);
		if (Boolean.FALSE.equals(played)) {
			problems.add(new FieldProblem("announcement_played",
					"a call is recorded only after the announcement: the notice promises it is played before the call "
							+ "is assigned to a member of staff"));
		}
		if (problems.size() > before || tags == null || reference == null || recorded == null || played == null) {
			return null;
		}
		return new CallRecording(id, controllerId, reference, subjectId, number, recorded,
				(duration != null) ? duration.intValue() : null, true, tags.category(), tags.purposes(), tags.source(),
				(in.collectedAt() != null) ? in.collectedAt() : recorded);
	}

}
