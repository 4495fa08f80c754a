/**
 * What every record has in common: its tags (category, purposes, source) taken from the
 * policy, the import machinery that loads records of any kind whole or not at all, and
 * the dates on which retention rules act.
 */
@NullMarked
package io.tutela.records;

import org.jspecify.annotations.NullMarked;
