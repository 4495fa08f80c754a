package io.tutela.consent;

/**
 * A number bought on a third-party list may be called only on a consent collected with
 * the list's provenance and the subject's consent to use of the data by third parties
 * (Garante, guidelines of 4 July 2013, § 6).
 */
final class ThirdPartyList {

	private ThirdPartyList() {
	}

	static boolean consentCovers(LedgerEntry consent) {
		return consent.evidence().thirdPartyUse() && consent.evidence().listProvenance() != null
				&& !consent.evidence().listProvenance().isBlank();
	}

}
