package io.tutela.outbox;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A message of the outbox with its mailing's text, as the API and the pages show it. */
record OutboxMessage(UUID id, String controllerId, String kind, String reference, @Nullable UUID subjectId,
		String recipient, String state, int attempts, Instant nextAttemptAt, @Nullable String lastError,
		@Nullable String transport, Instant createdAt, @Nullable Instant sentAt, String subjectLine, String body) {

	static final String PENDING = "pending";

	static final String SENT = "sent";

	static final String FAILED = "failed";

}
