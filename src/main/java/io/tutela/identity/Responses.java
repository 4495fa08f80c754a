package io.tutela.identity;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.tutela.web.Problems;

/**
 * How security refusals are answered: problem details for the API (401, 403, 404), pages
 * for people (the login page, the pending login step, an error page).
 */
class Responses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	Responses(JsonMapper json) {
		this.json = json;
	}

	static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (isApi(request)) {
			response.setHeader("WWW-Authenticate", "Bearer");
			problem(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
					"Send a personal API token as 'Authorization: Bearer <token>'.");
		}
		else {
			response.sendRedirect(request.getContextPath() + "/login");
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof StaffAuthentication)) {
			commence(request, response, new InsufficientAuthenticationException("not authenticated"));
			return;
		}
		if (authentication instanceof StaffAuthentication staff && staff.pending() != LoginStep.NONE) {
			if (isApi(request)) {
				problem(response, HttpStatus.UNAUTHORIZED, "login-incomplete", "Login incomplete",
						"Complete the login in the console first.");
			}
			else {
				response.sendRedirect(request.getContextPath() + staff.pending().page());
			}
			return;
		}
		if (isApi(request)) {
			problem(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"Your role does not allow this operation.");
		}
		else {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}
	}

	/**
	 * A call to the justice vault's paths whose token has not given its second factor.
	 */
	void secondFactorRequired(HttpServletResponse response, boolean refused) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		problem(response, HttpStatus.UNAUTHORIZED, "second-factor-required", "Second factor required",
				refused ? "The code in " + SecondFactorStepUp.HEADER + " was not accepted (wrong, or already used)."
						: "The justice vault asks a token for a current authenticator code in "
								+ SecondFactorStepUp.HEADER + " at least every "
								+ SecondFactorStepUp.VALIDITY.toMinutes() + " minutes.");
	}

	void notFound(HttpServletRequest request, HttpServletResponse response, String controllerId) throws IOException {
		if (isApi(request)) {
			problem(response, HttpStatus.NOT_FOUND, "not-found", "Not found",
					"controller '" + controllerId + "' not found");
		}
		else {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}
	}

	private void problem(HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
			throws IOException {
		ProblemDetail problem = Problems.of(status, slug, title, detail);
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
