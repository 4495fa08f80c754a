package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy.Channel;

/**
 * The Registro Pubblico delle Opposizioni (L. 5/2018, DPR 26/2022): a registered number
 * may not be called from a public directory, and its registration cancels the
 * telemarketing consents given on or before the day it was registered, except the
 * consents of a customer whose contract is in force or ended less than
 * {@code marketing.opposition_register_grace} before (30 days: a contract ended on 1
 * March keeps its consents through 30 March). A consent given after the registration
 * stands. Only calls are concerned.
 */
final class OppositionRegister {

	private OppositionRegister() {
	}

	static boolean concerns(Channel channel) {
		return channel == Channel.OPERATOR_CALL || channel == Channel.AUTOMATED_CALL;
	}

	/**
	 * Whether the registration cancels the basis of the call.
	 * @param consent the consent the call rests on, or null for a public-directory number
	 */
	static Optional<ContactFacts.Registration> cancels(Terms terms, ContactFacts facts, Channel channel,
			@Nullable LedgerEntry consent, Instant asOf) {
		ContactFacts.Registration registration = facts.registration();
		if (registration == null || !concerns(channel)) {
			return Optional.empty();
		}
		if (consent == null) {
			return Optional.of(registration);
		}
		LocalDate given = terms.date(consent.occurredAt());
		if (given.isAfter(registration.registeredOn())) {
			return Optional.empty();
		}
		return contractKeepsConsent(terms, facts, asOf) ? Optional.empty() : Optional.of(registration);
	}

	private static boolean contractKeepsConsent(Terms terms, ContactFacts facts, Instant asOf) {
		if (terms.registerGrace() == null) {
			return false;
		}
		LocalDate today = terms.date(asOf);
		return facts.contracts()
			.stream()
			.anyMatch((c) -> !c.start().isAfter(today)
					&& (c.end() == null || today.isBefore(c.end().plus(terms.registerGrace()))));
	}

}
