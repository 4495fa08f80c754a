package io.tutela.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Moves a login to its next step and keeps the session's authentication in step with it.
 */
@Component
class LoginFlow {

	private final Accounts accounts;

	private final SecurityContextRepository contexts;

	LoginFlow(Accounts accounts, SecurityContextRepository contexts) {
		this.accounts = accounts;
		this.contexts = contexts;
	}

	/** The login in progress in this session, if any. */
	static java.util.Optional<StaffAuthentication> current() {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof StaffAuthentication staff) {
			return java.util.Optional.of(staff);
		}
		return java.util.Optional.empty();
	}

	Account account(StaffAuthentication authentication) {
		return this.accounts.byId(authentication.getPrincipal().accountId()).orElseThrow();
	}

	/**
	 * Recomputes the next step after one was completed, and returns the page to go to.
	 */
	String advance(HttpServletRequest request, HttpServletResponse response, StaffAuthentication authentication,
			boolean secondFactorDone) {
		Account account = account(authentication);
		boolean done = secondFactorDone || authentication.secondFactorDone();
		LoginStep next = LoginStep.next(account, done);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(StaffAuthentication.of(account.principal(), next, done));
		SecurityContextHolder.setContext(context);
		if (next == LoginStep.NONE) {
			request.changeSessionId();
		}
		this.contexts.saveContext(context, request, response);
		return (next == LoginStep.NONE) ? "/controllers" : next.page();
	}

	/** Ends the login (a second factor failed too often). */
	void abandon(HttpServletRequest request, HttpServletResponse response) {
		SecurityContext empty = SecurityContextHolder.createEmptyContext();
		SecurityContextHolder.setContext(empty);
		this.contexts.saveContext(empty, request, response);
		if (request.getSession(false) != null) {
			request.getSession().invalidate();
		}
	}

}
