package io.tutela.identity;

import java.util.Locale;

/** What a staff member may do; which controllers, is said by the account's scope. */
public enum Role {

	/**
	 * The data protection officer and privacy office: policy, register, requests,
	 * breaches, audit.
	 */
	DPO,
	/** Customer care and back office: subjects, contracts, consents, requests. */
	OPERATOR,
	/** Handles complaints without seeing who made them (Conecto §5). */
	COMPLAINT_HANDLER,
	/** The only role that may open the justice vault, under a legal order. */
	JUDICIAL_LIAISON,
	/** Runs jobs and the platform, manages accounts; every action audited. */
	SYSTEM_ADMINISTRATOR,
	/** A user of a client controller of a processor (a MySegretaria client). */
	CLIENT_USER,
	/** Reads and verifies, changes nothing. */
	AUDITOR;

	/** Roles whose accounts must use a second factor (Garante, 17 January 2008). */
	public boolean requiresSecondFactor() {
		return this == JUDICIAL_LIAISON || this == SYSTEM_ADMINISTRATOR;
	}

	public String authority() {
		return "ROLE_" + name();
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Role of(String key) {
		return valueOf(key.toUpperCase(Locale.ROOT));
	}

}
