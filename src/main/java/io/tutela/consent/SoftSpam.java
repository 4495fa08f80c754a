package io.tutela.consent;

import java.util.Optional;

import io.tutela.policy.Policy.Channel;

/**
 * Soft spam (Codice art. 130 c.4): the e-mail address a customer gave in a sale may
 * receive offers on similar services, without consent, until the customer objects. It
 * applies only when the policy says so, for its marketing purpose, by e-mail, to a
 * subject with a contract; an objection or withdrawal covering e-mail ends it (the ledger
 * is asked first).
 */
final class SoftSpam {

	private SoftSpam() {
	}

	static Optional<Decision.Evidence> applies(Terms terms, ContactFacts facts, String purpose, Channel channel) {
		if (!terms.softSpam() || !terms.marketing(purpose) || channel != Channel.EMAIL || facts.customerEmail() == null
				|| facts.contracts().isEmpty()) {
			return Optional.empty();
		}
		ContactFacts.Contract sale = facts.contracts().get(0);
		return Optional
			.of(new Decision.Evidence("contract", sale.number(), "e-mail given in a sale", sale.start().toString()));
	}

}
