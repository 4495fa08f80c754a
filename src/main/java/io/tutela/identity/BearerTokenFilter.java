package io.tutela.identity;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer <token>}: a valid token
 * stands for its owner with the token's roles and controllers; anything else is refused
 * with 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final Responses responses;

	private final SecondFactorStepUp stepUp;

	BearerTokenFilter(ApiTokens tokens, Responses responses, SecondFactorStepUp stepUp) {
		this.tokens = tokens;
		this.responses = responses;
		this.stepUp = stepUp;
	}

	static boolean hasBearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		String secret = request.getHeader("Authorization").substring(7).strip();
		Optional<StaffPrincipal> principal = this.tokens.authenticate(secret);
		if (principal.isEmpty()) {
			SecurityContextHolder.clearContext();
			this.responses.commence(request, response, new BadCredentialsException("invalid token"));
			return;
		}
		if (SecondFactorStepUp.guards(request.getRequestURI().substring(request.getContextPath().length()),
				principal.get())) {
			SecondFactorStepUp.Outcome outcome = this.stepUp.check(secret, principal.get(),
					Optional.ofNullable(request.getHeader(SecondFactorStepUp.HEADER)));
			if (outcome != SecondFactorStepUp.Outcome.PASSED) {
				SecurityContextHolder.clearContext();
				this.responses.secondFactorRequired(response, outcome == SecondFactorStepUp.Outcome.REFUSED);
				return;
			}
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(StaffAuthentication.of(principal.get(), LoginStep.NONE, true));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
