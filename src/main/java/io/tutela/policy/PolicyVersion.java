package io.tutela.policy;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One accepted version of a controller's policy.
 *
 * @param acceptedAt when Tutela accepted it
 * @param noticeDate the notice's "data di aggiornamento"
 * @param origin {@code seed} for a shipped policy, {@code upload} for one sent by the DPO
 */
public record PolicyVersion(String controllerId, int version, Instant acceptedAt, LocalDate noticeDate,
		String sourceName, String sha256, String origin) {
}
