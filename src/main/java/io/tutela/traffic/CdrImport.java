package io.tutela.traffic;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Call detail records from a file: {@code caller}, {@code callee} (any form; stored in
 * E.164, read as Italian without a country code), {@code start} (an instant with its
 * offset, {@code 2026-01-15T10:30:00Z}), {@code duration_seconds}, {@code answered},
 * optional {@code cell}, {@code category} and {@code purposes} (the policy's defaults
 * otherwise). Natural key: caller, start and callee. The call is linked to the subject
 * whose phone is the caller's number, when exactly one subject has it.
 */
@Component
class CdrImport implements ImportSpec {

	/** The longest call accepted: a day. */
	static final long LONGEST_CALL = 86_400;

	private final TrafficImports.PerImport limits;

	private final JdbcClient jdbc;

	CdrImport(Clock clock, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.limits = new TrafficImports.PerImport(clock, this::subscribers);
	}

	/**
	 * The subjects calls are linked to: by the phone only one of the controller's
	 * subjects has.
	 */
	private Map<String, UUID> subscribers(String controllerId) {
		Map<String, UUID> subscribers = new HashMap<>();
		this.jdbc.sql("""
				SELECT phone, (array_agg(id))[1] AS id FROM subject
				WHERE controller_id = :c AND phone IS NOT NULL GROUP BY phone HAVING count(*) = 1""")
			.param("c", controllerId)
			.query((rs) -> {
				subscribers.put(rs.getString(1), rs.getObject(2, UUID.class));
			});
		return subscribers;
	}

	@Override
	public boolean importedFromConsole() {
		return false;
	}

	@Override
	public String name() {
		return "cdr";
	}

	@Override
	public RecordKind recordKind() {
		return Cdr.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("caller", "callee", "start", "duration_seconds", "answered", "cell", "category", "purposes");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("caller", "callee", "start", "duration_seconds", "answered");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "caller text", "callee text", "start_at timestamptz", "duration_seconds integer",
				"answered boolean", "cell text", "category text", "purposes text[]", "subject_id uuid");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		TrafficImports.Limits limits = this.limits.of(context);
		String caller = TrafficImports.number(row.get("caller"), "caller", limits, problems);
		String callee = TrafficImports.number(row.get("callee"), "callee", limits, problems);
		Instant start = TrafficImports.start(row, context, limits, problems);
		Long duration = TrafficImports.count(row.get("duration_seconds"), "duration_seconds", LONGEST_CALL, problems);
		if (row.get("answered") == null) {
			problems.add(new FieldProblem("answered", "is required: true or false"));
		}
		boolean answered = Values.flag(row.get("answered"), "answered", problems);
		String cell = Values.text(row.get("cell"), "cell", 64, problems);
		Tags tags = TrafficImports.tags(row, context, limits, problems);
		if (!problems.isEmpty() || tags == null) {
			return null;
		}
		return Arrays.asList(row.line(), caller, callee, TrafficImports.staged(row.get("start"), start), duration,
				answered, cell, tags.category(), TrafficImports.purposes(tags), limits.subscribers().get(caller));
	}

	/**
	 * Files of new calls go straight into the table.
	 */
	@Override
	public DirectLoad directLoad(Context context) {
		TrafficImports.Limits limits = this.limits.of(context);
		TrafficImports.Starts starts = new TrafficImports.Starts();
		return new DirectLoad() {

			@Override
			public List<String> prepare() {
				return List.of(TrafficImports.partitions("cdr", limits));
			}

			@Override
			public String copy() {
				return "COPY cdr (controller_id, caller, start_at, callee, duration_seconds, answered, cell, "
						+ "subject_id, category, purposes) FROM STDIN WITH (FORMAT csv)";
			}

			@Override
			public List<@Nullable Object> row(List<@Nullable Object> staged) {
				starts.add(staged.get(3));
				return Arrays.asList(context.controllerId(), staged.get(1), staged.get(3), staged.get(2), staged.get(4),
						staged.get(5), staged.get(6), staged.get(9), staged.get(7), staged.get(8));
			}

			@Override
			public List<String> loaded() {
				return starts.loaded("cdr", context, Cdr.KIND);
			}

		};
	}

	@Override
	public List<String> merged(Context context) {
		return TrafficImports.merged("cdr", context, Cdr.KIND);
	}

	@Override
	public List<String> prepare() {
		return List.of("CALL traffic_stage_partitions('cdr')");
	}

	@Override
	public List<String> checks() {
		return List.of("""
				SELECT max(line) AS line, 'start' AS field,
				       'the same call (caller, callee and start) is on line ' || min(line) AS message
				FROM import_staging GROUP BY caller, start_at, callee HAVING count(*) > 1""");
	}

	@Override
	public String merge() {
		return """
				INSERT INTO cdr AS r (controller_id, caller, start_at, callee, duration_seconds, answered, cell,
				                      subject_id, category, purposes)
				SELECT :controller, s.caller, s.start_at, s.callee, s.duration_seconds, s.answered, s.cell,
				       s.subject_id, s.category, s.purposes
				FROM import_staging s
				ON CONFLICT (controller_id, caller, start_at, callee) DO UPDATE
				SET duration_seconds = EXCLUDED.duration_seconds, answered = EXCLUDED.answered, cell = EXCLUDED.cell,
				    subject_id = EXCLUDED.subject_id, category = EXCLUDED.category, purposes = EXCLUDED.purposes
				WHERE (r.duration_seconds, r.answered, r.cell, r.subject_id, r.category, r.purposes)
				      IS DISTINCT FROM (EXCLUDED.duration_seconds, EXCLUDED.answered, EXCLUDED.cell,
				                        EXCLUDED.subject_id, EXCLUDED.category, EXCLUDED.purposes)
				RETURNING (r.loaded_at = now()) AS inserted""";
	}

}
