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

/** The contacts each client controller imported on consent. */
@Repository
class ImportedContacts {

	static final String TABLE = "imported_contact";

	private final JdbcClient jdbc;

	ImportedContacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ImportedContact> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM imported_contact WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(ImportedContacts::map)
			.optional();
	}

	List<ImportedContact> list(String controllerId, @Nullable String number, @Nullable String email, int offset,
			int limit) {
		return this.jdbc.sql("""
				SELECT * FROM imported_contact WHERE controller_id = :c
				  AND (CAST(:number AS text) IS NULL OR number = CAST(:number AS text))
				  AND (CAST(:email AS text) IS NULL OR email = CAST(:email AS text))
				ORDER BY lower(name), contact_key OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("number", number)
			.param("email", email)
			.param("o", offset)
			.param("l", limit)
			.query(ImportedContacts::map)
			.list();
	}

	void insert(ImportedContact contact) {
		Sql.insert(this.jdbc, TABLE, contact.id(), contact.controllerId(), values(contact), "number");
	}

	void update(ImportedContact contact) {
		Sql.update(this.jdbc, TABLE, contact.id(), contact.controllerId(), values(contact), "number");
	}

	boolean delete(String controllerId, UUID id) {
		return this.jdbc.sql("DELETE FROM imported_contact WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.update() > 0;
	}

	private static Map<String, @Nullable Object> values(ImportedContact c) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("contact_key", c.key());
		values.put("name", c.name());
		values.put("number", c.number());
		values.put("email", c.email());
		values.put("consent_given_at", Fields.timestamp(c.consentGivenAt()));
		values.put("category", c.category());
		values.put("purposes", c.purposes().toArray(String[]::new));
		values.put("source", c.source());
		values.put("collected_at", Fields.timestamp(c.collectedAt()));
		return values;
	}

	static ImportedContact map(ResultSet rs, int row) throws SQLException {
		return new ImportedContact(rs.getObject("id", UUID.class), rs.getString("controller_id"), rs.getString("name"),
				rs.getString("number"), rs.getString("email"), Fields.instant(rs, "consent_given_at"),
				rs.getString("category"), Fields.texts(rs, "purposes"), rs.getString("source"),
				Fields.instant(rs, "collected_at"));
	}

}
