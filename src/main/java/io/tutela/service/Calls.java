package io.tutela.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The call log in PostgreSQL, always read within one controller. */
@Repository
class Calls {

	static final String TABLE = "call_log";

	private final JdbcClient jdbc;

	Calls(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Call> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM call_log WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(Calls::map)
			.optional();
	}

	/** Calls matching every filter given, the latest first. */
	List<Call> list(String controllerId, @Nullable UUID subjectId, @Nullable String number, @Nullable Instant from,
			@Nullable Instant to, int offset, int limit) {
		return Sql.latest(this.jdbc, TABLE, "called_at", controllerId, subjectId, number, from, to, offset, limit,
				Calls::map);
	}

	void insert(Call call) {
		Sql.insert(this.jdbc, TABLE, call.id(), call.controllerId(), values(call), "called_at");
	}

	void update(Call call) {
		Sql.update(this.jdbc, TABLE, call.id(), call.controllerId(), values(call), "called_at");
	}

	private static Map<String, @Nullable Object> values(Call c) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("subject_id", c.subjectId());
		values.put("caller_name", c.callerName());
		values.put("number", c.number());
		values.put("called_at", Fields.timestamp(c.calledAt()));
		values.put("request", c.request());
		values.put("category", c.category());
		values.put("purposes", c.purposes().toArray(String[]::new));
		values.put("source", c.source());
		values.put("collected_at", Fields.timestamp(c.collectedAt()));
		return values;
	}

	static Call map(ResultSet rs, int row) throws SQLException {
		return new Call(rs.getObject("id", UUID.class), rs.getString("controller_id"), Fields.uuid(rs, "subject_id"),
				rs.getString("caller_name"), rs.getString("number"), Fields.instant(rs, "called_at"),
				rs.getString("request"), rs.getString("category"), Fields.texts(rs, "purposes"), rs.getString("source"),
				Fields.instant(rs, "collected_at"));
	}

}
