package io.tutela.retention;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Controllers made from a shipped policy under a new id, and records written straight.
 */
final class RetentionFixtures {

	private final JdbcClient jdbc;

	RetentionFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Uploads the shipped policy of {@code provider} as the controller {@code id}. */
	static void controller(Http admin, String provider, String id) throws IOException {
		Http.Response created = admin.shippedPolicy(provider, id);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	UUID subject(String controllerId, String category, String email, @Nullable LocalDate contractEnd) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					INSERT INTO subject (id, controller_id, subject_key, category, purposes, source, given_name, family_name,
					  email, phone, collected_at)
					VALUES (:id, :c, :key, :category, '{}', 'data_subject', 'Maria', 'Verdi', :email, '+393331234567',
					  '2015-01-10T10:00:00Z')""")
			.param("id", id)
			.param("c", controllerId)
			.param("key", "k-" + id)
			.param("category", category)
			.param("email", email)
			.update();
		if (contractEnd != null) {
			this.jdbc
				.sql("""
						INSERT INTO contract (id, controller_id, subject_id, contract_number, start_date, end_date, category,
						  purposes, source, collected_at)
						VALUES (:id, :c, :s, :number, '2015-01-10', :end, 'contract', '{}', 'data_subject',
						  '2015-01-10T10:00:00Z')""")
				.param("id", UUID.randomUUID())
				.param("c", controllerId)
				.param("s", id)
				.param("number", "C-" + id)
				.param("end", contractEnd)
				.update();
		}
		return id;
	}

	UUID ticket(String controllerId, UUID subject, String category, String email) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO support_ticket (id, controller_id, ticket_number, subject_id, name, email, subject_line,
				  message, licence_number, opened_at, category, purposes, source, collected_at)
				VALUES (:id, :c, :n, :s, 'Maria Verdi', :email, 'Licence', :message, 'LIC-778899',
				  '2016-05-02T09:00:00Z', :category, '{}', 'data_subject', '2016-05-02T09:00:00Z')""")
			.param("id", id)
			.param("c", controllerId)
			.param("n", Math.abs(id.getMostSignificantBits() % 1_000_000_000L) + 1)
			.param("s", subject)
			.param("email", email)
			.param("message", "Write to " + email + " or call +39 333 1234567, licence LIC-778899")
			.param("category", category)
			.update();
		return id;
	}

	UUID portalAccount(String controllerId, UUID subject, String category, Instant lastActivity) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO portal_account (id, controller_id, subject_id, username, opened_at, last_activity_at,
				  category, purposes, source, collected_at)
				VALUES (:id, :c, :s, :username, '2015-01-10T10:00:00Z', :last, :category, '{}', 'data_subject',
				  '2015-01-10T10:00:00Z')""")
			.param("id", id)
			.param("c", controllerId)
			.param("s", subject)
			.param("username", "user-" + id)
			.param("last", Timestamp.from(lastActivity))
			.param("category", category)
			.update();
		return id;
	}

	long count(String sql, Object... params) {
		return one(Long.class, sql, params);
	}

	String text(String sql, Object... params) {
		return one(String.class, sql, params);
	}

	private <T> T one(Class<T> type, String sql, Object... params) {
		var spec = this.jdbc.sql(sql);
		for (int i = 0; i < params.length; i++) {
			spec = spec.param(i + 1, params[i]);
		}
		return spec.query(type).single();
	}

}
