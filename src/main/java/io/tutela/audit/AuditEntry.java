package io.tutela.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * An event as stored in the chain: its place ({@code seq}), its content and the hashes
 * that link it. This is also one line of the JSON Lines export; {@code occurredAt} is
 * written exactly as the canonical encoding writes it.
 */
record AuditEntry(long seq,
		@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSSX",
				timezone = "UTC") Instant occurredAt,
		String actor, String actorRole, @Nullable String controllerId, String action, List<String> targetIds,
		@Nullable String category, @Nullable String purpose, String outcome, @Nullable String clientAddress,
		String prevHash, String hash) {

	static AuditEntry of(long seq, AuditEvent event, String prevHash, String hash) {
		return new AuditEntry(seq, event.occurredAt(), event.actor(), event.actorRole(), event.controllerId(),
				event.action(), event.targetIds(), event.category(), event.purpose(), event.outcome(),
				event.clientAddress(), prevHash, hash);
	}

	/**
	 * The event's content.
	 * @throws IllegalArgumentException when a field is missing or invalid
	 */
	@JsonIgnore
	AuditEvent event() {
		return new AuditEvent(this.occurredAt, this.actor, this.actorRole, this.controllerId, this.action,
				this.targetIds, this.category, this.purpose, this.outcome, this.clientAddress);
	}

}
