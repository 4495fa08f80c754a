/**
 * The audit log: an append-only, hash-chained record of every read and write of personal
 * data and every administrator action, verifiable online and offline, with alerts on
 * anomalous use (mass reads, reads outside working hours). Other modules record through
 * {@link io.tutela.audit.AuditLog} with events built by
 * {@link io.tutela.audit.CurrentActor}.
 */
@NullMarked
@ApplicationModule(displayName = "Audit", allowedDependencies = "web")
package io.tutela.audit;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
