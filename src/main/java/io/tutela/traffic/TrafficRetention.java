package io.tutela.traffic;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.retention.LegalHolds;
import io.tutela.retention.RetentionTarget;
import io.tutela.vault.JusticeVault;
import io.tutela.vault.VaultCall;

/**
 * Traffic data under retention: a rule of the category of calls or sessions covers the
 * records whose start is before its cutoff (and that have the attributes it selects). A
 * deletion drops the whole months that hold nothing else in one operation each (when no
 * legal hold reaches the rule), then deletes what is left record by record, leaving what
 * a hold covers.
 */
@Component
class TrafficRetention implements RetentionTarget {

	/** How many calls are read and stored in the vault in one batch. */
	private static final int BATCH = 5000;

	private final JdbcClient jdbc;

	private final JusticeVault vault;

	/** Reads a month of calls through a cursor, a batch at a time. */
	private final NamedParameterJdbcTemplate stream;

	TrafficRetention(JdbcClient jdbc, JdbcTemplate template, JusticeVault vault) {
		this.jdbc = jdbc;
		JdbcTemplate streaming = new JdbcTemplate(template.getDataSource());
		streaming.setFetchSize(BATCH);
		this.stream = new NamedParameterJdbcTemplate(streaming);
		this.vault = vault;
	}

	@Override
	public boolean covers(Policy policy, Policy.RetentionRule rule) {
		return table(policy, rule) != null;
	}

	@Override
	public long due(Policy policy, Policy.RetentionRule rule, Instant cutoff, List<LegalHolds.Scope> held) {
		long operational = operationalDue(policy, rule, cutoff, held);
		return inVault(policy, rule) ? operational
				+ this.vault.count(policy.controller().id(), rule.category(), answered(rule), vaultCutoff(cutoff, held))
				: operational;
	}

	@Override
	public long held(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held) {
		if (held.isEmpty()) {
			return 0;
		}
		return this.jdbc
			.sql("SELECT count(*) FROM " + table(policy, rule) + " WHERE " + condition(rule, List.of())
					+ " AND start_at >= :floor AND " + LegalHolds.sql(held, "subject_id", "start_at"))
			.param("controller", policy.controller().id())
			.param("cutoff", Timestamp.from(cutoff))
			.param("floor", Timestamp.from(floor))
			.query(Long.class)
			.single();
	}

	/**
	 * The vault keeps no subject: under a hold, what it holds is deleted only before the
	 * earliest time any hold reaches.
	 */
	private static Instant vaultCutoff(Instant cutoff, List<LegalHolds.Scope> held) {
		Instant result = cutoff;
		for (LegalHolds.Scope scope : held) {
			Instant from = (scope.from() != null) ? scope.from() : Instant.EPOCH;
			result = from.isBefore(result) ? from : result;
		}
		return result;
	}

	/**
	 * Whether the records a rule covers may also be in the vault (calls, on any purpose).
	 */
	private static boolean inVault(Policy policy, Policy.RetentionRule rule) {
		return "cdr".equals(table(policy, rule)) && rule.purpose() == null;
	}

	private static @Nullable Boolean answered(Policy.RetentionRule rule) {
		String answered = rule.where().get("answered");
		return (answered != null) ? Boolean.parseBoolean(answered) : null;
	}

	private long operationalDue(Policy policy, Policy.RetentionRule rule, Instant cutoff, List<LegalHolds.Scope> held) {
		return this.jdbc.sql("SELECT count(*) FROM " + table(policy, rule) + " WHERE " + condition(rule, held))
			.param("controller", policy.controller().id())
			.param("cutoff", Timestamp.from(cutoff))
			.query(Long.class)
			.single();
	}

	@Override
	public long delete(Policy policy, Policy.RetentionRule rule, Instant cutoff, List<LegalHolds.Scope> held) {
		String table = table(policy, rule);
		String controllerId = policy.controller().id();
		long dropped = 0;
		if (rule.where().isEmpty() && rule.purpose() == null && held.isEmpty()) {
			dropped = this.jdbc.sql("SELECT traffic_drop_partitions(:table, :controller, :cutoff)")
				.param("table", table)
				.param("controller", controllerId)
				.param("cutoff", Timestamp.from(cutoff))
				.query(Long.class)
				.single();
		}
		long deleted = dropped + this.jdbc.sql("DELETE FROM " + table + " WHERE " + condition(rule, held))
			.param("controller", controllerId)
			.param("cutoff", Timestamp.from(cutoff))
			.update();
		if (inVault(policy, rule)) {
			// what an earlier rule moved into the vault goes when its time there is over
			deleted += this.vault.delete(controllerId, rule.category(), answered(rule), vaultCutoff(cutoff, held));
		}
		return deleted;
	}

	/** Calls go into the vault; sessions not yet. */
	@Override
	public boolean segregates(Policy policy, Policy.RetentionRule rule) {
		return "cdr".equals(table(policy, rule));
	}

	@Override
	public long dueForSegregation(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held) {
		return this.jdbc
			.sql("SELECT count(*) FROM " + table(policy, rule) + " WHERE " + condition(rule, held)
					+ " AND start_at >= :floor")
			.param("controller", policy.controller().id())
			.param("cutoff", Timestamp.from(cutoff))
			.param("floor", Timestamp.from(floor))
			.query(Long.class)
			.single();
	}

	/**
	 * Calls go into the vault month by month (the table's monthly partitions, in UTC):
	 * each month's calls are read in one pass and stored in the vault in batches (where a
	 * call already held is left as it is), then taken out of the operational table in one
	 * operation: the whole partition dropped when the month lies wholly inside the rule's
	 * range, nothing is held and the partition holds no other controller, else one
	 * {@code DELETE} of the month's range. A run cut off before a month's removal finds
	 * the same calls again, stores nothing more and removes them.
	 */
	@Override
	public long segregate(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held) {
		String controllerId = policy.controller().id();
		Timestamp first = this.jdbc
			.sql("SELECT min(start_at) FROM cdr WHERE " + condition(rule, held) + " AND start_at >= :floor")
			.param("controller", controllerId)
			.param("cutoff", Timestamp.from(cutoff))
			.param("floor", Timestamp.from(floor))
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		if (first == null) {
			return 0;
		}
		long moved = 0;
		ZonedDateTime month = first.toInstant().atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
		while (month.toInstant().isBefore(cutoff)) {
			Instant monthStart = month.toInstant();
			Instant monthEnd = month.plusMonths(1).toInstant();
			Instant from = monthStart.isBefore(floor) ? floor : monthStart;
			Instant to = monthEnd.isAfter(cutoff) ? cutoff : monthEnd;
			moved += moveMonth(policy, rule, from, to, held, from.equals(monthStart) && to.equals(monthEnd));
			month = month.plusMonths(1);
		}
		return moved;
	}

	private long moveMonth(Policy policy, Policy.RetentionRule rule, Instant from, Instant to,
			List<LegalHolds.Scope> held, boolean wholeMonth) {
		String controllerId = policy.controller().id();
		String range = condition(rule, held) + " AND start_at >= :from AND start_at < :to";
		Map<String, Object> params = Map.of("controller", controllerId, "cutoff", Timestamp.from(to), "from",
				Timestamp.from(from), "to", Timestamp.from(to));
		List<VaultCall> calls = new ArrayList<>(BATCH);
		this.stream.query(
				"SELECT caller, callee, start_at, duration_seconds, answered, cell, category FROM cdr WHERE " + range,
				params, (ResultSet rs) -> {
					calls.add(new VaultCall(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
							rs.getInt(4), rs.getBoolean(5), rs.getString(6), rs.getString(7)));
					if (calls.size() == BATCH) {
						this.vault.store(controllerId, calls);
						calls.clear();
					}
				});
		this.vault.store(controllerId, calls);
		if (wholeMonth && held.isEmpty() && rule.where().isEmpty() && rule.purpose() == null) {
			long dropped = this.jdbc.sql("SELECT traffic_drop_partition('cdr', :controller, :month)")
				.param("controller", controllerId)
				.param("month", Timestamp.from(from))
				.query(Long.class)
				.single();
			if (dropped >= 0) {
				return dropped;
			}
		}
		return this.jdbc.sql("DELETE FROM cdr WHERE " + range).params(params).update();
	}

	private static String condition(Policy.RetentionRule rule, List<LegalHolds.Scope> held) {
		StringBuilder sql = new StringBuilder("controller_id = :controller AND start_at < :cutoff");
		if (rule.purpose() != null) {
			sql.append(" AND '").append(rule.purpose().replace("'", "''")).append("' = ANY (purposes)");
		}
		for (Map.Entry<String, String> where : rule.where().entrySet()) {
			String column = TrafficRecords.CDR_ATTRIBUTES.get(where.getKey());
			if (column != null) {
				sql.append(" AND ").append(column).append(" = ").append(Boolean.parseBoolean(where.getValue()));
			}
		}
		if (!held.isEmpty()) {
			sql.append(" AND NOT ").append(LegalHolds.sql(held, "subject_id", "start_at"));
		}
		return sql.toString();
	}

	private static @Nullable String table(Policy policy, Policy.RetentionRule rule) {
		for (RecordKind kind : new RecordKind[] { Cdr.KIND, TelematicSession.KIND }) {
			if (policy.records(kind).map((m) -> m.categories().contains(rule.category())).orElse(false)) {
				return (kind == Cdr.KIND) ? "cdr" : "telematic_session";
			}
		}
		return null;
	}

}
