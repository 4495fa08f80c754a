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

/** Call-recording metadata in PostgreSQL, always read within one controller. */
@Repository
class CallRecordings {

	static final String TABLE = "call_recording";

	private final JdbcClient jdbc;

	CallRecordings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<CallRecording> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM call_recording WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(CallRecordings::map)
			.optional();
	}

	List<CallRecording> list(String controllerId, @Nullable UUID subjectId, @Nullable String number,
			@Nullable Instant from, @Nullable Instant to, int offset, int limit) {
		return Sql.latest(this.jdbc, TABLE, "recorded_at", controllerId, subjectId, number, from, to, offset, limit,
				CallRecordings::map);
	}

	void insert(CallRecording recording) {
		Sql.insert(this.jdbc, TABLE, recording.id(), recording.controllerId(), values(recording), "call_reference");
	}

	void update(CallRecording recording) {
		Sql.update(this.jdbc, TABLE, recording.id(), recording.controllerId(), values(recording), "call_reference");
	}

	private static Map<String, @Nullable Object> values(CallRecording r) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("call_reference", r.callReference());
		values.put("subject_id", r.subjectId());
		values.put("number", r.number());
		values.put("recorded_at", Fields.timestamp(r.recordedAt()));
		values.put("duration_seconds", r.durationSeconds());
		values.put("announcement_played", r.announcementPlayed());
		values.put("category", r.category());
		values.put("purposes", r.purposes().toArray(String[]::new));
		values.put("source", r.source());
		values.put("collected_at", Fields.timestamp(r.collectedAt()));
		return values;
	}

	static CallRecording map(ResultSet rs, int row) throws SQLException {
		Integer duration = rs.getObject("duration_seconds", Integer.class);
		return new CallRecording(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				rs.getString("call_reference"), Fields.uuid(rs, "subject_id"), rs.getString("number"),
				Fields.instant(rs, "recorded_at"), duration, rs.getBoolean("announcement_played"),
				rs.getString("category"), Fields.texts(rs, "purposes"), rs.getString("source"),
				Fields.instant(rs, "collected_at"));
	}

}
