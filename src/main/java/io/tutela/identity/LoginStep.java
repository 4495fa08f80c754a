package io.tutela.identity;

/** What a person must still do, after the password, before using Tutela. */
enum LoginStep {

	/** Enter the code of the authenticator app, or a recovery code. */
	SECOND_FACTOR("/login/code"),
	/** Replace a temporary password. */
	CHANGE_PASSWORD("/login/password"),
	/** Set up the second factor that the account's roles require. */
	ENROL_SECOND_FACTOR("/login/enrol"),
	/** Nothing: the session is complete. */
	NONE("/");

	private final String page;

	LoginStep(String page) {
		this.page = page;
	}

	String page() {
		return this.page;
	}

	String authority() {
		return "STEP_" + name();
	}

	/**
	 * The step that follows for an account, given whether its second factor was checked.
	 */
	static LoginStep next(Account account, boolean secondFactorDone) {
		if (account.totpEnabled() && !secondFactorDone) {
			return SECOND_FACTOR;
		}
		if (account.passwordTemporary()) {
			return CHANGE_PASSWORD;
		}
		if (account.secondFactorRequired() && !account.totpEnabled()) {
			return ENROL_SECOND_FACTOR;
		}
		return NONE;
	}

}
