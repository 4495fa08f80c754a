package io.tutela.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The consent ledger in PostgreSQL: entries are added and read, never changed (the
 * database refuses UPDATE and DELETE). Every query stays within one controller.
 */
@Repository
class Ledger {

	private static final String COLUMNS = "id, controller_id, subject_id, phone, email, purpose, scope, event, "
			+ "occurred_at, recorded_at, recorded_by, method, collected_by, notice_version, list_provenance, "
			+ "third_party_use";

	private final JdbcClient jdbc;

	Ledger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(LedgerEntry e) {
		this.jdbc
			.sql("INSERT INTO consent_event (" + COLUMNS
					+ ") VALUES (:id, :c, :subject, :phone, :email, :purpose, :scope, :event, :occurred, :recorded, "
					+ ":by, :method, :collectedBy, :notice, :list, :thirdParty)")
			.param("id", e.id())
			.param("c", e.controllerId())
			.param("subject", e.subjectId())
			.param("phone", e.phone())
			.param("email", e.email())
			.param("purpose", e.purpose())
			.param("scope", e.scope())
			.param("event", e.event().key())
			.param("occurred", Timestamp.from(e.occurredAt()))
			.param("recorded", Timestamp.from(e.recordedAt()))
			.param("by", e.recordedBy())
			.param("method", e.evidence().method())
			.param("collectedBy", e.evidence().collectedBy())
			.param("notice", e.evidence().noticeVersion())
			.param("list", e.evidence().listProvenance())
			.param("thirdParty", e.evidence().thirdPartyUse())
			.update();
	}

	Optional<LedgerEntry> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM consent_event WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(Ledger::map)
			.optional();
	}

	/**
	 * A page of entries, newest first, optionally of one subject, number or address.
	 */
	List<LedgerEntry> list(String controllerId, @Nullable UUID subjectId, @Nullable String phone,
			@Nullable String email, int offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM consent_event WHERE controller_id = :c
				  AND (CAST(:subject AS uuid) IS NULL OR subject_id = CAST(:subject AS uuid))
				  AND (CAST(:phone AS text) IS NULL OR phone = CAST(:phone AS text))
				  AND (CAST(:email AS text) IS NULL OR email = CAST(:email AS text))
				ORDER BY occurred_at DESC, recorded_at DESC, id OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("subject", subjectId)
			.param("phone", phone)
			.param("email", email)
			.param("o", offset)
			.param("l", limit)
			.query(Ledger::map)
			.list();
	}

	/**
	 * Every entry of some subjects, numbers and addresses, oldest first.
	 */
	List<LedgerEntry> of(String controllerId, List<UUID> subjects, List<String> phones, List<String> emails) {
		if (subjects.isEmpty() && phones.isEmpty() && emails.isEmpty()) {
			return List.of();
		}
		String named = "SELECT id, phone, email FROM (SELECT CAST(unnest(string_to_array(:subjects, E'\\n')) AS uuid) AS id, "
				+ "CAST(NULL AS text) AS phone, CAST(NULL AS text) AS email UNION ALL SELECT NULL, "
				+ "unnest(string_to_array(:phones, E'\\n')), NULL UNION ALL SELECT NULL, NULL, "
				+ "unnest(string_to_array(:emails, E'\\n'))) n";
		return this.jdbc.sql(about(named))
			.param("c", controllerId)
			.param("subjects", lines(subjects.stream().map(UUID::toString).toList()))
			.param("phones", lines(phones))
			.param("emails", lines(emails))
			.query(Ledger::map)
			.list();
	}

	/**
	 * A query of every entry, oldest first, about the rows of a query of the columns
	 * {@code id}, {@code phone} and {@code email} (of subjects, or naming numbers or
	 * addresses): one indexed query per kind of identifier, joined by UNION ALL (an OR
	 * across the three would scan the table; an entry names exactly one identifier, so
	 * none is read twice).
	 */
	static String about(String named) {
		return "WITH named AS MATERIALIZED (" + named + ") SELECT " + COLUMNS
				+ " FROM consent_event WHERE controller_id = :c AND subject_id IN (SELECT id FROM named) "
				+ "UNION ALL SELECT " + COLUMNS + " FROM consent_event WHERE controller_id = :c AND phone IN "
				+ "(SELECT phone FROM named WHERE phone IS NOT NULL) " + "UNION ALL SELECT " + COLUMNS
				+ " FROM consent_event WHERE controller_id = :c AND email IN "
				+ "(SELECT email FROM named WHERE email IS NOT NULL) ORDER BY occurred_at, recorded_at";
	}

	/**
	 * Values as one parameter, a line each, for {@code string_to_array(:p, E'\n')}: a
	 * list parameter would be expanded into one placeholder per value.
	 */
	static String lines(List<String> values) {
		return String.join("\n", values);
	}

	static LedgerEntry map(ResultSet rs, int row) throws SQLException {
		String subject = rs.getString("subject_id");
		return new LedgerEntry(UUID.fromString(rs.getString("id")), rs.getString("controller_id"),
				(subject != null) ? UUID.fromString(subject) : null, rs.getString("phone"), rs.getString("email"),
				rs.getString("purpose"), rs.getString("scope"),
				LedgerEntry.Kind.valueOf(rs.getString("event").toUpperCase(java.util.Locale.ROOT)),
				rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("recorded_at").toInstant(),
				rs.getString("recorded_by"),
				new LedgerEntry.Evidence(rs.getString("method"), rs.getString("collected_by"),
						rs.getString("notice_version"), rs.getString("list_provenance"),
						rs.getBoolean("third_party_use")));
	}

}
