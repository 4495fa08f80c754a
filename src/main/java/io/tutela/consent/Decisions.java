package io.tutela.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy.Channel;

/**
 * The contact decision over facts already loaded: plain Java, one rule per class, in the
 * order the law puts them. The policy's terms say which purpose is marketing, by which
 * channels, and every period.
 */
final class Decisions {

	private Decisions() {
	}

	/**
	 * May the person be contacted on the channel for the purpose at the instant?
	 * @param provenance where the number comes from, for a campaign list; null for a
	 * single decision
	 */
	static Decision decide(Terms terms, ContactFacts facts, Channel channel, String purpose, Instant asOf,
			@Nullable Provenance provenance) {
		return decide(terms, facts, channel, purpose, asOf, provenance, true);
	}

	/**
	 * The same decision; with {@code explain} false its evidence is left out (a campaign
	 * check keeps only whether and why), which spares writing out dates and ids a million
	 * times.
	 */
	static Decision decide(Terms terms, ContactFacts facts, Channel channel, String purpose, Instant asOf,
			@Nullable Provenance provenance, boolean explain) {
		boolean marketing = terms.marketing(purpose);
		if (marketing && !terms.channels().contains(channel)) {
			return Decision.no(Decision.Reason.CHANNEL_NOT_IN_NOTICE, List.of(new Decision.Evidence("policy",
					"marketing.channels", "does not name " + ChannelScope.key(channel), null)));
		}
		Optional<Decision.Evidence> restricted = Restriction.blocking(facts);
		if (restricted.isPresent()) {
			return Decision.no(Decision.Reason.RESTRICTED, List.of(restricted.get()));
		}
		LedgerEntry deciding = ChannelScope.deciding(facts.entries(), purpose, channel, asOf).orElse(null);
		List<Decision.Evidence> evidence = new ArrayList<>();
		if (deciding != null && explain) {
			evidence.add(Decision.Evidence.of(deciding));
		}
		if (deciding != null) {
			if (deciding.event() == LedgerEntry.Kind.OBJECTED) {
				return Decision.no(Decision.Reason.OBJECTED, evidence);
			}
			if (deciding.event() == LedgerEntry.Kind.WITHDRAWN) {
				return Decision.no(Decision.Reason.WITHDRAWN, evidence);
			}
		}
		Decision.Reason basis;
		if (deciding != null) {
			if (provenance == Provenance.THIRD_PARTY_LIST && !ThirdPartyList.consentCovers(deciding)) {
				return Decision.no(Decision.Reason.NO_THIRD_PARTY_CONSENT, evidence);
			}
			basis = Decision.Reason.CONSENT;
		}
		else if (provenance == Provenance.INBOUND_CALLBACK) {
			return Decision.yes(Decision.Reason.INBOUND_CALLBACK, evidence);
		}
		else {
			Optional<Decision.Evidence> sale = SoftSpam.applies(terms, facts, purpose, channel);
			if (sale.isPresent()) {
				if (explain) {
					evidence.add(sale.get());
				}
				basis = Decision.Reason.SOFT_SPAM;
			}
			else if (marketing && terms.oppositionRegister() && provenance == Provenance.PUBLIC_DIRECTORY
					&& channel == Channel.OPERATOR_CALL) {
				basis = Decision.Reason.PUBLIC_DIRECTORY;
			}
			else {
				return Decision.no((provenance == Provenance.THIRD_PARTY_LIST) ? Decision.Reason.NO_THIRD_PARTY_CONSENT
						: Decision.Reason.NO_CONSENT, evidence);
			}
		}
		if (marketing) {
			Optional<ContactFacts.Registration> registration = OppositionRegister.cancels(terms, facts, channel,
					deciding, asOf);
			if (registration.isPresent()) {
				if (explain) {
					evidence.add(new Decision.Evidence("register", registration.get().snapshotId().toString(),
							"registered in the opposition register", registration.get().registeredOn().toString()));
				}
				return Decision.no(Decision.Reason.OPPOSITION_REGISTER, evidence);
			}
			if (basis != Decision.Reason.PUBLIC_DIRECTORY && ContactExpiry.expired(terms, facts, deciding, asOf)) {
				if (explain) {
					evidence.add(new Decision.Evidence("policy", "marketing.contact_expiry",
							"contact data expired after " + terms.contactExpiry(),
							ContactExpiry.lastDay(terms, facts, deciding, asOf).map(Object::toString).orElse(null)));
				}
				return Decision.no(Decision.Reason.CONTACT_EXPIRED, evidence);
			}
		}
		return Decision.yes(basis, evidence);
	}

}
