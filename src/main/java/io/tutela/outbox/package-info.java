/**
 * The outbox: messages Tutela owes (a changed notice to the subjects told of it, a rights
 * request's notice to recipients), recorded with what causes them and delivered after, by
 * SMTP or into the built-in mailbox, with retries and a list of failures.
 */
@NullMarked
package io.tutela.outbox;

import org.jspecify.annotations.NullMarked;
