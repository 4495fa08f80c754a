/**
 * The retention engine: for each rule of a controller's policy, what is due as of a day,
 * and the rule's action applied (or, for a dry run, only counted). Modules that hold
 * records offer them as {@link io.tutela.retention.RetentionTarget}s.
 */
@NullMarked
package io.tutela.retention;

import org.jspecify.annotations.NullMarked;
