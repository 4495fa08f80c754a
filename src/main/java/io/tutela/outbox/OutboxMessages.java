package io.tutela.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox's messages, always read within one controller. */
@Repository
class OutboxMessages {

	private static final String SELECT = """
			SELECT o.*, m.kind, m.reference, m.subject_line, m.body
			FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
			""";

	private final JdbcClient jdbc;

	OutboxMessages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Messages in a state (any when null), the newest first. */
	List<OutboxMessage> list(String controllerId, @Nullable String state, int offset, int limit) {
		return this.jdbc.sql(SELECT + """
				WHERE o.controller_id = :c AND (CAST(:state AS text) IS NULL OR o.state = CAST(:state AS text))
				ORDER BY o.created_at DESC, o.id OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("state", state)
			.param("o", offset)
			.param("l", limit)
			.query(OutboxMessages::map)
			.list();
	}

	Optional<OutboxMessage> find(String controllerId, UUID id) {
		return this.jdbc.sql(SELECT + " WHERE o.controller_id = :c AND o.id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(OutboxMessages::map)
			.optional();
	}

	/** How many messages of the controller are in each state. */
	Map<String, Long> counts(String controllerId) {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.jdbc.sql("SELECT state, count(*) AS n FROM outbox_message WHERE controller_id = :c GROUP BY state")
			.param("c", controllerId)
			.query((rs) -> {
				counts.put(rs.getString("state"), rs.getLong("n"));
			});
		return counts;
	}

	/**
	 * A failed message queued again, its attempts counted anew; false if it had not
	 * failed.
	 */
	boolean retry(String controllerId, UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE outbox_message SET state = 'pending', attempts = 0, next_attempt_at = :now
				WHERE controller_id = :c AND id = :id AND state = 'failed'""")
			.param("now", Timestamp.from(now))
			.param("c", controllerId)
			.param("id", id)
			.update() == 1;
	}

	static OutboxMessage map(ResultSet rs, int row) throws SQLException {
		return new OutboxMessage(rs.getObject("id", UUID.class), rs.getString("controller_id"), rs.getString("kind"),
				rs.getString("reference"), rs.getObject("subject_id", UUID.class), rs.getString("recipient"),
				rs.getString("state"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
				rs.getString("last_error"), rs.getString("transport"), instant(rs, "created_at"),
				instantOrNull(rs, "sent_at"), rs.getString("subject_line"), rs.getString("body"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

}
