package io.tutela.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading the audit log: searches, alerts, verification and export. Searching, verifying
 * and exporting are themselves audited ({@code audit.search}, {@code audit.verify},
 * {@code audit.export}).
 */
@Service
class AuditReading {

	private final AuditEntries entries;

	private final AuditAlerts alerts;

	private final AuditLog log;

	private final CurrentActor currentActor;

	private final TransactionTemplate readOnly;

	AuditReading(AuditEntries entries, AuditAlerts alerts, AuditLog log, CurrentActor currentActor,
			PlatformTransactionManager transactions) {
		this.entries = entries;
		this.alerts = alerts;
		this.log = log;
		this.currentActor = currentActor;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	ResultPage<AuditEntry> search(AuditSearch search) {
		ResultPage<AuditEntry> page = ResultPage.of(this.entries.search(search, search.size() + 1, search.offset()),
				search.page(), search.size());
		this.log.record(this.currentActor.event("audit.search").controller(search.controllerId()).build());
		return page;
	}

	ResultPage<AuditAlert> alerts(int page, int size) {
		return ResultPage.of(this.alerts.list(size + 1, (long) page * size), page, size);
	}

	/** Walks the whole chain, recomputing every hash, and audits that it did. */
	VerificationResult verify() {
		VerificationResult result = verifyChain();
		this.log.record(this.currentActor.event("audit.verify")
			.outcome(result.ok() ? AuditEvent.SUCCESS : "chain-broken")
			.build());
		return result;
	}

	/** Walks the whole chain in seq order, in constant memory. */
	VerificationResult verifyChain() {
		ChainVerifier verifier = new ChainVerifier();
		this.readOnly.executeWithoutResult((status) -> {
			try {
				this.entries.forEach((entry) -> {
					if (!verifier.accept(entry)) {
						throw new Stop();
					}
				});
			}
			catch (Stop stop) {
				// the first broken event is known: the rest need not be read
			}
		});
		return verifier.result();
	}

	/**
	 * Writes every event in seq order as JSON Lines, after auditing the export. The
	 * stream is not closed.
	 */
	void export(OutputStream out) {
		this.log.record(this.currentActor.event("audit.export").build());
		BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
		this.readOnly.executeWithoutResult((status) -> this.entries.forEach((entry) -> {
			try {
				buffered.write(JsonLines.write(entry));
				buffered.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}));
		try {
			buffered.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops a stream early. */
	private static final class Stop extends RuntimeException {

		private Stop() {
			super(null, null, false, false);
		}

	}

}
