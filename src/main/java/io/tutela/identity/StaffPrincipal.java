package io.tutela.identity;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: a staff account, the roles it acts with and the controllers whose data
 * it may see (all of them only for accounts so scoped).
 */
public record StaffPrincipal(UUID accountId, String username, String displayName, Set<Role> roles,
		boolean allControllers, Set<String> controllers) implements Serializable {

	public boolean canSee(String controllerId) {
		return this.allControllers || this.controllers.contains(controllerId);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	@Override
	public String toString() {
		return this.username;
	}

}
