package io.tutela.vault;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call as the vault holds it, numbers in E.164 (in clear only in memory).
 *
 * @param caller the calling number
 * @param callee the called number
 * @param start when the call started
 * @param durationSeconds how long it lasted
 * @param answered whether it was answered
 * @param cell the cell or location, when recorded
 * @param category the policy's category of the record
 */
public record VaultCall(String caller, String callee, Instant start, int durationSeconds, boolean answered,
		@Nullable String cell, String category) {

}
