package io.tutela.consent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The objection inbox in PostgreSQL: one row per message and controller (a Message-ID
 * received twice is kept once). Every query stays within one controller.
 */
@Repository
class InboxMessages {

	private static final String COLUMNS = "id, controller_id, message_id, received_at, sent_at, sender, subject_line, "
			+ "body, source, received_by, objection_like, match, proposed_subject, proposed_email, proposed_phone, "
			+ "candidates, link_purpose, state, " + "decided_at, decided_by, consent_event_id";

	private final JdbcClient jdbc;

	InboxMessages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds a message; false when the controller has one with its Message-ID already. */
	boolean add(InboxMessage m) {
		return this.jdbc
			.sql("""
					INSERT INTO consent_inbox_message (id, controller_id, message_id, received_at, sent_at, sender,
					  subject_line, body, source, received_by, objection_like, match, proposed_subject, proposed_email,
					  proposed_phone, candidates, link_purpose, state)
					VALUES (:id, :c, :mid, :received, :sent, :sender, :subjectLine, :body, :source, :by, :stop, :match,
					  :proposed, :proposedEmail, :proposedPhone, CAST(string_to_array(:candidates, E'\\n') AS uuid[]), :purpose, :state)
					ON CONFLICT (controller_id, message_id) DO NOTHING""")
			.param("id", m.id())
			.param("c", m.controllerId())
			.param("mid", m.messageId())
			.param("received", Timestamp.from(m.receivedAt()))
			.param("sent", (m.sentAt() != null) ? Timestamp.from(m.sentAt()) : null)
			.param("sender", m.sender())
			.param("subjectLine", m.subjectLine())
			.param("body", m.body())
			.param("source", m.source())
			.param("by", m.receivedBy())
			.param("stop", m.objectionLike())
			.param("match", m.match().key())
			.param("proposed", m.proposedSubject())
			.param("proposedEmail", m.proposedEmail())
			.param("proposedPhone", m.proposedPhone())
			.param("candidates", Ledger.lines(m.candidates().stream().map(UUID::toString).toList()))
			.param("purpose", m.linkPurpose())
			.param("state", m.state().key())
			.update() == 1;
	}

	Optional<InboxMessage> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM consent_inbox_message WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(InboxMessages::map)
			.optional();
	}

	Optional<InboxMessage> byMessageId(String controllerId, String messageId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM consent_inbox_message WHERE controller_id = :c AND message_id = :m")
			.param("c", controllerId)
			.param("m", messageId)
			.query(InboxMessages::map)
			.optional();
	}

	/**
	 * A page of messages, newest first; open ones only (proposed or pending) if asked.
	 */
	List<InboxMessage> list(String controllerId, boolean open, int offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM consent_inbox_message WHERE controller_id = :c "
				+ "AND (NOT :open OR state IN ('proposed', 'pending')) ORDER BY received_at DESC, id OFFSET :o LIMIT :l")
			.param("c", controllerId)
			.param("open", open)
			.param("o", offset)
			.param("l", limit)
			.query(InboxMessages::map)
			.list();
	}

	/**
	 * Records the decision on an open message; false when someone decided it first.
	 */
	boolean decide(String controllerId, UUID id, InboxMessage.State state, Instant at, String by,
			@Nullable UUID consentEvent) {
		return this.jdbc.sql("""
				UPDATE consent_inbox_message SET state = :state, decided_at = :at, decided_by = :by,
				  consent_event_id = :event
				WHERE controller_id = :c AND id = :id AND state IN ('proposed', 'pending')""")
			.param("state", state.key())
			.param("at", Timestamp.from(at))
			.param("by", by)
			.param("event", consentEvent)
			.param("c", controllerId)
			.param("id", id)
			.update() == 1;
	}

	private static InboxMessage map(ResultSet rs, int row) throws SQLException {
		Timestamp sent = rs.getTimestamp("sent_at");
		Timestamp decided = rs.getTimestamp("decided_at");
		Array candidates = rs.getArray("candidates");
		List<UUID> ids = (candidates != null) ? Arrays.stream((Object[]) candidates.getArray())
			.map((o) -> (o instanceof UUID u) ? u : UUID.fromString(o.toString()))
			.toList() : List.of();
		return new InboxMessage(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				rs.getString("message_id"), rs.getTimestamp("received_at").toInstant(),
				(sent != null) ? sent.toInstant() : null, rs.getString("sender"), rs.getString("subject_line"),
				rs.getString("body"), rs.getString("source"), rs.getString("received_by"),
				rs.getBoolean("objection_like"), InboxMessage.Keyed.of(InboxMessage.Match.class, rs.getString("match")),
				rs.getObject("proposed_subject", UUID.class), rs.getString("proposed_email"),
				rs.getString("proposed_phone"), ids, rs.getString("link_purpose"),
				InboxMessage.Keyed.of(InboxMessage.State.class, rs.getString("state")),
				(decided != null) ? decided.toInstant() : null, rs.getString("decided_by"),
				rs.getObject("consent_event_id", UUID.class));
	}

}
