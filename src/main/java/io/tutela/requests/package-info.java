/**
 * Rights requests (GDPR art. 15-22): intake through the channels the policy accepts,
 * identity proofs sealed at rest, the workflow with its deadline and every step audited,
 * and execution (for now, access: a zip of everything held with a readable report).
 */
@NullMarked
package io.tutela.requests;

import org.jspecify.annotations.NullMarked;
