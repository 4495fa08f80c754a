package io.tutela.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Which controllers the current user may see. Every path of a controller's resources
 * ({@code /api/v1/controllers/{id}/…}, {@code /controllers/{id}/…}) is checked once, by
 * {@link ControllerIsolationFilter}; lists of controllers are filtered here.
 */
@Component
public class ControllerScope {

	static final Pattern CONTROLLER_PATH = Pattern.compile("^/(?:api/v1/)?controllers/([^/]+)(?:/.*)?$");

	/** The user acting now, if any. */
	public Optional<StaffPrincipal> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
			return Optional.of(principal);
		}
		return Optional.empty();
	}

	/**
	 * Whether the current user may see a controller's data (nobody may without a user).
	 */
	public boolean canSee(String controllerId) {
		return current().map((p) -> p.canSee(controllerId)).orElse(false);
	}

	/** The items of the controllers the current user may see. */
	public <T> List<T> visible(Collection<T> items, Function<T, String> controllerId) {
		return items.stream().filter((item) -> canSee(controllerId.apply(item))).toList();
	}

	/** The controller a request path belongs to, if it is a controller's path. */
	static Optional<String> controllerOf(String path) {
		Matcher matcher = CONTROLLER_PATH.matcher(path);
		return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

}
