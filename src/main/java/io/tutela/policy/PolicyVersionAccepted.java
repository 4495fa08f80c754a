package io.tutela.policy;

import org.jspecify.annotations.Nullable;

/**
 * A new version of a controller's policy was accepted.
 *
 * @param previousVersion the version it replaces, null for a controller's first policy
 */
public record PolicyVersionAccepted(String controllerId, int version, @Nullable Integer previousVersion) {
}
