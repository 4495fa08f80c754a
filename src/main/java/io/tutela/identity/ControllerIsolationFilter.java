package io.tutela.identity;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place that keeps controllers apart: a request for any resource of a controller
 * the user may not see is answered 404, exactly as for a controller that does not exist,
 * before any endpoint runs. Endpoints added later are covered without anyone remembering.
 */
class ControllerIsolationFilter extends OncePerRequestFilter {

	private final ControllerScope scope;

	private final Responses responses;

	ControllerIsolationFilter(ControllerScope scope, Responses responses) {
		this.scope = scope;
		this.responses = responses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> controller = ControllerScope
			.controllerOf(request.getRequestURI().substring(request.getContextPath().length()));
		if (controller.isPresent() && this.scope.current().isPresent() && !this.scope.canSee(controller.get())) {
			this.responses.notFound(request, response, controller.get());
			return;
		}
		chain.doFilter(request, response);
	}

}
