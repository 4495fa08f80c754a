package io.tutela.consent;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The answer to "may we contact this person on this channel for this purpose at this
 * time": yes or no, the reason, and the entries and facts it rests on.
 */
record Decision(boolean allowed, String reason, List<Evidence> evidence) {

	/** The decisions without evidence, one of each: a campaign check makes millions. */
	private static final Map<Reason, Decision> BARE_YES = bare(true);

	private static final Map<Reason, Decision> BARE_NO = bare(false);

	static Decision yes(Reason reason, List<Evidence> evidence) {
		return evidence.isEmpty() ? BARE_YES.get(reason) : new Decision(true, reason.key(), List.copyOf(evidence));
	}

	static Decision no(Reason reason, List<Evidence> evidence) {
		return evidence.isEmpty() ? BARE_NO.get(reason) : new Decision(false, reason.key(), List.copyOf(evidence));
	}

	private static Map<Reason, Decision> bare(boolean allowed) {
		Map<Reason, Decision> bare = new EnumMap<>(Reason.class);
		for (Reason reason : Reason.values()) {
			bare.put(reason, new Decision(allowed, reason.key(), List.of()));
		}
		return bare;
	}

	enum Reason {

		/** A consent covering the channel is in force. */
		CONSENT,
		/**
		 * An e-mail given in a sale receives offers on similar services (art. 130 c.4).
		 */
		SOFT_SPAM,
		/** A public-directory number not in the opposition register, by an operator. */
		PUBLIC_DIRECTORY,
		/** The person asked to be called back. */
		INBOUND_CALLBACK,
		/** Nothing allows the contact. */
		NO_CONSENT,
		/** The latest entry covering the channel withdrew the consent. */
		WITHDRAWN,
		/** The latest entry covering the channel is an objection. */
		OBJECTED,
		/** Processing of the subject's data is restricted. */
		RESTRICTED,
		/** The number is registered in the opposition register after the consent. */
		OPPOSITION_REGISTER,
		/** The marketing contact data expired. */
		CONTACT_EXPIRED,
		/** The policy does not name the channel for marketing. */
		CHANNEL_NOT_IN_NOTICE,
		/** A number from a third-party list without consent to use by third parties. */
		NO_THIRD_PARTY_CONSENT,
		/** The number on a campaign list is not a valid phone number. */
		INVALID_NUMBER;

		String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One fact a decision rests on.
	 *
	 * @param kind {@code ledger}, {@code contract}, {@code register}, {@code subject} or
	 * {@code policy}
	 * @param id the ledger entry, contract number, snapshot, subject or policy key
	 * @param detail what it says
	 * @param date when (an instant or a date, ISO-8601)
	 */
	record Evidence(String kind, String id, String detail, @Nullable String date) {

		static Evidence of(LedgerEntry e) {
			return new Evidence("ledger", e.id().toString(), e.event().key() + " " + e.scope() + " " + e.purpose(),
					e.occurredAt().toString());
		}

	}

}
