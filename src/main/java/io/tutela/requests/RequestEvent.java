package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One step in a request's history.
 *
 * @param dueOn the deadline after the step (set when it moved or was first set)
 */
record RequestEvent(Instant at, String kind, String actor, @Nullable String reason, @Nullable LocalDate dueOn) {
}
