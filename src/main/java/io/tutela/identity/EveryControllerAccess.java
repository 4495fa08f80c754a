package io.tutela.identity;

import java.util.Arrays;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Access to what spans every controller (the whole audit log): only for accounts that may
 * see all controllers, with one of the given roles.
 */
final class EveryControllerAccess implements AuthorizationManager<RequestAuthorizationContext> {

	private final String[] roles;

	private EveryControllerAccess(String[] roles) {
		this.roles = roles;
	}

	static EveryControllerAccess withAnyRole(String... roles) {
		return new EveryControllerAccess(roles);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		if (!(current instanceof StaffAuthentication staff) || staff.pending() != LoginStep.NONE) {
			return new AuthorizationDecision(false);
		}
		StaffPrincipal principal = staff.getPrincipal();
		boolean role = Arrays.stream(this.roles).anyMatch((r) -> principal.has(Role.valueOf(r)));
		return new AuthorizationDecision(role && principal.allControllers());
	}

}
