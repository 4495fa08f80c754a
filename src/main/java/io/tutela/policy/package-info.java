/**
 * The privacy notice as code: the policy format, its loader and validator, versions and
 * diffs, and the human notice and art. 30 register rendered from it.
 */
@NullMarked
package io.tutela.policy;

import org.jspecify.annotations.NullMarked;
