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
 * Remote-assistance sessions from a file; natural key: the person's remote id and the
 * session's start. Times need their offset ({@code 2024-01-15T10:30:00Z}).
 */
@Component
class RemoteSessionImport implements ImportSpec {

	@Override
	public String name() {
		return "remote-sessions";
	}

	@Override
	public RecordKind recordKind() {
		return RemoteSession.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("subject", "remote_id", "ip_address", "started_at", "ended_at", "category", "purposes", "source",
				"collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("remote_id", "ip_address", "started_at");
	}

	@Override
	public List<String> staging() {
		return SubjectLinks.staging("remote_id text", "ip_address inet", "started_at timestamptz",
				"ended_at timestamptz", "category text", "purposes text[]", "source text", "collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		RemoteSession.Input input = RemoteSession.Input.of(row, context.policy().controller().timezone(), problems);
		RemoteSession s = RemoteSession.of(UUID.randomUUID(), context.controllerId(), null, input, context.policy(),
				problems);
		if (s == null || !problems.isEmpty()) {
			return null;
		}
		return SubjectLinks.staged(row.line(), s.id(), input.subject(), s.remoteId(), s.ipAddress(), s.startedAt(),
				s.endedAt(), s.category(), Fields.textArray(s.purposes()), s.source(), s.collectedAt());
	}

	@Override
	public List<String> prepare() {
		return List.of(SubjectLinks.PREPARE);
	}

	@Override
	public List<String> checks() {
		return SubjectLinks.checks(Sql.duplicates("started_at", "remote_id, started_at", "remote id and start"));
	}

	@Override
	public String merge() {
		Map<String, String> columns = Sql.staged("remote_id", "started_at");
		columns.put("subject_id", SubjectLinks.LINKED);
		columns.putAll(Sql.staged("ip_address", "ended_at", "category", "purposes", "source", "collected_at"));
		return Sql.merge(RemoteSessions.TABLE, List.of("remote_id", "started_at"), columns);
	}

}
