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

/** Support tickets in PostgreSQL, always read within one controller. */
@Repository
class SupportTickets {

	static final String TABLE = "support_ticket";

	private final JdbcClient jdbc;

	SupportTickets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SupportTicket> find(String controllerId, long ticketNumber) {
		return this.jdbc.sql("SELECT * FROM support_ticket WHERE controller_id = :c AND ticket_number = :n")
			.param("c", controllerId)
			.param("n", ticketNumber)
			.query(SupportTickets::map)
			.optional();
	}

	/** Tickets matching every filter given, the latest opened first. */
	List<SupportTicket> list(String controllerId, Filter filter, int offset, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM support_ticket WHERE controller_id = :c
				  AND (CAST(:subject AS uuid) IS NULL OR subject_id = CAST(:subject AS uuid))
				  AND (CAST(:email AS text) IS NULL OR email = CAST(:email AS text))
				  AND (CAST(:licence AS text) IS NULL OR licence_number = CAST(:licence AS text))
				  AND (CAST(:open AS boolean) IS NULL OR (closed_at IS NULL) = CAST(:open AS boolean))
				  AND (CAST(:from AS timestamptz) IS NULL OR opened_at >= CAST(:from AS timestamptz))
				  AND (CAST(:to AS timestamptz) IS NULL OR opened_at < CAST(:to AS timestamptz))
				  AND (CAST(:categories AS text[]) IS NULL OR category = ANY (CAST(:categories AS text[])))
				ORDER BY opened_at DESC, ticket_number DESC OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("subject", filter.subjectId())
			.param("email", filter.email())
			.param("licence", filter.licenceNumber())
			.param("open", filter.open())
			.param("from", Fields.timestamp(filter.from()))
			.param("to", Fields.timestamp(filter.to()))
			.param("categories", (filter.categories() != null) ? filter.categories().toArray(String[]::new) : null)
			.param("o", offset)
			.param("l", limit)
			.query(SupportTickets::map)
			.list();
	}

	void insert(SupportTicket ticket) {
		Sql.insert(this.jdbc, TABLE, ticket.id(), ticket.controllerId(), values(ticket), "ticket_number");
	}

	void update(SupportTicket ticket) {
		Sql.update(this.jdbc, TABLE, ticket.id(), ticket.controllerId(), values(ticket), "ticket_number");
	}

	private static Map<String, @Nullable Object> values(SupportTicket t) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("ticket_number", t.ticketNumber());
		values.put("subject_id", t.subjectId());
		values.put("name", t.name());
		values.put("email", t.email());
		values.put("subject_line", t.subjectLine());
		values.put("message", t.message());
		values.put("licence_number", t.licenceNumber());
		values.put("attachment_count", t.attachmentCount());
		values.put("attachment_names", t.attachmentNames().toArray(String[]::new));
		values.put("opened_at", Fields.timestamp(t.openedAt()));
		values.put("closed_at", Fields.timestamp(t.closedAt()));
		values.put("category", t.category());
		values.put("purposes", t.purposes().toArray(String[]::new));
		values.put("source", t.source());
		values.put("collected_at", Fields.timestamp(t.collectedAt()));
		return values;
	}

	static SupportTicket map(ResultSet rs, int row) throws SQLException {
		return new SupportTicket(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				rs.getLong("ticket_number"), Fields.uuid(rs, "subject_id"), rs.getString("name"), rs.getString("email"),
				rs.getString("subject_line"), rs.getString("message"), rs.getString("licence_number"),
				rs.getInt("attachment_count"), Fields.texts(rs, "attachment_names"), Fields.instant(rs, "opened_at"),
				Fields.instant(rs, "closed_at"), rs.getString("category"), Fields.texts(rs, "purposes"),
				rs.getString("source"), Fields.instant(rs, "collected_at"));
	}

	/**
	 * What a list of tickets may be filtered by; every filter is optional.
	 *
	 * @param categories the categories the tickets belong to, any of them
	 */
	record Filter(@Nullable UUID subjectId, @Nullable String email, @Nullable String licenceNumber,
			@Nullable Boolean open, @Nullable Instant from, @Nullable Instant to, @Nullable List<String> categories) {

		static Filter none() {
			return new Filter(null, null, null, null, null, null, null);
		}

		Filter inCategories(List<String> wanted) {
			return new Filter(this.subjectId, this.email, this.licenceNumber, this.open, this.from, this.to, wanted);
		}

	}

}
