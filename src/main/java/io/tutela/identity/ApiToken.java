package io.tutela.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A personal API token as listed to its owner; its secret is never stored, only its hash.
 */
public record ApiToken(UUID id, UUID accountId, String name, Set<Role> roles, boolean allControllers,
		Set<String> controllers, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt,
		@Nullable Instant lastUsedAt) {

	public boolean activeAt(Instant now) {
		return this.revokedAt == null && now.isBefore(this.expiresAt);
	}

}
