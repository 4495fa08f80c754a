/**
 * Where Tutela keeps its data: an embedded PostgreSQL under the data directory when no
 * external database is configured.
 */
@NullMarked
package io.tutela.storage;

import org.jspecify.annotations.NullMarked;
