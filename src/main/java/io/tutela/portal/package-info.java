/**
 * The subject portal, where people exercise their rights without a staff account: signed
 * in to one controller by a one-time code sent to their e-mail address, they submit
 * rights requests with their documents, follow them, download the result, and see and
 * change their consents. The portal's session never carries a staff authentication and
 * reaches only the person's own data within the controller it was opened for.
 */
@NullMarked
package io.tutela.portal;

import org.jspecify.annotations.NullMarked;
