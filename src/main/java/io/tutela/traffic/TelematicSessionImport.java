package io.tutela.traffic;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.service.IpAddresses;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Telematic sessions from a file: {@code subscriber} (the account the network
 * authenticated), {@code assigned_ip}, {@code start} and {@code end} (instants with their
 * offset), {@code bytes_up}, {@code bytes_down}, optional {@code category} and
 * {@code purposes}. Natural key: the address and the start. The session is linked to the
 * subject whose customer code or portal account is the subscriber, when exactly one
 * subject has it.
 */
@Component
class TelematicSessionImport implements ImportSpec {

	private final TrafficImports.PerImport limits;

	TelematicSessionImport(Clock clock) {
		this.limits = new TrafficImports.PerImport(clock, (controller) -> Map.of());
	}

	@Override
	public boolean importedFromConsole() {
		return false;
	}

	@Override
	public String name() {
		return "telematic-session";
	}

	@Override
	public RecordKind recordKind() {
		return TelematicSession.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("subscriber", "assigned_ip", "start", "end", "bytes_up", "bytes_down", "category", "purposes");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("subscriber", "assigned_ip", "start");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "subscriber text", "assigned_ip inet", "start_at timestamptz",
				"end_at timestamptz", "bytes_up bigint", "bytes_down bigint", "category text", "purposes text[]");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		String subscriber = Values.text(row.get("subscriber"), "subscriber", 200, problems);
		if (row.get("subscriber") == null) {
			problems.add(new FieldProblem("subscriber", "is required"));
		}
		String text = row.get("assigned_ip");
		String ip = (text != null) ? IpAddresses.canonical(text) : null;
		if (ip == null) {
			problems.add(new FieldProblem("assigned_ip", (text == null) ? "is required" : "is not an IP address"));
		}
		TrafficImports.Limits limits = this.limits.of(context);
		Instant start = TrafficImports.start(row, context, limits, problems);
		Instant end = Values.instant(row.get("end"), "end", context.policy().controller().timezone(), problems);
		if (start != null && end != null && end.isBefore(start)) {
			problems.add(new FieldProblem("end", "is before the start"));
		}
		Long up = TrafficImports.count(row.get("bytes_up"), "bytes_up", Long.MAX_VALUE, problems);
		Long down = TrafficImports.count(row.get("bytes_down"), "bytes_down", Long.MAX_VALUE, problems);
		Tags tags = TrafficImports.tags(row, context, limits, problems);
		if (!problems.isEmpty() || tags == null) {
			return null;
		}
		return Arrays.asList(row.line(), subscriber, ip, TrafficImports.staged(row.get("start"), start), end, up, down,
				tags.category(), TrafficImports.purposes(tags));
	}

	@Override
	public List<String> prepare() {
		return List.of("CALL traffic_stage_partitions('telematic_session')");
	}

	@Override
	public List<String> checks() {
		return List.of("""
				SELECT max(line) AS line, 'start' AS field,
				       'the same session (address and start) is on line ' || min(line) AS message
				FROM import_staging GROUP BY assigned_ip, start_at HAVING count(*) > 1""");
	}

	@Override
	public List<String> merged(Context context) {
		return TrafficImports.merged("telematic_session", context, TelematicSession.KIND);
	}

	@Override
	public String merge() {
		return """
				INSERT INTO telematic_session AS r (controller_id, assigned_ip, start_at, subscriber, end_at, bytes_up,
				                                    bytes_down, subject_id, category, purposes)
				SELECT :controller, s.assigned_ip, s.start_at, s.subscriber, s.end_at, s.bytes_up, s.bytes_down, k.id,
				       s.category, s.purposes
				FROM import_staging s
				LEFT JOIN (SELECT ref, (array_agg(id))[1] AS id
				           FROM (SELECT customer_code AS ref, id FROM subject
				                 WHERE controller_id = :controller AND customer_code IS NOT NULL
				                 UNION
				                 SELECT portal_account, id FROM subject
				                 WHERE controller_id = :controller AND portal_account IS NOT NULL) x
				           GROUP BY ref HAVING count(*) = 1) k ON k.ref = s.subscriber
				ON CONFLICT (controller_id, assigned_ip, start_at) DO UPDATE
				SET subscriber = EXCLUDED.subscriber, end_at = EXCLUDED.end_at, bytes_up = EXCLUDED.bytes_up,
				    bytes_down = EXCLUDED.bytes_down, subject_id = EXCLUDED.subject_id, category = EXCLUDED.category,
				    purposes = EXCLUDED.purposes
				WHERE (r.subscriber, r.end_at, r.bytes_up, r.bytes_down, r.subject_id, r.category, r.purposes)
				      IS DISTINCT FROM (EXCLUDED.subscriber, EXCLUDED.end_at, EXCLUDED.bytes_up, EXCLUDED.bytes_down,
				                        EXCLUDED.subject_id, EXCLUDED.category, EXCLUDED.purposes)
				RETURNING (r.loaded_at = now()) AS inserted""";
	}

}
