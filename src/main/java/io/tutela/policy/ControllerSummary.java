package io.tutela.policy;

import org.jspecify.annotations.Nullable;

/**
 * A controller (tenant) as listed by Tutela.
 *
 * @param processor for a client controller, the processor acting for it
 * @param currentVersion the number of its current policy version
 */
public record ControllerSummary(String id, String name, Policy.Role role, @Nullable String processor,
		int currentVersion) {
}
