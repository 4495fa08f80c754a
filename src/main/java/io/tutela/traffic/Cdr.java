package io.tutela.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.RecordKind;

/**
 * A call detail record: who called whom (numbers in E.164), when the call started, how
 * long it lasted, whether it was answered, the cell when known, and the subscriber when
 * the caller is a known subject.
 *
 * @param id a stable id derived from the natural key (controller, caller, start, callee),
 * for the audit log
 */
record Cdr(UUID id, String caller, String callee, Instant start, int durationSeconds, boolean answered,
		@Nullable String cell, @Nullable UUID subjectId, String category, List<String> purposes) {

	static final RecordKind KIND = RecordKind.CDR;

	static UUID id(String controllerId, String caller, Instant start, String callee) {
		return UUID.nameUUIDFromBytes(
				(controllerId + '|' + caller + '|' + start + '|' + callee).getBytes(StandardCharsets.UTF_8));
	}

}
