package io.tutela.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Blacklisted and VIP callers from a file; natural key: the number in E.164.
 */
@Component
class CallerListImport implements ImportSpec {

	private final Clock clock;

	CallerListImport(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return "caller-list";
	}

	@Override
	public RecordKind recordKind() {
		return CallerListEntry.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("number", "name", "kind", "category", "purposes", "source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("number", "kind");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "number text", "name text", "kind text", "category text",
				"purposes text[]", "source text", "collected_at timestamptz", "received_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		CallerListEntry.Input input = CallerListEntry.Input.of(row, context.policy().controller().timezone(), problems);
		CallerListEntry e = CallerListEntry.of(UUID.randomUUID(), context.controllerId(), input, context.policy(),
				this.clock.instant(), problems);
		if (e == null || !problems.isEmpty()) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), e.id(), e.number(), e.name(), e.kind(), e.category(),
				Fields.textArray(e.purposes()), e.source(), input.collectedAt(), this.clock.instant()));
	}

	@Override
	public List<String> checks() {
		return List.of(Sql.duplicates("number", "number", "number"));
	}

	@Override
	public String merge() {
		Map<String, String> columns = Sql.staged("number", "name", "kind", "category", "purposes", "source");
		columns.put("collected_at", Sql.collectedAt(CallerList.TABLE, "x.number = s.number"));
		return Sql.merge(CallerList.TABLE, List.of("number"), columns);
	}

}
