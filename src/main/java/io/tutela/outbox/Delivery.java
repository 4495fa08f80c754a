package io.tutela.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers what is due in the outbox, a batch at a time: each message is claimed (locked,
 * skipped by any other deliverer), sent, and marked sent; a failure is retried later with
 * a doubling wait, and after the last attempt the message is listed as failed. A message
 * sent just before a crash, and not yet marked, is sent again after it: at least once.
 */
@Component
class Delivery {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	private static final int ERROR_LENGTH = 500;

	private final JdbcClient jdbc;

	private final MailTransport transport;

	private final OutboxProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Delivery(JdbcClient jdbc, MailTransport transport, OutboxProperties properties,
			PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transport = transport;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** One message due, with its mailing's text. */
	record Due(UUID id, String recipient, int attempts, String subjectLine, String body) {
	}

	@Scheduled(fixedDelayString = "${tutela.outbox.poll:PT5S}", initialDelayString = "${tutela.outbox.poll:PT5S}")
	void deliverScheduled() {
		int delivered;
		do {
			delivered = deliverDue();
		}
		while (delivered >= this.properties.batch());
	}

	/**
	 * Delivers one batch of what is due now.
	 * @return how many messages were attempted
	 */
	int deliverDue() {
		Integer attempted = this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			List<Due> due = this.jdbc.sql("""
					SELECT o.id, o.recipient, o.attempts, m.subject_line, m.body
					FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
					WHERE o.state = 'pending' AND o.next_attempt_at <= :now
					ORDER BY o.next_attempt_at LIMIT :batch FOR UPDATE OF o SKIP LOCKED""")
				.param("now", Timestamp.from(now))
				.param("batch", this.properties.batch())
				.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("recipient"),
						rs.getInt("attempts"), rs.getString("subject_line"), rs.getString("body")))
				.list();
			for (Due message : due) {
				deliver(message, now);
			}
			return due.size();
		});
		return (attempted != null) ? attempted : 0;
	}

	private void deliver(Due message, Instant now) {
		int attempts = message.attempts() + 1;
		try {
			this.transport.send(this.properties.from(), message.recipient(), message.subjectLine(), message.body());
			this.jdbc.sql("""
					UPDATE outbox_message SET state = 'sent', attempts = :a, sent_at = :now, transport = :t,
					       last_error = NULL WHERE id = :id""")
				.param("a", attempts)
				.param("now", Timestamp.from(now))
				.param("t", this.transport.name())
				.param("id", message.id())
				.update();
		}
		catch (Exception ex) {
			boolean last = attempts >= this.properties.maxAttempts();
			String reason = reason(ex);
			this.jdbc.sql("""
					UPDATE outbox_message SET state = :state, attempts = :a, next_attempt_at = :next, last_error = :e,
					       transport = :t WHERE id = :id""")
				.param("state", last ? "failed" : "pending")
				.param("a", attempts)
				.param("next", Timestamp.from(now.plus(this.properties.retryAfter(attempts))))
				.param("e", reason)
				.param("t", this.transport.name())
				.param("id", message.id())
				.update();
			log.warn("Outbox message {} not delivered (attempt {}{}): {}", message.id(), attempts,
					last ? ", the last" : "", ex.getClass().getSimpleName());
		}
	}

	/** The reason of a failure, without the recipient's address. */
	private static String reason(Exception ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String text = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		return (text.length() > ERROR_LENGTH) ? text.substring(0, ERROR_LENGTH) : text;
	}

}
