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
import org.postgresql.util.PGobject;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remote-assistance sessions in PostgreSQL, always read within one controller. */
@Repository
class RemoteSessions {

	static final String TABLE = "remote_session";

	private final JdbcClient jdbc;

	RemoteSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<RemoteSession> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM remote_session WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(RemoteSessions::map)
			.optional();
	}

	/** Sessions matching every filter given, the latest started first. */
	List<RemoteSession> list(String controllerId, @Nullable UUID subjectId, @Nullable String remoteId,
			@Nullable Instant from, @Nullable Instant to, int offset, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM remote_session WHERE controller_id = :c
				  AND (CAST(:subject AS uuid) IS NULL OR subject_id = CAST(:subject AS uuid))
				  AND (CAST(:remote AS text) IS NULL OR remote_id = CAST(:remote AS text))
				  AND (CAST(:from AS timestamptz) IS NULL OR started_at >= CAST(:from AS timestamptz))
				  AND (CAST(:to AS timestamptz) IS NULL OR started_at < CAST(:to AS timestamptz))
				ORDER BY started_at DESC, id OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("subject", subjectId)
			.param("remote", remoteId)
			.param("from", Fields.timestamp(from))
			.param("to", Fields.timestamp(to))
			.param("o", offset)
			.param("l", limit)
			.query(RemoteSessions::map)
			.list();
	}

	void insert(RemoteSession session) {
		Sql.insert(this.jdbc, TABLE, session.id(), session.controllerId(), values(session), "started_at");
	}

	void update(RemoteSession session) {
		Sql.update(this.jdbc, TABLE, session.id(), session.controllerId(), values(session), "started_at");
	}

	private static Map<String, @Nullable Object> values(RemoteSession s) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("subject_id", s.subjectId());
		values.put("remote_id", s.remoteId());
		values.put("ip_address", inet(s.ipAddress()));
		values.put("started_at", Fields.timestamp(s.startedAt()));
		values.put("ended_at", Fields.timestamp(s.endedAt()));
		values.put("category", s.category());
		values.put("purposes", s.purposes().toArray(String[]::new));
		values.put("source", s.source());
		values.put("collected_at", Fields.timestamp(s.collectedAt()));
		return values;
	}

	private static PGobject inet(String address) {
		PGobject inet = new PGobject();
		inet.setType("inet");
		try {
			inet.setValue(address);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return inet;
	}

	static RemoteSession map(ResultSet rs, int row) throws SQLException {
		return new RemoteSession(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				Fields.uuid(rs, "subject_id"), rs.getString("remote_id"), rs.getString("ip_address"),
				Fields.instant(rs, "started_at"), Fields.instant(rs, "ended_at"), rs.getString("category"),
				Fields.texts(rs, "purposes"), rs.getString("source"), Fields.instant(rs, "collected_at"));
	}

}
