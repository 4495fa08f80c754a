/**
 * The justice vault: traffic data past their operational period, in a schema of their own
 * reached only through the vault's own database role, with the numbers sealed by keys
 * kept outside the database and found by keyed hash.
 */
@NullMarked
package io.tutela.vault;

import org.jspecify.annotations.NullMarked;
