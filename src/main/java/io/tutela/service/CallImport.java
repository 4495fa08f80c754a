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
 * Calls of a call log from a file; natural key: the caller's number (in E.164) and the
 * time of the call (with its offset).
 */
@Component
class CallImport implements ImportSpec {

	@Override
	public String name() {
		return "calls";
	}

	@Override
	public RecordKind recordKind() {
		return Call.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("subject", "caller_name", "number", "called_at", "request", "category", "purposes", "source",
				"collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("number", "called_at");
	}

	@Override
	public List<String> staging() {
		return SubjectLinks.staging("caller_name text", "number text", "called_at timestamptz", "request text",
				"category text", "purposes text[]", "source text", "collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		Call.Input input = Call.Input.of(row, context.policy().controller().timezone(), problems);
		Call c = Call.of(UUID.randomUUID(), context.controllerId(), null, input, context.policy(), problems);
		if (c == null || !problems.isEmpty()) {
			return null;
		}
		return SubjectLinks.staged(row.line(), c.id(), input.subject(), c.callerName(), c.number(), c.calledAt(),
				c.request(), c.category(), Fields.textArray(c.purposes()), c.source(), c.collectedAt());
	}

	@Override
	public List<String> prepare() {
		return List.of(SubjectLinks.PREPARE);
	}

	@Override
	public List<String> checks() {
		return SubjectLinks.checks(Sql.duplicates("called_at", "number, called_at", "number and time of call"));
	}

	@Override
	public String merge() {
		Map<String, String> columns = Sql.staged("number", "called_at");
		columns.put("subject_id", SubjectLinks.LINKED);
		columns.putAll(Sql.staged("caller_name", "request", "category", "purposes", "source", "collected_at"));
		return Sql.merge(Calls.TABLE, List.of("number", "called_at"), columns);
	}

}
