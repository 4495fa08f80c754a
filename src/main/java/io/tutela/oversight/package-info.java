/**
 * What the DPO oversees across the other modules: the register of processors and
 * recipients with their agreements, transfers and deliveries, and the dashboard.
 */
@NullMarked
package io.tutela.oversight;

import org.jspecify.annotations.NullMarked;
