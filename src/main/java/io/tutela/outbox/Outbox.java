package io.tutela.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where other modules put the messages Tutela owes: a mailing (its text, once) and its
 * recipients, written in the caller's transaction so that they stand or fall with what
 * causes them. Delivery happens afterwards ({@link Delivery}).
 */
@Service
public class Outbox {

	/**
	 * A recipient of a mailing: an e-mail address, and the subject it belongs to if any.
	 */
	public record Recipient(@Nullable UUID subjectId, String email) {
	}

	private static final int INSERT_BATCH = 1_000;

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The mailing of a cause: created with this text the first time, the same one (text
	 * unchanged) afterwards, so that a cause handled twice writes once.
	 * @param kind what sort of message ({@code change-of-notice})
	 * @param reference what it is about, unique within the kind ({@code version-3})
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID mailing(String controllerId, String kind, String reference, String subjectLine, String body) {
		this.jdbc
			.sql("""
					INSERT INTO mailing (id, controller_id, kind, reference, subject_line, body)
					VALUES (:id, :c, :kind, :ref, :subject, :body) ON CONFLICT (controller_id, kind, reference) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("c", controllerId)
			.param("kind", kind)
			.param("ref", reference)
			.param("subject", subjectLine)
			.param("body", body)
			.update();
		return this.jdbc.sql("SELECT id FROM mailing WHERE controller_id = :c AND kind = :kind AND reference = :ref")
			.param("c", controllerId)
			.param("kind", kind)
			.param("ref", reference)
			.query(UUID.class)
			.single();
	}

	/** How many messages of the controller to an address are in each state. */
	@Transactional(readOnly = true)
	public java.util.Map<String, Long> deliveriesTo(String controllerId, String address) {
		java.util.Map<String, Long> counts = new java.util.TreeMap<>();
		this.jdbc.sql("""
				SELECT state, count(*) AS n FROM outbox_message
				WHERE controller_id = :c AND lower(recipient) = lower(:a) GROUP BY state""")
			.param("c", controllerId)
			.param("a", address)
			.query((rs) -> {
				counts.put(rs.getString("state"), rs.getLong("n"));
			});
		return counts;
	}

	/**
	 * Queues the mailing for the recipients, each once: a recipient already queued for it
	 * is left as it is.
	 * @return how many were queued now
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int send(String controllerId, UUID mailingId, List<Recipient> recipients) {
		int queued = 0;
		for (int from = 0; from < recipients.size(); from += INSERT_BATCH) {
			List<Recipient> batch = recipients.subList(from, Math.min(from + INSERT_BATCH, recipients.size()));
			List<UUID> subjects = new ArrayList<>(batch.size());
			List<String> emails = new ArrayList<>(batch.size());
			for (Recipient r : batch) {
				subjects.add(r.subjectId());
				emails.add(r.email());
			}
			queued += this.jdbc.sql("""
					INSERT INTO outbox_message (id, mailing_id, controller_id, subject_id, recipient)
					SELECT gen_random_uuid(), :m, :c, r.subject_id, r.email
					FROM unnest(CAST(:subjects AS uuid[]), CAST(:emails AS text[])) AS r (subject_id, email)
					ON CONFLICT (mailing_id, recipient) DO NOTHING""")
				.param("m", mailingId)
				.param("c", controllerId)
				.param("subjects", subjects.toArray(UUID[]::new))
				.param("emails", emails.toArray(String[]::new))
				.update();
		}
		return queued;
	}

}
