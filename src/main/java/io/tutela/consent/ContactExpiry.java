package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Marketing contact data expire {@code marketing.contact_expiry} after the last contact
 * (Conecto: 12 months) unless renewed. The last contact is the latest of the subject's
 * recorded last contact, the latest consent given, and its contracts (a running contract
 * is a contact today, an ended one on its last day). Counted on calendar dates in the
 * controller's zone: a contact on day D with P12M lasts through D+12 months and has
 * expired from the next day.
 */
final class ContactExpiry {

	private ContactExpiry() {
	}

	/** The last day the contact data may be used, or empty when they do not expire. */
	static Optional<LocalDate> lastDay(Terms terms, ContactFacts facts, @Nullable LedgerEntry consent, Instant asOf) {
		if (terms.contactExpiry() == null) {
			return Optional.empty();
		}
		LocalDate today = terms.date(asOf);
		LocalDate last = null;
		if (facts.lastContact() != null && !facts.lastContact().isAfter(asOf)) {
			last = terms.date(facts.lastContact());
		}
		if (consent != null) {
			last = later(last, terms.date(consent.occurredAt()));
		}
		for (ContactFacts.Contract contract : facts.contracts()) {
			if (!contract.start().isAfter(today)) {
				last = later(last, (contract.end() == null || contract.end().isAfter(today)) ? today : contract.end());
			}
		}
		return (last != null) ? Optional.of(last.plus(terms.contactExpiry())) : Optional.empty();
	}

	static boolean expired(Terms terms, ContactFacts facts, @Nullable LedgerEntry consent, Instant asOf) {
		LocalDate today = terms.date(asOf);
		return lastDay(terms, facts, consent, asOf).map(today::isAfter).orElse(false);
	}

	private static LocalDate later(@Nullable LocalDate a, LocalDate b) {
		return (a == null || b.isAfter(a)) ? b : a;
	}

}
