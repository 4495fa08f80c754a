package io.tutela.audit;

import org.jspecify.annotations.Nullable;

/**
 * Walks a chain event by event in seq order, recomputing each hash, in constant memory;
 * the same checks serve the database and an exported file.
 */
final class ChainVerifier {

	private final CanonicalEncoding encoding = new CanonicalEncoding();

	private long checked;

	private long expectedSeq = 1;

	private String prevHash = CanonicalEncoding.GENESIS;

	private @Nullable VerificationResult broken;

	/**
	 * Checks the next event.
	 * @return false once the chain is broken (further events are ignored)
	 */
	boolean accept(AuditEntry entry) {
		if (this.broken != null) {
			return false;
		}
		long seq = entry.seq();
		if (seq != this.expectedSeq) {
			return fail(seq, (seq > this.expectedSeq) ? "seq " + seq + " follows seq " + (this.expectedSeq - 1) + ": "
					+ ((seq - 1 > this.expectedSeq) ? "events " + this.expectedSeq + ".." + (seq - 1) + " are missing"
							: "event " + this.expectedSeq + " is missing")
					: "seq " + seq + " is out of order: seq " + this.expectedSeq + " was expected");
		}
		if (!this.prevHash.equals(entry.prevHash())) {
			return fail(seq,
					(seq == 1) ? "the prev_hash of seq 1 is not the genesis value (64 zeros)"
							: "the prev_hash of seq " + seq + " does not match the hash of seq " + (seq - 1) + ": seq "
									+ (seq - 1) + " was rewritten with a recomputed hash, or seq " + seq
									+ " was altered");
		}
		AuditEvent event;
		try {
			event = entry.event();
		}
		catch (IllegalArgumentException ex) {
			return fail(seq, "seq " + seq + " is malformed: " + ex.getMessage());
		}
		String hash = this.encoding.hash(entry.prevHash(), seq, event);
		if (!hash.equals(entry.hash())) {
			return fail(seq, "the hash of seq " + seq + " does not match its content: the event was altered");
		}
		this.checked++;
		this.expectedSeq = seq + 1;
		this.prevHash = hash;
		return true;
	}

	/** Records a break found outside the events, such as an unreadable line. */
	boolean fail(String reason) {
		return fail(this.expectedSeq, reason);
	}

	private boolean fail(long seq, String reason) {
		if (this.broken == null) {
			this.broken = new VerificationResult(false, this.checked, seq, reason, lastSeq(), lastHash());
		}
		return false;
	}

	long checked() {
		return this.checked;
	}

	VerificationResult result() {
		if (this.broken != null) {
			return this.broken;
		}
		return new VerificationResult(true, this.checked, null,
				(this.checked == 0) ? "the audit log is empty" : "the chain of " + this.checked + " events is intact",
				lastSeq(), lastHash());
	}

	private @Nullable Long lastSeq() {
		return (this.checked == 0) ? null : this.expectedSeq - 1;
	}

	private @Nullable String lastHash() {
		return (this.checked == 0) ? null : this.prevHash;
	}

}
