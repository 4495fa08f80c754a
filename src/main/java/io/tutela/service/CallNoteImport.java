package io.tutela.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Call notes from a file, each naming its call by the caller's number and the time of the
 * call; natural key: the call and the time the note was taken.
 */
@Component
class CallNoteImport implements ImportSpec {

	/** The call {@code c} a staged note {@code s} belongs to. */
	private static final String CALL = "c.controller_id = :controller AND c.number = s.number"
			+ " AND c.called_at = s.called_at";

	@Override
	public String name() {
		return "call-notes";
	}

	@Override
	public RecordKind recordKind() {
		return CallNote.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("number", "called_at", "note", "noted_at", "category", "purposes", "source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("number", "called_at", "note", "noted_at");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "number text", "called_at timestamptz", "note text",
				"noted_at timestamptz", "category text", "purposes text[]", "source text", "collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		String number = Fields.phone(Fields.required(row.get("number"), "number", 50, problems), "number", problems);
		java.time.Instant called = Fields.required(Fields.time(row.get("called_at"), "called_at", problems),
				"called_at", problems);
		CallNote.Input input = new CallNote.Input(row.get("note"),
				Fields.time(row.get("noted_at"), "noted_at", problems), row.get("category"),
				Values.list(row.get("purposes")), row.get("source"), Values.instant(row.get("collected_at"),
						"collected_at", context.policy().controller().timezone(), problems));
		// the call is found in the database; a placeholder stands for it until the merge
		CallNote n = CallNote.of(UUID.randomUUID(), context.controllerId(), new UUID(0, 0), input, context.policy(),
				problems);
		if (n == null || !problems.isEmpty()) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), n.id(), number, called, n.note(), n.notedAt(), n.category(),
				Fields.textArray(n.purposes()), n.source(), n.collectedAt()));
	}

	@Override
	public List<String> checks() {
		return List.of(Sql.duplicates("noted_at", "number, called_at, noted_at", "call and time of note"), """
				SELECT s.line, 'called_at' AS field, 'no call from this number at this time' AS message
				FROM import_staging s WHERE NOT EXISTS (SELECT 1 FROM call_log c WHERE\s""" + CALL + ")");
	}

	@Override
	public String merge() {
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put("call_id", "(SELECT c.id FROM call_log c WHERE " + CALL + ")");
		columns.putAll(Sql.staged("note", "noted_at", "category", "purposes", "source", "collected_at"));
		return Sql.merge(CallNotes.TABLE, List.of("call_id", "noted_at"), columns);
	}

}
