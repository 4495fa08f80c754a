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

/** The blacklisted and VIP callers of each client controller. */
@Repository
class CallerList {

	static final String TABLE = "caller_list_entry";

	private final JdbcClient jdbc;

	CallerList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<CallerListEntry> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM caller_list_entry WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(CallerList::map)
			.optional();
	}

	List<CallerListEntry> list(String controllerId, @Nullable String kind, @Nullable String number, int offset,
			int limit) {
		return this.jdbc.sql("""
				SELECT * FROM caller_list_entry WHERE controller_id = :c
				  AND (CAST(:kind AS text) IS NULL OR kind = CAST(:kind AS text))
				  AND (CAST(:number AS text) IS NULL OR number = CAST(:number AS text))
				ORDER BY kind, number OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("kind", kind)
			.param("number", number)
			.param("o", offset)
			.param("l", limit)
			.query(CallerList::map)
			.list();
	}

	void insert(CallerListEntry entry) {
		Sql.insert(this.jdbc, TABLE, entry.id(), entry.controllerId(), values(entry), "number");
	}

	void update(CallerListEntry entry) {
		Sql.update(this.jdbc, TABLE, entry.id(), entry.controllerId(), values(entry), "number");
	}

	boolean delete(String controllerId, UUID id) {
		return this.jdbc.sql("DELETE FROM caller_list_entry WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.update() > 0;
	}

	private static Map<String, @Nullable Object> values(CallerListEntry e) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("number", e.number());
		values.put("name", e.name());
		values.put("kind", e.kind());
		values.put("category", e.category());
		values.put("purposes", e.purposes().toArray(String[]::new));
		values.put("source", e.source());
		values.put("collected_at", Fields.timestamp(e.collectedAt()));
		return values;
	}

	static CallerListEntry map(ResultSet rs, int row) throws SQLException {
		return new CallerListEntry(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				rs.getString("number"), rs.getString("name"), rs.getString("kind"), rs.getString("category"),
				Fields.texts(rs, "purposes"), rs.getString("source"), Fields.instant(rs, "collected_at"));
	}

}
