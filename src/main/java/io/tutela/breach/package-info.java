/**
 * The breach register (GDPR art. 33-34): incidents with their 72-hour clock, the decision
 * whether to notify the authority and the subjects and why, information in phases, the
 * notification draft and the letter to subjects, and the subjects affected.
 */
@NullMarked
package io.tutela.breach;

import org.jspecify.annotations.NullMarked;
