package io.tutela.identity;

import java.util.List;
import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import io.tutela.audit.AuditEvent;
import io.tutela.audit.Auditing;

/**
 * Every login, successful or not, on the audit log (the Garante's measures for system
 * administrators ask for complete access logs). A failed login names the account when
 * there is one, never what was typed.
 */
@Component
class LoginAudit {

	private final Auditing auditing;

	private final Accounts accounts;

	LoginAudit(Auditing auditing, Accounts accounts) {
		this.auditing = auditing;
		this.accounts = accounts;
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof StaffAuthentication staff) {
			StaffPrincipal principal = staff.getPrincipal();
			String role = principal.roles()
				.stream()
				.min(java.util.Comparator.comparingInt(StaffAuthentication::privilege))
				.map(Role::name)
				.orElse("none");
			this.auditing.as(principal.username(), role, "login.password", AuditEvent.SUCCESS,
					List.of(principal.accountId()));
		}
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		String username = String.valueOf(event.getAuthentication().getName()).strip().toLowerCase(Locale.ROOT);
		List<Object> target = this.accounts.byUsername(username).map((a) -> (Object) a.id()).stream().toList();
		String outcome = (event.getException() instanceof StaffAuthenticationProvider.LockedAccountException) ? "locked"
				: AuditEvent.FAILURE;
		this.auditing.as("anonymous", "none", "login.password", outcome, target);
	}

}
