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
 * The receptionist configuration from a file of one row: {@code availability} as
 * {@code mon 09:00-13:00; mon 14:00-18:00}, {@code forwarding} as
 * {@code busy +39 06 1234567; no_answer 333 1234567}, {@code notification_email}. Natural
 * key: the controller (one configuration each).
 */
@Component
class ReceptionistConfigImport implements ImportSpec {

	private final Clock clock;

	ReceptionistConfigImport(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return "receptionist-config";
	}

	@Override
	public RecordKind recordKind() {
		return ReceptionistConfig.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("availability", "forwarding", "notification_email", "category", "purposes", "source",
				"collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of();
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "availability text[]", "forwarding text[]", "notification_email text",
				"category text", "purposes text[]", "source text", "collected_at timestamptz",
				"received_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		ReceptionistConfig.Input input = ReceptionistConfig.Input.of(row, context.policy().controller().timezone(),
				problems);
		ReceptionistConfig c = ReceptionistConfig.of(UUID.randomUUID(), context.controllerId(), input, context.policy(),
				this.clock.instant(), problems);
		if (c == null || !problems.isEmpty()) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), c.id(),
				Fields.textArray(c.availability().stream().map(ReceptionistConfig.Hours::text).toList()),
				Fields.textArray(c.forwarding().stream().map(ReceptionistConfig.Forwarding::text).toList()),
				c.notificationEmail(), c.category(), Fields.textArray(c.purposes()), c.source(), input.collectedAt(),
				this.clock.instant()));
	}

	@Override
	public List<String> checks() {
		return List.of("""
				SELECT max(line) AS line, 'availability' AS field,
				       'a controller has one receptionist configuration: it is already on line ' || min(line) AS message
				FROM import_staging HAVING count(*) > 1""");
	}

	@Override
	public String merge() {
		Map<String, String> columns = Sql.staged("availability", "forwarding", "notification_email", "category",
				"purposes", "source");
		columns.put("collected_at", Sql.collectedAt(ReceptionistConfigs.TABLE, "TRUE"));
		return Sql.merge(ReceptionistConfigs.TABLE, List.of(), columns);
	}

}
