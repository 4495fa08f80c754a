package io.tutela.consent;

import java.util.Optional;

/**
 * A processing restriction (GDPR art. 18) blocks every use but storage, marketing
 * included. Today the subject's {@code restricted} flag carries it; rights requests will
 * set that flag (or add their own fact here) when they restrict processing. Objections
 * from a rights request are recorded in the ledger as {@code objected} entries and block
 * through {@link ChannelScope}.
 */
final class Restriction {

	private Restriction() {
	}

	static Optional<Decision.Evidence> blocking(ContactFacts facts) {
		if (!facts.restricted()) {
			return Optional.empty();
		}
		String ids = String.join(",", facts.subjectIds().stream().map(Object::toString).toList());
		return Optional.of(new Decision.Evidence("subject", ids, "processing restricted", null));
	}

}
