package io.tutela.audit;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting now, for the audit: the authenticated name and role from Spring Security,
 * the client address from the current request, and the time from the application's clock.
 *
 * <pre>
 * auditLog.record(currentActor.event("subject.read").controller("ipkom").target(subjectId)
 *     .category("identity").purpose("contract").build());
 * </pre>
 */
@Component
public class CurrentActor {

	/** The actor and role of work done outside any request (scheduled jobs, start-up). */
	public static final String SYSTEM = "system";

	/** The actor and role of an unauthenticated request. */
	public static final String ANONYMOUS = "anonymous";

	/** The role of an authenticated actor that has no {@code ROLE_} authority. */
	public static final String NO_ROLE = "none";

	private static final String ROLE_PREFIX = "ROLE_";

	private final Clock clock;

	CurrentActor(Clock clock) {
		this.clock = clock;
	}

	/** An event of the current actor, now, with the current request's address. */
	public AuditEvent.Builder event(String action) {
		Actor actor = actor();
		return AuditEvent.builder(this.clock.instant(), actor.name(), actor.role(), action)
			.clientAddress(actor.clientAddress());
	}

	/** The current actor. */
	public Actor actor() {
		HttpServletRequest request = request();
		String address = (request != null) ? request.getRemoteAddr() : null;
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			String who = (request != null || authentication != null) ? ANONYMOUS : SYSTEM;
			return new Actor(who, who, address);
		}
		String role = NO_ROLE;
		if (authentication instanceof ActingRole acting) {
			return new Actor(authentication.getName(), acting.actingRole(), address);
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(ROLE_PREFIX) && name.length() > ROLE_PREFIX.length()) {
				role = name.substring(ROLE_PREFIX.length());
				break;
			}
		}
		return new Actor(authentication.getName(), role, address);
	}

	private static @Nullable HttpServletRequest request() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

	/**
	 * An actor as the audit records it.
	 *
	 * @param name the account's name, or {@code anonymous} or {@code system}
	 * @param role the first {@code ROLE_} authority without its prefix, {@code none}, or
	 * {@code anonymous} or {@code system}
	 * @param clientAddress the remote address of the current request, if any
	 */
	public record Actor(String name, String role, @Nullable String clientAddress) {
	}

}
