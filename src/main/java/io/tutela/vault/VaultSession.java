package io.tutela.vault;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A telematic session as the vault holds it, subscriber and address in clear only in
 * memory.
 *
 * @param subscriber the account the network authenticated
 * @param assignedIp the address assigned for the session
 * @param start when the session started
 * @param end when it ended, when recorded
 * @param bytesUp bytes sent
 * @param bytesDown bytes received
 * @param category the policy's category of the record
 */
public record VaultSession(String subscriber, String assignedIp, Instant start, @Nullable Instant end, long bytesUp,
		long bytesDown, String category) {

}
