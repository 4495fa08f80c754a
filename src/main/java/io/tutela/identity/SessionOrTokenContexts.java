package io.tutela.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where a request's security context is kept between requests: in the session for staff
 * logged in on the console; nowhere for a request with a token, which is authenticated by
 * its token alone ({@link BearerTokenFilter}) and neither reads nor opens a session. Were
 * it kept in a session, the session's cookie would stand in for the token, even once the
 * token is revoked; and every request with a token would leave a session behind.
 */
final class SessionOrTokenContexts implements SecurityContextRepository {

	private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	@Override
	@Deprecated
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return BearerTokenFilter.hasBearer(holder.getRequest()) ? SecurityContextHolder.createEmptyContext()
				: this.sessions.loadContext(holder);
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		if (!BearerTokenFilter.hasBearer(request)) {
			return this.sessions.loadDeferredContext(request);
		}
		return new DeferredSecurityContext() {
			@Override
			public SecurityContext get() {
				return SecurityContextHolder.createEmptyContext();
			}

			@Override
			public boolean isGenerated() {
				return true;
			}
		};
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		if (!BearerTokenFilter.hasBearer(request)) {
			this.sessions.saveContext(context, request, response);
		}
	}

	/**
	 * True for a request with a token: its context comes with it, and is not to be stored
	 * (the session management asks this before it stores one).
	 */
	@Override
	public boolean containsContext(HttpServletRequest request) {
		return BearerTokenFilter.hasBearer(request) || this.sessions.containsContext(request);
	}

}
