package io.tutela.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Anomaly alerts and the per-minute read counts behind the mass-read window, in
 * PostgreSQL.
 */
@Repository
class AuditAlerts {

	private final JdbcClient jdbc;

	AuditAlerts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The statement that adds the records read per actor and minute, forgets each actor's
	 * minutes before the start of their window, and returns what each actor had read in
	 * their window before these records ({@code actor}, {@code records}): one statement
	 * for every actor (the counts it returns are those of its snapshot, taken before its
	 * own writes). Its five parameters are {@code ?}, given by {@link #countReadsParams}.
	 * Run under the chain's lock ({@link AuditEntries#lockChainAndCountReads}), so that
	 * counts need no further locking.
	 */
	static final String COUNT_READS = """
			WITH w AS (SELECT * FROM unnest(?::text[], ?::bigint[]) AS w (actor, since)),
			added AS (
			  INSERT INTO audit_read_count (actor, minute, records)
			  SELECT actor, to_timestamp(minute), records FROM unnest(?::text[], ?::bigint[], ?::bigint[])
			         AS c (actor, minute, records)
			  ON CONFLICT (actor, minute) DO UPDATE SET records = audit_read_count.records + EXCLUDED.records
			  RETURNING 1),
			forgotten AS (
			  DELETE FROM audit_read_count c USING w
			  WHERE c.actor = w.actor AND c.minute < to_timestamp(w.since)
			  RETURNING 1)
			SELECT w.actor, coalesce(sum(c.records), 0) AS records
			FROM w LEFT JOIN audit_read_count c ON c.actor = w.actor AND c.minute >= to_timestamp(w.since)
			GROUP BY w.actor""";

	/**
	 * The parameters of {@link #COUNT_READS}, in order. Counts of minutes before an
	 * actor's window are not to be given: they would be forgotten at once.
	 * @param windowStarts the start of each actor's window
	 * @param counts the records read, per actor and minute, within the windows
	 */
	static List<Object> countReadsParams(Map<String, Instant> windowStarts, List<ReadCount> counts) {
		return List.of(windowStarts.keySet().toArray(String[]::new),
				windowStarts.values().stream().mapToLong(Instant::getEpochSecond).toArray(),
				counts.stream().map(ReadCount::actor).toArray(String[]::new),
				counts.stream().mapToLong((c) -> c.minute().getEpochSecond()).toArray(),
				counts.stream().mapToLong(ReadCount::records).toArray());
	}

	/** Stores a mass-read alert, unless the same window has one: its id if stored. */
	Optional<Long> raiseMassRead(String actor, String actorRole, Instant windowStart, Instant windowEnd, long records,
			Instant raisedAt) {
		return raiseOnce(AuditAlert.MASS_READ, actor, actorRole, windowStart, windowEnd, records, raisedAt);
	}

	/** Stores an alert of a kind, unless the same window has one: its id if stored. */
	Optional<Long> raiseOnce(String kind, String actor, String actorRole, Instant windowStart, Instant windowEnd,
			long records, Instant raisedAt) {
		return this.jdbc
			.sql("""
					INSERT INTO audit_alert (kind, actor, actor_role, window_start, window_end, record_count, raised_at, last_read_at)
					VALUES (:kind, :actor, :role, :start, :end, :records, :raisedAt, :end)
					ON CONFLICT (actor, kind, window_start) DO NOTHING
					RETURNING id""")
			.param("kind", kind)
			.param("actor", actor)
			.param("role", actorRole)
			.param("start", utc(windowStart))
			.param("end", utc(windowEnd))
			.param("records", records)
			.param("raisedAt", utc(raisedAt))
			.query(Long.class)
			.optional();
	}

	/**
	 * The statement that raises an actor's off-hours alert for a period, or adds records
	 * to the one already raised, and returns its {@code id} and whether it was raised now
	 * ({@code created}). Its seven parameters are {@code ?}, given by
	 * {@link #countOffHoursParams}; it goes in the append's round trip, after
	 * {@link #COUNT_READS}.
	 */
	static final String COUNT_OFF_HOURS = """
			INSERT INTO audit_alert (kind, actor, actor_role, window_start, window_end, record_count, raised_at, last_read_at)
			VALUES ('off-hours', ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (actor, kind, window_start) DO UPDATE
			SET record_count = audit_alert.record_count + EXCLUDED.record_count,
			    last_read_at = greatest(audit_alert.last_read_at, EXCLUDED.last_read_at)
			RETURNING id, (xmax = 0) AS created""";

	/** The parameters of {@link #COUNT_OFF_HOURS}, in order. */
	static List<Object> countOffHoursParams(OffHoursCount count) {
		return List.of(count.actor(), count.actorRole(), utc(count.period().start()), utc(count.period().end()),
				count.records(), utc(count.raisedAt()), utc(count.lastReadAt()));
	}

	/** Alerts, newest first. */
	List<AuditAlert> list(int limit, long offset) {
		return this.jdbc.sql("""
				SELECT id, kind, actor, actor_role, window_start, window_end, record_count, raised_at, last_read_at
				FROM audit_alert ORDER BY raised_at DESC, id DESC LIMIT :limit OFFSET :offset""")
			.param("limit", limit)
			.param("offset", offset)
			.query(AuditAlerts::alert)
			.list();
	}

	/** Records an actor read within a minute. */
	record ReadCount(String actor, Instant minute, long records) {
	}

	/**
	 * Records an actor read outside working hours, in one off-hours period: what
	 * {@link #COUNT_OFF_HOURS} adds.
	 */
	record OffHoursCount(String actor, String actorRole, WorkingHours.Period period, long records, Instant lastReadAt,
			Instant raisedAt) {
	}

	private static AuditAlert alert(ResultSet rs, int row) throws SQLException {
		return new AuditAlert(rs.getLong("id"), rs.getString("kind"), rs.getString("actor"), rs.getString("actor_role"),
				instant(rs, "window_start"), instant(rs, "window_end"), rs.getLong("record_count"),
				instant(rs, "raised_at"), instant(rs, "last_read_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
