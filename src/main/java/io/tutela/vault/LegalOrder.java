package io.tutela.vault;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A legal order registered by the judicial liaison: the only key to the justice vault
 * (Codice privacy art. 132 c.3 and c.3-bis).
 *
 * @param id the order's id in Tutela
 * @param controllerId the provider it was served on
 * @param kind the kind of order (a key of the policy's {@code justice.orders})
 * @param authority the authority that issued it (a court, a prosecutor's office)
 * @param authorisedOrganisation the identifier of the authorised organisation, the second
 * part of the request id of ETSI TS 102 657
 * @param number the order's own number, the third part of that request id
 * @param issuedAt when it was issued
 * @param receivedAt when the provider received it
 * @param offenceClass the class of offence (a key of the policy's
 * {@code justice.offence_classes})
 * @param legalBasis the provisions it cites, as written on it
 * @param windowFrom the start of the time range of the records it asks for
 * @param windowTo the end of that range (excluded)
 * @param maxHits above how many records an answer is refused rather than given
 * @param validateBy for a kind that needs validation, by when
 * @param validatedAt when the judge's validation was recorded
 * @param validationReference the validating decree's reference
 * @param validationRefusedAt when the judge's refusal to validate was recorded
 * @param revokedAt when the order was revoked or withdrawn
 * @param registeredBy who registered it
 * @param registeredAt when
 * @param targets the identifiers in its scope
 */
public record LegalOrder(UUID id, String controllerId, String kind, String authority, String authorisedOrganisation,
		String number, Instant issuedAt, Instant receivedAt, String offenceClass, @Nullable String legalBasis,
		Instant windowFrom, Instant windowTo, int maxHits, @Nullable Instant validateBy, @Nullable Instant validatedAt,
		@Nullable String validationReference, @Nullable Instant validationRefusedAt, @Nullable Instant revokedAt,
		String registeredBy, Instant registeredAt, List<Target> targets) {

	/** Where an order stands at an instant. */
	public enum State {

		/** In force; no validation needed. */
		ACTIVE,
		/**
		 * An urgent decree within its time for validation: answered, pending the judge.
		 */
		AWAITING_VALIDATION,
		/** An urgent decree the judge validated. */
		VALIDATED,
		/** An urgent decree not validated in time: its answers may not be used. */
		LAPSED,
		/**
		 * An urgent decree the judge refused to validate: its answers may not be used.
		 */
		VALIDATION_REFUSED,
		/** Revoked or withdrawn by the authority. */
		REVOKED;

		/** Whether the vault answers an order in this state. */
		public boolean answerable() {
			return this == ACTIVE || this == AWAITING_VALIDATION || this == VALIDATED;
		}

		/** Whether answers already given under the order may no longer be used. */
		public boolean answersUnusable() {
			return this == LAPSED || this == VALIDATION_REFUSED;
		}

		public String key() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/** The kinds of identifier an order may name. */
	public enum TargetKind {

		/** A telephone number in E.164: the calls made from or to it. */
		NUMBER,
		/** A subscriber account: its telematic sessions. */
		SUBSCRIBER,
		/** An assigned IP address: the sessions it was assigned to. */
		ADDRESS;

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		static TargetKind of(String key) {
			return valueOf(key.toUpperCase(Locale.ROOT));
		}

	}

	/** An identifier in the order's scope, in canonical form. */
	public record Target(TargetKind kind, String value) {
	}

	/** Where the order stands at the instant. */
	public State state(Instant now) {
		if (this.revokedAt != null) {
			return State.REVOKED;
		}
		if (this.validationRefusedAt != null) {
			return State.VALIDATION_REFUSED;
		}
		if (this.validateBy == null) {
			return State.ACTIVE;
		}
		if (this.validatedAt != null) {
			return State.VALIDATED;
		}
		return now.isBefore(this.validateBy) ? State.AWAITING_VALIDATION : State.LAPSED;
	}

}
