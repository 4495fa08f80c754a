/**
 * Subjects (the people whose data a controller holds), their identifiers, contracts,
 * portal accounts, invoices and payments, and the subject 360 view.
 */
@NullMarked
package io.tutela.subject;

import org.jspecify.annotations.NullMarked;
