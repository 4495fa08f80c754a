package io.tutela.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained audit log. Every module records here each read and write
 * of personal data and each administrator action, inside the transaction of the business
 * change, so that the audit row commits or rolls back with it.
 *
 * <h2>The chain</h2> Each stored event has a gapless {@code seq} (1, 2, 3, …) and <pre>
 * hash = lower-case hex( SHA-256( UTF-8( prev_hash + canonical(seq, event) ) ) )
 * </pre> where {@code prev_hash} is the {@code hash} of event {@code seq - 1}, or 64
 * zeros ({@code 000…0}) for event 1, written as its 64 lower-case hex characters with
 * nothing between it and the canonical encoding.
 *
 * <h2>The canonical encoding</h2> Eleven fields in this order, separated by one TAB
 * (U+0009), with no TAB or newline at the end:
 * <ol>
 * <li>{@code seq}: decimal, no sign, no leading zeros;</li>
 * <li>{@code occurred_at}: UTC as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, a four-digit year
 * and exactly six fractional digits (events are kept to the microsecond, as PostgreSQL
 * stores them);</li>
 * <li>{@code actor};</li>
 * <li>{@code actor_role};</li>
 * <li>{@code controller_id};</li>
 * <li>{@code action};</li>
 * <li>{@code target_ids}: each id escaped, joined by {@code ,} (no spaces); an empty list
 * is the empty string (ids are never empty);</li>
 * <li>{@code category};</li>
 * <li>{@code purpose};</li>
 * <li>{@code outcome};</li>
 * <li>{@code client_address}.</li>
 * </ol>
 * Text is escaped as {@code \} → {@code \\}, TAB → {@code \t}, LF → {@code \n}, CR →
 * {@code \r}, {@code ,} → {@code \,}; every other character stands for itself. An absent
 * value (null) is written {@code \N}. The bytes hashed are the UTF-8 encoding of the
 * text.
 *
 * <h2>Appending</h2> An append takes the transaction-scoped advisory lock
 * {@code pg_advisory_xact_lock(8391741459633605121)} and reads the last
 * {@code (seq, hash)} (one round trip, through the function {@code audit_chain_head}),
 * hashes the new events and inserts them (a batched insert, or {@code COPY} from 64
 * events). The lock is held until the caller's transaction ends, so audit last in a
 * transaction, and use READ COMMITTED (the default). In a read-only transaction (a read
 * of personal data has no change to commit with) the audit is written and committed in a
 * transaction of its own; with no transaction, a single event commits by itself in its
 * one round trip. Reads of personal data are checked for anomalies on the way in
 * ({@link DetectingAnomalies}); the alerts they raise are appended as events of the
 * {@code system}. When the events hold reads, their per-minute counts are taken under the
 * lock in the same round trip as the head. A single event, the usual case, is appended in
 * one round trip by the function {@code audit_append_one}, which takes the lock, reads
 * the head and inserts the event linked after it: the canonical encoding after the seq is
 * written here, and the database hashes {@code prev_hash}, the seq and it by the rule
 * above.
 *
 * <h2>Durability</h2> An append that commits with a business change, and any append of
 * anything but reads of personal data, commits as every transaction does: PostgreSQL has
 * flushed it to disk before the caller goes on. An append of reads alone that commits on
 * its own (the record of a read, which changed nothing) does not wait for that flush:
 * once it commits it is in PostgreSQL's write-ahead log, in the server's memory, visible
 * to every reader and safe from Tutela's process being killed, and the server's WAL
 * writer flushes it within three times its {@code wal_writer_delay} (10 ms on the
 * embedded server). A crash of the operating system or of PostgreSQL itself within that
 * time can lose those newest reads' records, never a write's; the chain stays whole,
 * since what is lost is always its end, and any later commit that waits flushes all
 * before it. Setting {@code tutela.audit.synchronous-reads} makes reads wait too.
 */
@Service
public class AuditLog {

	private static final AuditEntries.Head GENESIS_HEAD = new AuditEntries.Head(0, CanonicalEncoding.GENESIS);

	private final AuditEntries entries;

	private final DetectingAnomalies anomalies;

	private final TransactionTemplate joining;

	private final TransactionTemplate separate;

	private final boolean synchronousReads;

	AuditLog(AuditEntries entries, DetectingAnomalies anomalies, PlatformTransactionManager transactions,
			AuditProperties properties) {
		this.entries = entries;
		this.anomalies = anomalies;
		this.synchronousReads = properties.synchronousReads();
		this.joining = new TransactionTemplate(transactions);
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Appends one event, in the caller's transaction (or a new one when the caller's is
	 * read-only; when there is none, the append commits by itself).
	 * @return the event's seq
	 */
	public long record(AuditEvent event) {
		return inTransaction(List.of(event), null).get(0).seq();
	}

	/**
	 * Appends one event if a condition still holds, checked in the append's own round
	 * trip, just before it; meant for a caller with no transaction (in one, a failed
	 * condition aborts the caller's transaction).
	 * @return the event's seq
	 * @throws PreconditionFailedException when the condition does not hold: nothing was
	 * appended
	 */
	public long record(AuditEvent event, Precondition precondition) {
		return inTransaction(List.of(event), precondition).get(0).seq();
	}

	/**
	 * Appends events in their order, in the caller's transaction (or a new one when there
	 * is none, or when the caller's is read-only).
	 */
	public void recordAll(List<AuditEvent> events) {
		if (!events.isEmpty()) {
			inTransaction(events, null);
		}
	}

	/**
	 * Joins the caller's transaction; a read-only one cannot insert, and a read has no
	 * change to commit with, so its audit commits in a transaction of its own.
	 */
	private List<AuditEntry> inTransaction(List<AuditEvent> events, @Nullable Precondition precondition) {
		boolean outside = !TransactionSynchronizationManager.isActualTransactionActive();
		if (events.size() == 1 && outside) {
			return appendOne(events.get(0), false, precondition, awaitsFlush(events, true, this.synchronousReads));
		}
		boolean readOnly = !outside && TransactionSynchronizationManager.isCurrentTransactionReadOnly();
		boolean awaitFlush = awaitsFlush(events, outside || readOnly, this.synchronousReads);
		List<AuditEntry> appended = (readOnly ? this.separate : this.joining)
			.execute((status) -> append(events, precondition, awaitFlush));
		return Objects.requireNonNull(appended);
	}

	/**
	 * Whether the commit of an append waits until PostgreSQL has flushed it to disk: it
	 * does, unless the append commits on its own (no business change commits with it) and
	 * holds only reads of personal data, and the settings do not ask it to wait for those
	 * too.
	 * @param commitsAlone whether the append runs in a transaction of its own
	 */
	static boolean awaitsFlush(List<AuditEvent> events, boolean commitsAlone, boolean synchronousReads) {
		return !commitsAlone || synchronousReads || !events.stream().allMatch(AuditEvent::isPersonalDataRead);
	}

	/**
	 * Appends in the transaction that runs.
	 * @param precondition of a single event only
	 * @param awaitFlush whether that transaction's commit waits for its flush
	 */
	private List<AuditEntry> append(List<AuditEvent> events, @Nullable Precondition precondition, boolean awaitFlush) {
		if (events.size() == 1) {
			return appendOne(events.get(0), true, precondition, awaitFlush);
		}
		Locking locking = new Locking(awaitFlush);
		List<AuditEvent> raised = this.anomalies.inspect(events, locking::lockAndCountReads);
		List<AuditEvent> all = new ArrayList<>(events.size() + raised.size());
		all.addAll(events);
		all.addAll(raised);
		List<AuditEntry> chained = chain(locking.head(), all, new CanonicalEncoding());
		this.entries.insert(chained);
		return chained;
	}

	/**
	 * One event, the usual case: appended in one round trip, with its read counts when it
	 * is a read. In a transaction, the alerts it raises are linked right after it, under
	 * the lock it holds. Without one, the statements of that round trip, sent together,
	 * form a transaction of their own, committed when they end (no round trip to begin or
	 * commit), and the alerts are appended after it in a transaction of their own
	 * (another append may come between).
	 * @param inTransaction whether a transaction runs
	 * @param awaitFlush whether the transaction the event commits in waits for its flush
	 */
	private List<AuditEntry> appendOne(AuditEvent event, boolean inTransaction, @Nullable Precondition precondition,
			boolean awaitFlush) {
		List<AuditEntry> appended = new ArrayList<>(1);
		List<AuditEvent> raised = this.anomalies.inspect(List.of(event), (windowStarts, counts, offHours) -> {
			AuditEntries.WithReads<AuditEntry> one = this.entries.appendOne(event,
					new AuditEntries.ReadCounts(windowStarts, counts, offHours), precondition, awaitFlush);
			appended.add(one.value());
			return new DetectingAnomalies.Counted(one.before(), one.raisedOffHours());
		});
		if (appended.isEmpty()) {
			appended.add(this.entries.appendOne(event, null, precondition, awaitFlush).value());
		}
		if (!raised.isEmpty() && !inTransaction) {
			List<AuditEntry> alerts = this.joining
				.execute((status) -> append(raised, null, awaitsFlush(raised, true, this.synchronousReads)));
			appended.addAll(Objects.requireNonNull(alerts));
		}
		else if (!raised.isEmpty()) {
			AuditEntry first = appended.get(0);
			List<AuditEntry> chained = chain(new AuditEntries.Head(first.seq(), first.hash()), raised,
					new CanonicalEncoding());
			this.entries.insert(chained);
			appended.addAll(chained);
		}
		return appended;
	}

	/**
	 * The chain's lock and head for an append of several events: taken with the read
	 * counts when the events hold reads (one round trip for both), else on their own.
	 */
	private final class Locking {

		private final boolean awaitFlush;

		private AuditEntries.@Nullable Head head;

		Locking(boolean awaitFlush) {
			this.awaitFlush = awaitFlush;
		}

		DetectingAnomalies.Counted lockAndCountReads(Map<String, Instant> windowStarts,
				List<AuditAlerts.ReadCount> counts, List<AuditAlerts.OffHoursCount> offHours) {
			AuditEntries.WithReads<Optional<AuditEntries.Head>> read = AuditLog.this.entries
				.lockChainAndCountReads(new AuditEntries.ReadCounts(windowStarts, counts, offHours), this.awaitFlush);
			this.head = read.value().orElse(GENESIS_HEAD);
			return new DetectingAnomalies.Counted(read.before(), read.raisedOffHours());
		}

		AuditEntries.Head head() {
			if (this.head == null) {
				this.head = AuditLog.this.entries.lockChainAndReadHead(this.awaitFlush).orElse(GENESIS_HEAD);
			}
			return this.head;
		}

	}

	/** The events linked after {@code head}. */
	static List<AuditEntry> chain(AuditEntries.Head head, List<AuditEvent> events, CanonicalEncoding encoding) {
		List<AuditEntry> chained = new ArrayList<>(events.size());
		long seq = head.seq();
		String prevHash = head.hash();
		for (AuditEvent event : events) {
			seq++;
			String hash = encoding.hash(prevHash, seq, event);
			chained.add(AuditEntry.of(seq, event, prevHash, hash));
			prevHash = hash;
		}
		return chained;
	}

}
