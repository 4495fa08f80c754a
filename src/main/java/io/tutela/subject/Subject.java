package io.tutela.subject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person whose data a controller holds, with their identifiers and the tags of those
 * data.
 */
public record Subject(UUID id, String controllerId, String key, String category, List<String> purposes, String source,
		boolean special, @Nullable String givenName, @Nullable String familyName, @Nullable String codiceFiscale,
		@Nullable String email, @Nullable String phone, @Nullable String customerCode, @Nullable String licenceNumber,
		@Nullable String portalAccount, @Nullable String address, Instant collectedAt, @Nullable Instant lastContactAt,
		boolean restricted) {
}
