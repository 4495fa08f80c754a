package io.tutela.vault;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the vault holds before a cutoff, by whole months: counted from the months' counts
 * the vault keeps as it stores, deleted by dropping a controller's month partitions; only
 * the part of a month before a cutoff inside it (or records selected by an attribute) is
 * read or deleted record by record.
 */
final class VaultMonths {

	private final JdbcClient jdbc;

	VaultMonths(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long count(String controllerId, VaultRecords kind, String category, @Nullable Boolean answered, Instant cutoff) {
		if (answered != null) {
			return this.jdbc
				.sql("SELECT count(*) FROM vault." + kind.table() + " WHERE " + BEFORE + " AND answered = " + answered)
				.params(before(controllerId, category, cutoff))
				.query(Long.class)
				.single();
		}
		Instant month = monthOf(cutoff);
		long whole = this.jdbc.sql("""
				SELECT coalesce(sum(records), 0) FROM vault.month_count
				WHERE kind = :kind AND controller_id = :controller AND category = :category AND month < :month""")
			.param("kind", kind.table())
			.param("controller", controllerId)
			.param("category", category)
			.param("month", Timestamp.from(month))
			.query(Long.class)
			.single();
		if (month.equals(cutoff)) {
			return whole;
		}
		Map<String, Object> params = before(controllerId, category, cutoff);
		params.put("month", Timestamp.from(month));
		return whole + this.jdbc
			.sql("SELECT count(*) FROM vault." + kind.table() + " WHERE " + BEFORE + " AND start_at >= :month")
			.params(params)
			.query(Long.class)
			.single();
	}

	long delete(String controllerId, VaultRecords kind, String category, @Nullable Boolean answered, Instant cutoff) {
		long dropped = 0;
		if (answered == null) {
			dropped = this.jdbc.sql("SELECT vault.drop_months(:kind, :controller, :category, :cutoff)")
				.param("kind", kind.table())
				.param("controller", controllerId)
				.param("category", category)
				.param("cutoff", Timestamp.from(cutoff))
				.query(Long.class)
				.single();
		}
		Map<String, Object> params = before(controllerId, category, cutoff);
		params.put("kind", kind.table());
		return dropped + this.jdbc.sql("WITH gone AS (DELETE FROM vault." + kind.table() + " WHERE " + BEFORE
				+ ((answered != null) ? " AND answered = " + answered : "") + """
						 RETURNING date_trunc('month', start_at, 'UTC') AS month),
						counted AS (SELECT month, count(*) AS n FROM gone GROUP BY month),
						tallied AS (UPDATE vault.month_count m SET records = m.records - c.n FROM counted c
						            WHERE m.kind = :kind AND m.controller_id = :controller AND m.category = :category
						              AND m.month = c.month)
						SELECT coalesce(sum(n), 0) FROM counted""")
			.params(params)
			.query(Long.class)
			.single();
	}

	private static final String BEFORE = "controller_id = :controller AND category = :category AND start_at < :cutoff";

	private static Map<String, Object> before(String controllerId, String category, Instant cutoff) {
		Map<String, Object> params = new HashMap<>();
		params.put("controller", controllerId);
		params.put("category", category);
		params.put("cutoff", Timestamp.from(cutoff));
		return params;
	}

	/** The start of the month (UTC) an instant is in. */
	static Instant monthOf(Instant instant) {
		ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
		return utc.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
	}

}
