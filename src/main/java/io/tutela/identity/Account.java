package io.tutela.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A staff account as stored; its password and second-factor secret stay inside this
 * module.
 */
record Account(UUID id, String username, String displayName, String passwordHash, boolean passwordTemporary,
		boolean allControllers, boolean enabled, @Nullable String totpSecret, boolean totpEnabled,
		@Nullable Long totpLastStep, int failedLogins, @Nullable Instant lastFailedAt, Set<Role> roles,
		Set<String> controllers, Instant createdAt) {

	public boolean secondFactorRequired() {
		return this.roles.stream().anyMatch(Role::requiresSecondFactor);
	}

	StaffPrincipal principal() {
		return new StaffPrincipal(this.id, this.username, this.displayName, this.roles, this.allControllers,
				this.controllers);
	}

}
