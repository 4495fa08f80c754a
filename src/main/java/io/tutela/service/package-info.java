/**
 * Service records: support tickets and remote-assistance sessions (Nanosystems), the call
 * log and call notes, each client controller's receptionist configuration, caller lists
 * and contacts imported on consent (MySegretaria), and call-recording metadata (IPKOM).
 * Each record is tagged from the policy's {@code records} section, importable whole or
 * not at all, readable through the API and part of the subject 360.
 */
@NullMarked
package io.tutela.service;

import org.jspecify.annotations.NullMarked;
