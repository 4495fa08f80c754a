package io.tutela.policy;

import java.util.Locale;
import java.util.Set;

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

	/**
	 * The fields records of this kind may go without, unless the policy's {@code records}
	 * entry makes them mandatory with {@code required}.
	 */
	public Set<String> optionalFields() {
		if (this == SUPPORT_TICKET) {
			return Set.of("licence_number");
		}
		return Set.of();
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

}
