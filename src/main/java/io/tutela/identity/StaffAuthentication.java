package io.tutela.identity;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.tutela.audit.ActingRole;

/**
 * An authenticated staff member. While a login step is pending (a second factor, a new
 * password, enrolment) it carries only that step's authority, which opens that step's
 * page and nothing else; once every step is done it carries the account's roles.
 */
class StaffAuthentication extends AbstractAuthenticationToken implements ActingRole {

	private final StaffPrincipal principal;

	private final LoginStep pending;

	private final boolean secondFactorDone;

	private StaffAuthentication(StaffPrincipal principal, LoginStep pending, boolean secondFactorDone,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.principal = principal;
		this.pending = pending;
		this.secondFactorDone = secondFactorDone;
		setAuthenticated(true);
	}

	static StaffAuthentication of(StaffPrincipal principal, LoginStep pending, boolean secondFactorDone) {
		List<GrantedAuthority> authorities = (pending == LoginStep.NONE) ? principal.roles()
			.stream()
			.map((r) -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority()))
			.toList() : List.of(new SimpleGrantedAuthority(pending.authority()));
		return new StaffAuthentication(principal, pending, secondFactorDone, authorities);
	}

	/**
	 * The most privileged role first: it is the role the audit log records for the actor.
	 */
	static int privilege(Role role) {
		return switch (role) {
			case SYSTEM_ADMINISTRATOR -> 0;
			case JUDICIAL_LIAISON -> 1;
			case DPO -> 2;
			case AUDITOR -> 3;
			case OPERATOR -> 4;
			case COMPLAINT_HANDLER -> 5;
			case CLIENT_USER -> 6;
		};
	}

	@Override
	public String actingRole() {
		if (this.pending != LoginStep.NONE) {
			return "none";
		}
		return this.principal.roles()
			.stream()
			.min(java.util.Comparator.comparingInt(StaffAuthentication::privilege))
			.map(Role::name)
			.orElse("none");
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public StaffPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public String getName() {
		return this.principal.username();
	}

	LoginStep pending() {
		return this.pending;
	}

	boolean secondFactorDone() {
		return this.secondFactorDone;
	}

}
