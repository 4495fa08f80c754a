/**
 * Staff identity: accounts and roles scoped to controllers, passwords, TOTP second
 * factor, API tokens, and the one place that keeps each controller's data from every
 * other controller's users.
 */
@NullMarked
package io.tutela.identity;

import org.jspecify.annotations.NullMarked;
