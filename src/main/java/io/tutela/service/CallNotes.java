package io.tutela.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Call notes in PostgreSQL, always read within one controller and one call. Deleting a
 * note removes its row: nothing of it is kept.
 */
@Repository
class CallNotes {

	static final String TABLE = "call_note";

	private final JdbcClient jdbc;

	CallNotes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<CallNote> find(String controllerId, UUID callId, UUID id) {
		return this.jdbc.sql("SELECT * FROM call_note WHERE controller_id = :c AND call_id = :call AND id = :id")
			.param("c", controllerId)
			.param("call", callId)
			.param("id", id)
			.query(CallNotes::map)
			.optional();
	}

	List<CallNote> list(String controllerId, UUID callId, int offset, int limit) {
		return this.jdbc
			.sql("SELECT * FROM call_note WHERE controller_id = :c AND call_id = :call ORDER BY noted_at, id "
					+ "OFFSET :o LIMIT :l")
			.param("c", controllerId)
			.param("call", callId)
			.param("o", offset)
			.param("l", limit)
			.query(CallNotes::map)
			.list();
	}

	void insert(CallNote note) {
		Sql.insert(this.jdbc, TABLE, note.id(), note.controllerId(), values(note), "noted_at");
	}

	void update(CallNote note) {
		Sql.update(this.jdbc, TABLE, note.id(), note.controllerId(), values(note), "noted_at");
	}

	/** Deletes a note for good; whether there was one. */
	boolean delete(String controllerId, UUID callId, UUID id) {
		return this.jdbc.sql("DELETE FROM call_note WHERE controller_id = :c AND call_id = :call AND id = :id")
			.param("c", controllerId)
			.param("call", callId)
			.param("id", id)
			.update() > 0;
	}

	private static Map<String, @Nullable Object> values(CallNote n) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("call_id", n.callId());
		values.put("note", n.note());
		values.put("noted_at", Fields.timestamp(n.notedAt()));
		values.put("category", n.category());
		values.put("purposes", n.purposes().toArray(String[]::new));
		values.put("source", n.source());
		values.put("collected_at", Fields.timestamp(n.collectedAt()));
		return values;
	}

	static CallNote map(ResultSet rs, int row) throws SQLException {
		return new CallNote(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				rs.getObject("call_id", UUID.class), rs.getString("note"), Fields.instant(rs, "noted_at"),
				rs.getString("category"), Fields.texts(rs, "purposes"), rs.getString("source"),
				Fields.instant(rs, "collected_at"));
	}

}
