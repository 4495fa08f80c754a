package io.tutela.traffic;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.retention.LegalHolds;
import io.tutela.retention.RetentionTarget;
import io.tutela.vault.JusticeVault;
import io.tutela.vault.VaultRecords;

/**
 * Traffic data under retention: a rule of the category of calls or sessions covers the
 * records whose start is before its cutoff (and that have the attributes it selects).
 * Where the policy moves the kind into the justice vault, each record's sealed copy is
 * made soon after ingest ({@link TrafficSealing}): a month leaving the operational period
 * is already in the vault, and leaves the operational table by dropping its partition (or
 * one {@code DELETE} of its range where a hold, an attribute or another controller is in
 * it), never while an import's records of it are still to be sealed. Whole months are
 * counted from the counts kept as records are sealed, not read.
 */
@Component
class TrafficRetention implements RetentionTarget {

	private final JdbcClient jdbc;

	private final JusticeVault vault;

	private final TrafficSealing sealing;

	TrafficRetention(JdbcClient jdbc, JusticeVault vault, TrafficSealing sealing) {
		this.jdbc = jdbc;
		this.vault = vault;
		this.sealing = sealing;
	}

	@Override
	public boolean covers(Policy policy, Policy.RetentionRule rule) {
		return table(policy, rule) != null;
	}

	/**
	 * A rule of the vault counts the records once: those in the vault, and those not
	 * sealed yet.
	 */
	@Override
	public long due(Policy policy, Policy.RetentionRule rule, Instant cutoff, List<LegalHolds.Scope> held) {
		String table = table(policy, rule);
		String controllerId = policy.controller().id();
		if (!inVault(policy, rule)) {
			return scan("SELECT count(*) FROM " + table + " r WHERE " + condition(rule, held), controllerId, cutoff,
					Map.of());
		}
		long unsealed = this.sealing.pending(controllerId, table) ? scan("SELECT count(*) FROM " + table + " r WHERE "
				+ condition(rule, held) + " AND NOT " + TrafficSealing.sealed(table), controllerId, cutoff, Map.of())
				: 0;
		return unsealed + this.vault.count(controllerId, records(table), rule.category(), answered(rule),
				vaultCutoff(cutoff, held));
	}

	@Override
	public long held(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held) {
		if (held.isEmpty()) {
			return 0;
		}
		return scan(
				"SELECT count(*) FROM " + table(policy, rule) + " r WHERE " + condition(rule, List.of())
						+ " AND start_at >= :floor AND " + LegalHolds.sql(held, "subject_id", "start_at"),
				policy.controller().id(), cutoff, Map.of("floor", Timestamp.from(floor)));
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
	 * Whether the records a rule covers are also in the vault: the policy moves their
	 * kind there, and the rule applies whatever the purpose.
	 */
	private static boolean inVault(Policy policy, Policy.RetentionRule rule) {
		return rule.purpose() == null && TrafficImports.sealed(policy, kind(table(policy, rule)));
	}

	private static @Nullable Boolean answered(Policy.RetentionRule rule) {
		String answered = rule.where().get("answered");
		return (answered != null) ? Boolean.parseBoolean(answered) : null;
	}

	/**
	 * Deletes what the rule makes due: the whole months that hold nothing else dropped,
	 * the rest deleted record by record; for a rule of the vault, after sealing what is
	 * still to be sealed, in the vault too (its whole months dropped), reporting the
	 * records deleted from the vault (the operational ones were their copies).
	 */
	@Override
	public long delete(Policy policy, Policy.RetentionRule rule, Instant cutoff, List<LegalHolds.Scope> held) {
		String table = table(policy, rule);
		String controllerId = policy.controller().id();
		boolean vaulted = inVault(policy, rule);
		if (vaulted) {
			this.sealing.sealPending(controllerId, table);
		}
		long dropped = 0;
		if (rule.where().isEmpty() && rule.purpose() == null && held.isEmpty()) {
			dropped = this.jdbc.sql("SELECT traffic_drop_partitions(:table, :controller, :cutoff)")
				.param("table", table)
				.param("controller", controllerId)
				.param("cutoff", Timestamp.from(cutoff))
				.query(Long.class)
				.single();
		}
		long deleted = dropped + deleteCounted(table, controllerId,
				condition(rule, held) + (vaulted ? " AND " + TrafficSealing.sealed(table) : ""), cutoff, Map.of());
		if (!vaulted) {
			return deleted;
		}
		// what an earlier rule moved into the vault goes when its time there is over
		return this.vault.delete(controllerId, records(table), rule.category(), answered(rule),
				vaultCutoff(cutoff, held));
	}

	/** Calls and sessions go into the vault. */
	@Override
	public boolean segregates(Policy policy, Policy.RetentionRule rule) {
		return table(policy, rule) != null;
	}

	/**
	 * Counted by whole months from the months' counts when nothing is held or still to be
	 * sealed and the rule selects no purpose, reading only the smaller side of the months
	 * the floor and the cutoff cut; else read.
	 */
	@Override
	public long dueForSegregation(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held) {
		String table = table(policy, rule);
		String controllerId = policy.controller().id();
		if (!held.isEmpty() || rule.purpose() != null || this.sealing.pending(controllerId, table)) {
			return scan(
					"SELECT count(*) FROM " + table + " r WHERE " + condition(rule, held) + " AND start_at >= :floor",
					controllerId, cutoff, Map.of("floor", Timestamp.from(floor)));
		}
		Instant firstWhole = nextMonth(floor);
		Instant lastWhole = TrafficSealing.month(cutoff);
		if (!firstWhole.isBefore(lastWhole)) {
			return between(table, controllerId, rule, floor, cutoff);
		}
		return counted(table, controllerId, rule, firstWhole, lastWhole)
				+ part(table, controllerId, rule, floor, firstWhole)
				+ part(table, controllerId, rule, lastWhole, cutoff);
	}

	/** The records of the rule in the whole months of {@code [from, to)}, as counted. */
	private long counted(String table, String controllerId, Policy.RetentionRule rule, Instant from, Instant to) {
		Map<String, Object> params = new HashMap<>();
		params.put("controller", controllerId);
		params.put("kind", table);
		params.put("from", Timestamp.from(from));
		params.put("to", Timestamp.from(to));
		Boolean answered = answered(rule);
		return this.jdbc
			.sql("""
					SELECT coalesce(sum(records), 0) FROM traffic_month
					WHERE controller_id = :controller AND kind = :kind AND month >= :from AND month < :to"""
					+ ((answered != null) ? " AND answered = " + answered : ""))
			.params(params)
			.query(Long.class)
			.single();
	}

	/**
	 * The records of the rule in {@code [from, to)}, a part of one month: none when the
	 * month holds none, as counted; else the part read when it is at most half the month,
	 * or the month's count less the rest of it, read.
	 */
	private long part(String table, String controllerId, Policy.RetentionRule rule, Instant from, Instant to) {
		if (!from.isBefore(to)) {
			return 0;
		}
		Instant month = TrafficSealing.month(from);
		Instant monthEnd = nextMonth(month.plusSeconds(1));
		long whole = counted(table, controllerId, rule, month, monthEnd);
		if (whole == 0) {
			return 0;
		}
		if (Duration.between(from, to).compareTo(Duration.between(month, monthEnd).dividedBy(2)) <= 0) {
			return between(table, controllerId, rule, from, to);
		}
		return whole - between(table, controllerId, rule, month, from)
				- between(table, controllerId, rule, to, monthEnd);
	}

	/** The records of the rule in {@code [from, to)}, read. */
	private long between(String table, String controllerId, Policy.RetentionRule rule, Instant from, Instant to) {
		if (!from.isBefore(to)) {
			return 0;
		}
		return scan(
				"SELECT count(*) FROM " + table + " r WHERE " + condition(rule, List.of()) + " AND start_at >= :floor",
				controllerId, to, Map.of("floor", Timestamp.from(from)));
	}

	/**
	 * The month by month move out of the operational table of records already in the
	 * vault: what is still to be sealed is sealed first; a month the rule selects none of
	 * (by the months' counts) is passed over; a month the cutoff does not cut (the one
	 * the floor cuts included), with nothing held, no attribute or purpose selected and
	 * no other controller's records, is dropped in one operation; else its range is
	 * deleted in one {@code DELETE}, leaving what an import wrote since and is not sealed
	 * yet. A run cut off between months resumes where it stopped.
	 */
	@Override
	public long segregate(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held, boolean floorFree) {
		String table = table(policy, rule);
		String controllerId = policy.controller().id();
		this.sealing.sealPending(controllerId, table);
		Timestamp first = this.jdbc
			.sql("SELECT min(month) FROM traffic_month WHERE controller_id = :controller AND kind = :kind"
					+ " AND month >= :floor")
			.param("controller", controllerId)
			.param("kind", table)
			.param("floor", Timestamp.from(TrafficSealing.month(floor)))
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		if (first == null) {
			return 0;
		}
		long moved = 0;
		for (Instant month = first.toInstant(); month.isBefore(cutoff); month = nextMonth(month.plusSeconds(1))) {
			Instant monthEnd = nextMonth(month.plusSeconds(1));
			if (!holds(table, controllerId, month, answered(rule))) {
				continue;
			}
			Instant from = month.isBefore(floor) ? floor : month;
			Instant to = monthEnd.isAfter(cutoff) ? cutoff : monthEnd;
			boolean whole = to.equals(monthEnd) && (from.equals(month) || floorFree);
			moved += moveMonth(table, controllerId, rule, month, from, to, held, whole);
		}
		return moved;
	}

	/** Whether a month holds records (answered or not when that is given), as counted. */
	private boolean holds(String table, String controllerId, Instant month, @Nullable Boolean answered) {
		return this.jdbc
			.sql("""
					SELECT EXISTS (SELECT 1 FROM traffic_month WHERE controller_id = :controller AND kind = :kind
					  AND month = :month AND records > 0""" + ((answered != null) ? " AND answered = " + answered : "")
					+ ")")
			.param("controller", controllerId)
			.param("kind", table)
			.param("month", Timestamp.from(month))
			.query(Boolean.class)
			.single();
	}

	/**
	 * One month's records of the rule in {@code [from, to)} out of the operational table,
	 * the whole month when the caller says so and nothing else in it is kept: its records
	 * before {@code from} (the floor) are then past the next rule's cutoff, held by none
	 * of its holds and in the vault, where that rule deletes them; past this rule's
	 * cutoff too, they leave the operational table in any case. Only the records from
	 * {@code from} on are counted.
	 */
	private long moveMonth(String table, String controllerId, Policy.RetentionRule rule, Instant month, Instant from,
			Instant to, List<LegalHolds.Scope> held, boolean whole) {
		if (whole && held.isEmpty() && rule.where().isEmpty() && rule.purpose() == null) {
			long dropped = this.jdbc.sql("SELECT traffic_drop_partition(:table, :controller, :month, :from)")
				.param("table", table)
				.param("controller", controllerId)
				.param("month", Timestamp.from(month))
				.param("from", Timestamp.from(from))
				.query(Long.class)
				.single();
			if (dropped >= 0) {
				return dropped;
			}
		}
		return deleteCounted(table, controllerId,
				condition(rule, held) + " AND start_at >= :from AND " + TrafficSealing.sealed(table), to,
				Map.of("from", Timestamp.from(from)));
	}

	/**
	 * Deletes the records of a condition and takes the sealed ones among them off their
	 * months' counts.
	 * @return how many were deleted
	 */
	private long deleteCounted(String table, String controllerId, String condition, Instant cutoff,
			Map<String, Object> more) {
		Map<String, Object> params = new HashMap<>(more);
		params.put("controller", controllerId);
		params.put("cutoff", Timestamp.from(cutoff));
		params.put("kind", table);
		return this.jdbc
			.sql("WITH gone AS (DELETE FROM " + table + " r WHERE " + condition
					+ " RETURNING date_trunc('month', start_at, 'UTC') AS month, category, "
					+ (table.equals("cdr") ? "answered" : "NULL::boolean") + " AS answered, "
					+ TrafficSealing.sealed(table) + " AS counted)," + """
							 counted AS (SELECT month, category, answered, count(*) AS n FROM gone WHERE counted
							             GROUP BY month, category, answered),
							 tallied AS (UPDATE traffic_month m SET records = m.records - c.n FROM counted c
							             WHERE m.controller_id = :controller AND m.kind = :kind AND m.month = c.month
							               AND m.category = c.category AND m.answered IS NOT DISTINCT FROM c.answered)
							SELECT count(*) FROM gone""")
			.params(params)
			.query(Long.class)
			.single();
	}

	private long scan(String sql, String controllerId, Instant cutoff, Map<String, Object> more) {
		Map<String, Object> params = new HashMap<>(more);
		params.put("controller", controllerId);
		params.put("cutoff", Timestamp.from(cutoff));
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	/** The first month (UTC) starting at or after an instant. */
	private static Instant nextMonth(Instant instant) {
		Instant month = TrafficSealing.month(instant);
		return month.equals(instant) ? month : month.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
	}

	private static String condition(Policy.RetentionRule rule, List<LegalHolds.Scope> held) {
		StringBuilder sql = new StringBuilder("r.controller_id = :controller AND r.start_at < :cutoff");
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

	private static VaultRecords records(String table) {
		return table.equals("cdr") ? VaultRecords.CALLS : VaultRecords.SESSIONS;
	}

	private static RecordKind kind(String table) {
		return table.equals("cdr") ? Cdr.KIND : TelematicSession.KIND;
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
