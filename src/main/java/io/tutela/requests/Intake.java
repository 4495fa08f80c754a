package io.tutela.requests;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A rights request as received, through the API or an operator's form.
 *
 * @param type the right exercised, among those the policy's {@code rights.offered} lists
 * @param subject the subject's id or an identifier (the person may be unknown)
 * @param requester {@code subject} (the default) or {@code delegate}
 * @param channel how the request arrived, among the policy's {@code rights.channels}
 * @param identityCertain whether the requester's identity was certain when the request
 * arrived (a telephone request needs it where the policy says so)
 * @param receivedAt when it was received; now when absent
 * @param proofs identity document, proxy, delegate's document (content in base64)
 */
record Intake(@Nullable String type, @Nullable String subject, @Nullable String requester,
		@Nullable String delegateName, @Nullable String channel, @Nullable Boolean identityCertain,
		@Nullable Instant receivedAt, @Nullable String details, @Nullable List<ProofInput> proofs) {

	/** A document as sent: its kind, file name, media type and content in base64. */
	record ProofInput(@Nullable String kind, @Nullable String name, @Nullable String contentType,
			@Nullable String content) {
	}

}
