/**
 * Consent and marketing: the append-only consent ledger, the contact decision (may this
 * person be contacted on this channel for this purpose at this time, and why), the
 * opposition register and the campaign lists checked against it.
 */
@NullMarked
package io.tutela.consent;

import org.jspecify.annotations.NullMarked;
