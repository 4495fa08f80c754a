package io.tutela.traffic;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.retention.RetentionTarget;

/**
 * Traffic data under retention: a rule of the category of calls or sessions covers the
 * records whose start is before its cutoff (and that have the attributes it selects). A
 * deletion drops the whole months that hold nothing else in one operation each, then
 * deletes what is left record by record.
 */
@Component
class TrafficRetention implements RetentionTarget {

	private final JdbcClient jdbc;

	TrafficRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean covers(Policy policy, Policy.RetentionRule rule) {
		return table(policy, rule) != null;
	}

	@Override
	public long due(Policy policy, Policy.RetentionRule rule, Instant cutoff) {
		return this.jdbc.sql("SELECT count(*) FROM " + table(policy, rule) + " WHERE " + condition(rule))
			.param("controller", policy.controller().id())
			.param("cutoff", Timestamp.from(cutoff))
			.query(Long.class)
			.single();
	}

	@Override
	public long delete(Policy policy, Policy.RetentionRule rule, Instant cutoff) {
		String table = table(policy, rule);
		String controllerId = policy.controller().id();
		long dropped = 0;
		if (rule.where().isEmpty() && rule.purpose() == null) {
			dropped = this.jdbc.sql("SELECT traffic_drop_partitions(:table, :controller, :cutoff)")
				.param("table", table)
				.param("controller", controllerId)
				.param("cutoff", Timestamp.from(cutoff))
				.query(Long.class)
				.single();
		}
		return dropped + this.jdbc.sql("DELETE FROM " + table + " WHERE " + condition(rule))
			.param("controller", controllerId)
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	private static String condition(Policy.RetentionRule rule) {
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
