package io.tutela.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox's delivery ({@code tutela.outbox.*}); the SMTP server itself is
 * Spring's {@code spring.mail.*}. Without {@code spring.mail.host} messages go to the
 * built-in mailbox.
 *
 * @param from the sender of every message
 * @param maxAttempts attempts before a message is listed as failed
 * @param firstRetry the wait before the second attempt; each further wait doubles it
 * @param poll how often due messages are looked for
 * @param batch how many messages one round delivers at most
 */
@ConfigurationProperties("tutela.outbox")
record OutboxProperties(@DefaultValue("tutela@localhost") String from, @DefaultValue("8") int maxAttempts,
		@DefaultValue("PT1M") Duration firstRetry, @DefaultValue("PT5S") Duration poll,
		@DefaultValue("200") int batch) {

	OutboxProperties {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("tutela.outbox.max-attempts must be at least 1");
		}
		if (firstRetry.isNegative() || poll.isNegative() || poll.isZero()) {
			throw new IllegalArgumentException("tutela.outbox.first-retry and poll must be positive");
		}
		if (batch < 1) {
			throw new IllegalArgumentException("tutela.outbox.batch must be at least 1");
		}
	}

	/** The wait after a failed attempt number {@code attempts} (1 for the first). */
	Duration retryAfter(int attempts) {
		return this.firstRetry.multipliedBy(1L << Math.min(attempts - 1, 20));
	}

}
