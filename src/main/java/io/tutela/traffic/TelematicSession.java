package io.tutela.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.RecordKind;

/**
 * An Internet session: the subscriber the network authenticated, the address it was
 * assigned, when the session started and ended, and the bytes sent and received.
 *
 * @param id a stable id derived from the natural key (controller, address, start), for
 * the audit log
 */
record TelematicSession(UUID id, String subscriber, String assignedIp, Instant start, @Nullable Instant end,
		long bytesUp, long bytesDown, @Nullable UUID subjectId, String category, List<String> purposes) {

	static final RecordKind KIND = RecordKind.TELEMATIC_SESSION;

	static UUID id(String controllerId, String assignedIp, Instant start) {
		return UUID.nameUUIDFromBytes((controllerId + '|' + assignedIp + '|' + start).getBytes(StandardCharsets.UTF_8));
	}

}
