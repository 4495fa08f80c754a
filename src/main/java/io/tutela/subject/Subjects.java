package io.tutela.subject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subjects in PostgreSQL, always read within one controller. */
@Repository
class Subjects {

	private final JdbcClient jdbc;

	Subjects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Subject> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM subject WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(Subjects::map)
			.optional();
	}

	/**
	 * Subjects matching a search: an identifier given exactly (codice fiscale, e-mail,
	 * phone in E.164, customer code, licence number, portal account) or the start of a
	 * family name.
	 */
	List<Subject> search(String controllerId, @Nullable String query, int offset, int limit) {
		if (query == null || query.isBlank()) {
			return this.jdbc
				.sql("SELECT * FROM subject WHERE controller_id = :c ORDER BY family_name, given_name, id "
						+ "OFFSET :o LIMIT :l")
				.param("c", controllerId)
				.param("o", offset)
				.param("l", limit)
				.query(Subjects::map)
				.list();
		}
		String q = query.strip();
		return this.jdbc
			.sql("""
					SELECT * FROM subject WHERE controller_id = :c AND (codice_fiscale = upper(:q) OR email = :q OR phone = :q
					    OR customer_code = :q OR licence_number = :q OR portal_account = :q
					    OR lower(family_name) LIKE lower(:prefix))
					ORDER BY family_name, given_name, id OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("q", q)
			.param("prefix", q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.param("o", offset)
			.param("l", limit)
			.query(Subjects::map)
			.list();
	}

	boolean keyTaken(String controllerId, String key, @Nullable UUID except) {
		return this.jdbc
			.sql("SELECT count(*) FROM subject WHERE controller_id = :c AND subject_key = :k "
					+ "AND (CAST(:except AS uuid) IS NULL OR id <> CAST(:except AS uuid))")
			.param("c", controllerId)
			.param("k", key)
			.param("except", except)
			.query(Integer.class)
			.single() > 0;
	}

	void save(Subject s) {
		this.jdbc.sql("""
				INSERT INTO subject (id, controller_id, subject_key, category, purposes, source, special, given_name,
				    family_name, codice_fiscale, email, phone, customer_code, licence_number, portal_account, address,
				    collected_at, last_contact_at, restricted)
				VALUES (:id, :c, :key, :category, :purposes, :source, :special, :given, :family, :cf, :email, :phone,
				    :code, :licence, :portal, :address, :collected, :lastContact, :restricted)
				ON CONFLICT (id) DO UPDATE SET subject_key = EXCLUDED.subject_key, category = EXCLUDED.category,
				    purposes = EXCLUDED.purposes, source = EXCLUDED.source, special = EXCLUDED.special,
				    given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name,
				    codice_fiscale = EXCLUDED.codice_fiscale, email = EXCLUDED.email, phone = EXCLUDED.phone,
				    customer_code = EXCLUDED.customer_code, licence_number = EXCLUDED.licence_number,
				    portal_account = EXCLUDED.portal_account, address = EXCLUDED.address,
				    collected_at = EXCLUDED.collected_at, last_contact_at = EXCLUDED.last_contact_at, updated_at = now()
				WHERE subject.controller_id = EXCLUDED.controller_id""")
			.param("id", s.id())
			.param("c", s.controllerId())
			.param("key", s.key())
			.param("category", s.category())
			.param("purposes", s.purposes().toArray(String[]::new))
			.param("source", s.source())
			.param("special", s.special())
			.param("given", s.givenName())
			.param("family", s.familyName())
			.param("cf", s.codiceFiscale())
			.param("email", s.email())
			.param("phone", s.phone())
			.param("code", s.customerCode())
			.param("licence", s.licenceNumber())
			.param("portal", s.portalAccount())
			.param("address", s.address())
			.param("collected", Timestamp.from(s.collectedAt()))
			.param("lastContact", (s.lastContactAt() != null) ? Timestamp.from(s.lastContactAt()) : null)
			.param("restricted", s.restricted())
			.update();
	}

	static Subject map(ResultSet rs, int row) throws SQLException {
		Timestamp lastContact = rs.getTimestamp("last_contact_at");
		return new Subject(rs.getObject("id", UUID.class), rs.getString("controller_id"), rs.getString("subject_key"),
				rs.getString("category"), Arrays.asList((String[]) rs.getArray("purposes").getArray()),
				rs.getString("source"), rs.getBoolean("special"), rs.getString("given_name"),
				rs.getString("family_name"), rs.getString("codice_fiscale"), rs.getString("email"),
				rs.getString("phone"), rs.getString("customer_code"), rs.getString("licence_number"),
				rs.getString("portal_account"), rs.getString("address"), rs.getTimestamp("collected_at").toInstant(),
				(lastContact != null) ? lastContact.toInstant() : null, rs.getBoolean("restricted"));
	}

}
