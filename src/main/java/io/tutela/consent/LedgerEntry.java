package io.tutela.consent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event of the consent ledger: a consent given, withdrawn, or an objection, for a
 * purpose and a scope (a modality or one channel), with its evidence. Exactly one of
 * {@code subjectId}, {@code phone} and {@code email} names the person.
 */
record LedgerEntry(UUID id, String controllerId, @Nullable UUID subjectId, @Nullable String phone,
		@Nullable String email, String purpose, String scope, Kind event, Instant occurredAt, Instant recordedAt,
		String recordedBy, Evidence evidence) {

	enum Kind {

		GIVEN, WITHDRAWN, OBJECTED;

		String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * How the event was collected.
	 *
	 * @param method how it was expressed (web form, recorded call, signed paper, e-mail,
	 * unsubscribe link)
	 * @param collectedBy who collected it (an operator, a partner, the subject)
	 * @param noticeVersion the version of the notice shown
	 * @param listProvenance the third-party list the number came from
	 * @param thirdPartyUse the subject consented to the use of the data by third parties
	 */
	record Evidence(String method, @Nullable String collectedBy, @Nullable String noticeVersion,
			@Nullable String listProvenance, boolean thirdPartyUse) {
	}

}
