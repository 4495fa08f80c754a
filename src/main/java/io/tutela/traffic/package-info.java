/**
 * Traffic data: call detail records and telematic sessions, ingested in bulk into tables
 * partitioned by month, readable by operators only within the window the policy's
 * retention rules keep them in the operational systems, and by month for a subscriber's
 * own bill check.
 */
@NullMarked
package io.tutela.traffic;

import org.jspecify.annotations.NullMarked;
