package io.tutela.portal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.tutela.audit.ActingRole;

/**
 * Who acts on the portal, for the audit log and the request history: while a portal page
 * runs for a signed-in person, the current actor is the sign-in's pseudonym with the role
 * {@code SUBJECT}. This authentication has no authority, exists only for the handling of
 * the page (after the access rules were applied, never saved in the session), so it can
 * never open anything of the staff.
 */
@Configuration(proxyBeanMethods = false)
class PortalActor implements WebMvcConfigurer, HandlerInterceptor {

	/** The role the audit log records for a person acting on the portal. */
	static final String ROLE = "SUBJECT";

	private static final String PREVIOUS = PortalActor.class.getName() + ".previous";

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/portal/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		PortalSession.any(request).ifPresent((signed) -> actAs(request, signed));
		return true;
	}

	/** Makes the signed-in person the current actor until the page is done. */
	static void actAs(HttpServletRequest request, PortalSession signed) {
		if (request.getAttribute(PREVIOUS) == null) {
			request.setAttribute(PREVIOUS, SecurityContextHolder.getContext());
		}
		SecurityContextHolder.setContext(new SecurityContextImpl(new Subject(signed.actor())));
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (request.getAttribute(PREVIOUS) instanceof SecurityContext previous) {
			SecurityContextHolder.setContext(previous);
			request.removeAttribute(PREVIOUS);
		}
	}

	/** A person on the portal: named by a pseudonym, with no authority at all. */
	static final class Subject extends AbstractAuthenticationToken implements ActingRole {

		private final String name;

		Subject(String name) {
			super(List.of());
			this.name = name;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return this.name;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public String actingRole() {
			return ROLE;
		}

	}

}
