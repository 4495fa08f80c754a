package io.tutela.identity;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A failed login goes back to the login page saying why in general terms: wrong
 * credentials (the page never says whether the user exists), a lock with its end, a
 * disabled account.
 */
class LoginFailures implements AuthenticationFailureHandler {

	static final String LOCKED_UNTIL = "tutela.login.lockedUntil";

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String reason = "error";
		if (exception instanceof StaffAuthenticationProvider.LockedAccountException locked) {
			request.getSession().setAttribute(LOCKED_UNTIL, locked.until());
			reason = "locked";
		}
		else if (exception instanceof org.springframework.security.authentication.DisabledException) {
			reason = "disabled";
		}
		response.sendRedirect(request.getContextPath() + "/login?" + reason);
	}

}
