package io.tutela.policy;

import java.util.Locale;

/**
 * The kinds of record Tutela holds; a policy says which of them a controller has (section
 * {@code records}).
 */
public enum RecordKind {

	SUBJECT, CONTRACT, PORTAL_ACCOUNT, INVOICE, PAYMENT, SUPPORT_TICKET, REMOTE_SESSION, CALL_LOG, CALL_NOTE,
	RECEPTIONIST_CONFIG, CALLER_LIST, IMPORTED_CONTACT, CALL_RECORDING,
	/** A call detail record: traffic data of a call. */
	CDR,
	/** A telematic session: traffic data of an Internet connection. */
	TELEMATIC_SESSION;

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

}
