package io.tutela.audit;

import java.time.Instant;

/**
 * An anomalous use of personal data (Garante, 17 January 2008).
 *
 * @param id the alert's id, named by the audit event that records it
 * @param kind {@code mass-read}, {@code off-hours}, or one of the vault's own rules
 * @param actor who read
 * @param actorRole the actor's role
 * @param windowStart start of the window the alert covers (the mass-read window, or the
 * off-hours period)
 * @param windowEnd end of that window
 * @param recordCount records read in the window (for off-hours: every record read in the
 * period so far)
 * @param raisedAt when the alert was raised
 * @param lastReadAt the time of the last read the alert counts
 */
public record AuditAlert(long id, String kind, String actor, String actorRole, Instant windowStart, Instant windowEnd,
		long recordCount, Instant raisedAt, Instant lastReadAt) {

	static final String MASS_READ = "mass-read";

	static final String OFF_HOURS = "off-hours";

	/** A judicial liaison's queries of the justice vault beyond their threshold. */
	public static final String VAULT_MASS_QUERY = "vault-mass-query";

	/** A query of the justice vault for what its legal order does not cover. */
	public static final String VAULT_OUT_OF_SCOPE = "vault-out-of-scope";

}
