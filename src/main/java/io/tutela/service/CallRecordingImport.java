package io.tutela.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Call-recording metadata from a file: a row whose announcement was not played is
 * refused. Natural key: the call reference.
 */
@Component
class CallRecordingImport implements ImportSpec {

	@Override
	public String name() {
		return "call-recordings";
	}

	@Override
	public RecordKind recordKind() {
		return CallRecording.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("call_reference", "subject", "number", "recorded_at", "duration_seconds", "announcement_played",
				"category", "purposes", "source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("call_reference", "recorded_at", "announcement_played");
	}

	@Override
	public List<String> staging() {
		return SubjectLinks.staging("call_reference text", "number text", "recorded_at timestamptz",
				"duration_seconds integer", "announcement_played boolean", "category text", "purposes text[]",
				"source text", "collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		CallRecording.Input input = CallRecording.Input.of(row, context.policy().controller().timezone(), problems);
		CallRecording r = CallRecording.of(UUID.randomUUID(), context.controllerId(), null, input, context.policy(),
				problems);
		if (r == null || !problems.isEmpty()) {
			return null;
		}
		return SubjectLinks.staged(row.line(), r.id(), input.subject(), r.callReference(), r.number(), r.recordedAt(),
				r.durationSeconds(), r.announcementPlayed(), r.category(), Fields.textArray(r.purposes()), r.source(),
				r.collectedAt());
	}

	@Override
	public List<String> prepare() {
		return List.of(SubjectLinks.PREPARE);
	}

	@Override
	public List<String> checks() {
		return SubjectLinks.checks(Sql.duplicates("call_reference", "call_reference", "call reference"));
	}

	@Override
	public String merge() {
		Map<String, String> columns = Sql.staged("call_reference");
		columns.put("subject_id", SubjectLinks.LINKED);
		columns.putAll(Sql.staged("number", "recorded_at", "duration_seconds", "announcement_played", "category",
				"purposes", "source", "collected_at"));
		return Sql.merge(CallRecordings.TABLE, List.of("call_reference"), columns);
	}

}
