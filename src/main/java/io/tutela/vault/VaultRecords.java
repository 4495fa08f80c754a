package io.tutela.vault;

/** The kinds of traffic record the vault holds, each in a table of its own. */
public enum VaultRecords {

	/** Call detail records. */
	CALLS("cdr"),

	/** Telematic sessions. */
	SESSIONS("telematic_session");

	private final String table;

	VaultRecords(String table) {
		this.table = table;
	}

	/** The vault's table (in schema {@code vault}), named as the operational one. */
	public String table() {
		return this.table;
	}

}
