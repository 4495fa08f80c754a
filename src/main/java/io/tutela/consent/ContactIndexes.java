package io.tutela.consent;

import java.lang.reflect.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.audit.Precondition;
import io.tutela.policy.Policies;

/**
 * What Tutela holds about every telephone number a controller's subjects or consent
 * ledger name, in memory, for campaign checks: the subjects holding the number (their
 * restriction, last contact, contracts, e-mail) and the ledger entries about it (through
 * a subject holding it, or naming the number itself).
 * <p>
 * An index is built in one repeatable-read snapshot together with the controller's
 * {@code contact_facts_version}, which every change to subjects, contracts or the ledger
 * moves in its own transaction; a check uses the index only while that version is still
 * the current one, and otherwise brings it up to date first. An index catches up by
 * reading again only the numbers the journal ({@code contact_facts_change}) names for the
 * versions after its own; when the journal does not reach back that far, or names more
 * than {@value #CATCH_UP_AT_MOST} numbers, it is built again whole. A scheduled round
 * brings the indexes already in use up to date, so that a check rarely waits for one, and
 * another prunes the journal.
 */
@Component
class ContactIndexes {

	private static final Logger log = LoggerFactory.getLogger(ContactIndexes.class);

	/**
	 * The most numbers an index reads again to catch up, rather than being built anew.
	 */
	static final int CATCH_UP_AT_MOST = 50_000;

	/** The current version of the facts of the controller {@code :c}. */
	private static final String FACTS_VERSION = "coalesce((SELECT version FROM contact_facts_version "
			+ "WHERE controller_id = :c), 0)";

	/**
	 * Whether the index at {@code :facts}, read with the snapshot {@code :snapshot} (or
	 * none) as the newest on the day {@code :d}, is still current for {@code :c}.
	 */
	private static final String STILL_CURRENT = FACTS_VERSION + " = :facts AND (SELECT id FROM ("
			+ RegisterSnapshots.NEWEST + ") s) IS NOT DISTINCT FROM CAST(:snapshot AS uuid)";

	private final JdbcClient jdbc;

	private final TransactionTemplate snapshot;

	private final Map<String, ContactIndex> byController = new ConcurrentHashMap<>();

	/** What {@link #ifCurrent} last found current, by controller. */
	private final Map<String, Found> lastFound = new ConcurrentHashMap<>();

	/** One lock per controller: an index is built once at a time. */
	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	/** The controllers whose index is being built ahead. */
	private final Set<String> warming = ConcurrentHashMap.newKeySet();

	/** Builds indexes ahead, one at a time, away from the pool the checks decide on. */
	private final Executor builder = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "contact-index");
		thread.setDaemon(true);
		return thread;
	});

	private final Duration journalRetention;

	/** How many times an index was built whole, and caught up. */
	private final AtomicLong builds = new AtomicLong();

	private final AtomicLong catchUps = new AtomicLong();

	ContactIndexes(JdbcClient jdbc, PlatformTransactionManager transactions,
			@Value("${tutela.consent.journal-retention:P1D}") Duration journalRetention) {
		this.jdbc = jdbc;
		this.journalRetention = journalRetention;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.snapshot.setReadOnly(true);
	}

	/** The controller's index at the current version of its facts. */
	ContactIndex current(String controllerId) {
		long version = version(controllerId);
		ContactIndex index = this.byController.get(controllerId);
		if (index != null && index.version() == version) {
			return index;
		}
		synchronized (this.locks.computeIfAbsent(controllerId, (c) -> new Object())) {
			index = this.byController.get(controllerId);
			if (index == null || index.version() != version(controllerId)) {
				index = (index != null) ? caughtUp(controllerId, index) : build(controllerId);
				this.byController.put(controllerId, index);
			}
			return index;
		}
	}

	/**
	 * Builds the controller's index beside the caller, once the caller's transaction
	 * commits (the first question about a number came).
	 */
	void warm(String controllerId) {
		warm(controllerId, true);
	}

	/**
	 * Builds the controller's index beside the caller at once: a register snapshot is
	 * being imported, and a campaign check, which needs both, is near. The index does not
	 * depend on the snapshot, so it is built while the snapshot is read.
	 */
	void warmNow(String controllerId) {
		warm(controllerId, false);
	}

	/** Runs work on the thread that builds indexes ahead, one at a time. */
	void ahead(Runnable work) {
		this.builder.execute(work);
	}

	private void warm(String controllerId, boolean afterCommit) {
		if (!this.warming.add(controllerId)) {
			return;
		}
		Runnable build = () -> this.builder.execute(() -> {
			try {
				current(controllerId);
			}
			catch (RuntimeException ex) {
				log.warn("The contact index of {} could not be built ahead: {}", controllerId,
						ex.getClass().getSimpleName());
			}
			finally {
				this.warming.remove(controllerId);
			}
		});
		if (afterCommit && TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					build.run();
				}
			});
		}
		else {
			build.run();
		}
	}

	/**
	 * Whether the controller's index, current or not, holds the subject alone at its
	 * number: then a decision about the subject asks whether the index is current rather
	 * than reading the subject's facts from the database.
	 */
	boolean mayHoldAlone(String controllerId, UUID subject) {
		ContactIndex index = this.byController.get(controllerId);
		return index != null && index.soleNumber(subject) != null;
	}

	/**
	 * The controller's index if it is at the current version of the facts, without
	 * building one: a single decision does not wait for a rebuild, it reads the database.
	 * With a current index comes the newest register snapshot taken on or before a day,
	 * and with any index the version of the controller's policy in force, read in the
	 * same round trip as the facts' version (a decision from the index needs all three).
	 */
	Current ifCurrent(String controllerId, LocalDate day) {
		ContactIndex index = this.byController.get(controllerId);
		if (index == null) {
			// the first question about a number: the index is built beside it, and the
			// refresh round keeps it current from then on
			warm(controllerId);
			return new Current(null, null, null);
		}
		Current current = this.jdbc
			.sql("SELECT v.version AS facts_version, " + Policies.VERSION_IN_FORCE
					+ " AS policy_version, s.* FROM (SELECT " + FACTS_VERSION + " AS version) v LEFT JOIN LATERAL ("
					+ RegisterSnapshots.NEWEST + ") s ON true")
			.param("c", controllerId)
			.param("d", day)
			.query((rs, row) -> {
				Integer policyVersion = (Integer) rs.getObject("policy_version");
				return (rs.getLong("facts_version") != index.version()) ? new Current(null, null, policyVersion)
						: new Current(index, (rs.getString("id") != null) ? RegisterSnapshots.map(rs, row) : null,
								policyVersion);
			})
			.single();
		if (current.index() != null) {
			this.lastFound.put(controllerId, new Found(day, current));
		}
		else {
			this.lastFound.remove(controllerId);
		}
		return current;
	}

	/**
	 * The index {@link #ifCurrent} last found current for the day, with its register
	 * snapshot, without a round trip, and the condition under which it still is: for a
	 * decision that appends its audit record under that condition, and asks
	 * {@link #ifCurrent} when it does not hold.
	 */
	Optional<Assumed> assumed(String controllerId, LocalDate day) {
		Found found = this.lastFound.get(controllerId);
		// an index caught up since is another: the facts' version has moved
		if (found == null || !found.day().equals(day)
				|| this.byController.get(controllerId) != found.current().index()) {
			return Optional.empty();
		}
		Current current = found.current();
		Map<String, Object> params = new HashMap<>();
		params.put("c", controllerId);
		params.put("d", day);
		params.put("facts", Objects.requireNonNull(current.index()).version());
		params.put("snapshot", (current.snapshot() != null) ? current.snapshot().id() : null);
		return Optional.of(new Assumed(current, new Precondition(STILL_CURRENT, params)));
	}

	/**
	 * An index assumed current, and the condition, with named parameters {@code :c},
	 * {@code :d}, {@code :facts} and {@code :snapshot}, that tells whether it is.
	 */
	record Assumed(Current current, Precondition precondition) {
	}

	/** What {@link #ifCurrent} found current for a day. */
	private record Found(LocalDate day, Current current) {
	}

	/**
	 * A current index, or none, the newest register snapshot it is read with, and the
	 * version of the controller's policy in force (when it was read).
	 */
	record Current(@Nullable ContactIndex index, RegisterSnapshots.@Nullable Snapshot snapshot,
			@Nullable Integer policyVersion) {
	}

	/** Brings up to date, beside the checks, the indexes in use whose facts changed. */
	@Scheduled(fixedDelayString = "${tutela.consent.index-refresh:PT1S}",
			initialDelayString = "${tutela.consent.index-refresh:PT1S}")
	void refresh() {
		List.copyOf(this.byController.keySet()).forEach(this::current);
	}

	/** Removes the journal rows older than the retention. */
	@Scheduled(fixedDelayString = "${tutela.consent.journal-pruning:PT1H}",
			initialDelayString = "${tutela.consent.journal-pruning:PT1H}")
	void prune() {
		prune(Instant.now().minus(this.journalRetention));
	}

	/**
	 * Removes the journal rows written before an instant; an index older than the newest
	 * version removed is built again whole.
	 * @return how many rows were removed
	 */
	int prune(Instant before) {
		return this.jdbc.sql("""
				WITH pruned AS (DELETE FROM contact_facts_change WHERE changed_at < :before
				                RETURNING controller_id, version),
				     reach AS (UPDATE contact_facts_version v SET journal_from = greatest(v.journal_from, p.last + 1)
				               FROM (SELECT controller_id, max(version) AS last FROM pruned GROUP BY controller_id) p
				               WHERE v.controller_id = p.controller_id)
				SELECT count(*) FROM pruned""").param("before", Timestamp.from(before)).query(Integer.class).single();
	}

	/**
	 * Clears the controller's journal and moves its reach past the current version, so
	 * that every older index is built again whole.
	 */
	void forgetJournal(String controllerId) {
		this.jdbc.sql("SELECT contact_facts_journal_cleared(:c)").param("c", controllerId).query().listOfRows();
	}

	/** How many times an index was built whole, and caught up through the journal. */
	long[] counts() {
		return new long[] { this.builds.get(), this.catchUps.get() };
	}

	private long version(String controllerId) {
		return this.jdbc.sql("SELECT version FROM contact_facts_version WHERE controller_id = :c")
			.param("c", controllerId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	private ContactIndex build(String controllerId) {
		long start = System.nanoTime();
		long[] phases = new long[4];
		ContactIndex index = this.snapshot.execute((status) -> read(controllerId, version(controllerId), null, phases));
		this.builds.incrementAndGet();
		log.info(
				"Contact index of {} built at version {}: {} numbers in {} ms (contracts read in {} ms, "
						+ "subjects {} ms, ledger entries {} ms, laid out {} ms)",
				controllerId, index.version(), index.size(), (System.nanoTime() - start) / 1_000_000,
				phases[0] / 1_000_000, (phases[1] - phases[0]) / 1_000_000, (phases[2] - phases[1]) / 1_000_000,
				(phases[3] - phases[2]) / 1_000_000);
		return index;
	}

	/**
	 * The index brought to the current version: the numbers the journal names since its
	 * version read again, in one snapshot with the version; or built again whole when the
	 * journal does not reach back to it or names too many numbers.
	 */
	private ContactIndex caughtUp(String controllerId, ContactIndex index) {
		long start = System.nanoTime();
		ContactIndex caught = this.snapshot.execute((status) -> {
			long[] reach = this.jdbc
				.sql("SELECT version, journal_from FROM contact_facts_version WHERE controller_id = :c")
				.param("c", controllerId)
				.query((rs, row) -> new long[] { rs.getLong("version"), rs.getLong("journal_from") })
				.optional()
				.orElse(new long[] { 0, 1 });
			if (reach[1] > index.version() + 1) {
				return null;
			}
			List<String> changed = this.jdbc.sql("""
					SELECT DISTINCT number FROM contact_facts_change
					WHERE controller_id = :c AND version > :from AND version <= :to LIMIT :most""")
				.param("c", controllerId)
				.param("from", index.version())
				.param("to", reach[0])
				.param("most", CATCH_UP_AT_MOST + 1)
				.query(String.class)
				.list();
			if (changed.size() > CATCH_UP_AT_MOST) {
				return null;
			}
			String[] only = changed.toArray(String[]::new);
			long[] numbers = changed.stream()
				.mapToLong(ContactIndexes::number)
				.filter((n) -> n >= 0)
				.sorted()
				.toArray();
			return index.with(read(controllerId, reach[0], only, new long[4]), numbers);
		});
		if (caught == null) {
			return build(controllerId);
		}
		this.catchUps.incrementAndGet();
		log.debug("Contact index of {} caught up from version {} to {} in {} ms", controllerId, index.version(),
				caught.version(), (System.nanoTime() - start) / 1_000_000);
		return caught;
	}

	/**
	 * The index of the controller's facts at a version, read in the caller's snapshot: of
	 * every number, or only of some. Each table is read once, without joins: contracts
	 * and ledger entries find their subject in memory. The rows are kept flat, each with
	 * the slot of its number, and laid out by number once all are read: no list per
	 * number, which for a million numbers would be millions of short-lived objects for
	 * the collector to copy.
	 */
	private ContactIndex read(String controllerId, long version, String @Nullable [] only, long[] phases) {
		// when only some numbers are read, the rows naming a subject that holds one of
		// them
		String ofSubjects = (only != null)
				? " AND subject_id IN (SELECT id FROM subject WHERE controller_id = :c AND phone = ANY(:only))" : "";
		long start = System.nanoTime();
		Map<UUID, List<ContactFacts.Contract>> contracts = new HashMap<>();
		this.jdbc.sql("""
				SELECT subject_id, contract_number, start_date, end_date FROM contract
				WHERE controller_id = :c""" + ofSubjects)
			.param("c", controllerId)
			.param("only", only)
			.withFetchSize(50_000)
			.query((rs) -> {
				contracts.computeIfAbsent(rs.getObject("subject_id", UUID.class), (id) -> new ArrayList<>(1))
					.add(ContactFacts.Contract.of(rs));
			});
		phases[0] = System.nanoTime() - start;
		Slots slots = new Slots();
		Map<UUID, Holder> subjects = new HashMap<>();
		Rows<Holder> holders = new Rows<>(ContactIndex.NO_HOLDERS);
		this.jdbc
			.sql("SELECT id, phone, email, restricted, last_contact_at FROM subject "
					+ "WHERE controller_id = :c AND phone IS NOT NULL"
					+ ((only != null) ? " AND phone = ANY(:only)" : ""))
			.param("c", controllerId)
			.param("only", only)
			.withFetchSize(50_000)
			.query((rs) -> {
				long number = number(rs.getString("phone"));
				if (number < 0) {
					return;
				}
				UUID id = rs.getObject("id", UUID.class);
				Timestamp last = rs.getTimestamp("last_contact_at");
				Holder holder = new Holder(id, number, rs.getString("email"), rs.getBoolean("restricted"),
						(last != null) ? last.toInstant() : null, contracts.getOrDefault(id, List.of()));
				subjects.put(id, holder);
				holders.add(holder, slots.slot(number));
			});
		phases[1] = System.nanoTime() - start;
		// what a decision reads of an entry, the instants in microseconds (read faster
		// than as text, and as exact)
		String columns = """
				e.id, e.subject_id, e.purpose, e.scope, e.event,
				CAST(extract(epoch FROM e.occurred_at) * 1000000 AS bigint) AS occurred_us,
				CAST(extract(epoch FROM e.recorded_at) * 1000000 AS bigint) AS recorded_us,
				e.method, e.list_provenance, e.third_party_use""";
		Strings strings = new Strings();
		Rows<LedgerEntry> entries = new Rows<>(ContactIndex.NO_ENTRIES);
		// the entries about a number, as a single decision reads them: those of the
		// subjects holding it,
		this.jdbc
			.sql("SELECT " + columns + " FROM consent_event e WHERE controller_id = :c AND subject_id IS NOT NULL"
					+ ofSubjects)
			.param("c", controllerId)
			.param("only", only)
			.withFetchSize(50_000)
			.query((rs) -> {
				Holder holder = subjects.get(rs.getObject("subject_id", UUID.class));
				if (holder != null) {
					entries.add(entry(controllerId, rs, strings), slots.slot(holder.number()));
				}
			});
		// those naming it, and those naming the e-mail address of a subject holding it
		this.jdbc
			.sql("SELECT " + columns + ", e.phone AS listed FROM consent_event e "
					+ "WHERE e.controller_id = :c AND e.phone IS NOT NULL"
					+ ((only != null) ? " AND e.phone = ANY(:only)" : "") + " UNION ALL SELECT " + columns
					+ ", s.phone AS listed FROM consent_event e JOIN subject s "
					+ "ON s.controller_id = :c AND s.email = e.email AND s.phone IS NOT NULL"
					+ ((only != null) ? " AND s.phone = ANY(:only)" : "")
					+ " WHERE e.controller_id = :c AND e.email IS NOT NULL")
			.param("c", controllerId)
			.param("only", only)
			.withFetchSize(50_000)
			.query((rs) -> {
				long number = number(rs.getString("listed"));
				if (number >= 0) {
					entries.add(entry(controllerId, rs, strings), slots.slot(number));
				}
			});
		phases[2] = System.nanoTime() - start;
		long[] sorted = slots.ascending();
		int[] position = slots.positions(sorted);
		ContactIndex index = new ContactIndex(version, sorted, holders.byPosition(position),
				entries.byPosition(position), subjects, Map.of());
		phases[3] = System.nanoTime() - start;
		return index;
	}

	/** The digits of an E.164 number as a long, or -1. */
	static long number(@Nullable String e164) {
		if (e164 == null || e164.length() < 2 || e164.charAt(0) != '+' || e164.length() > 16) {
			return -1;
		}
		try {
			return Long.parseLong(e164, 1, e164.length(), 10);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static LedgerEntry entry(String controllerId, ResultSet rs, Strings strings) throws SQLException {
		return new LedgerEntry(rs.getObject("id", UUID.class), controllerId, rs.getObject("subject_id", UUID.class),
				null, null, strings.of(rs.getString("purpose")), strings.of(rs.getString("scope")),
				LedgerEntry.Kind.valueOf(strings.of(rs.getString("event")).toUpperCase(Locale.ROOT)),
				micros(rs.getLong("occurred_us")), micros(rs.getLong("recorded_us")), "",
				new LedgerEntry.Evidence(strings.of(rs.getString("method")), null, null,
						strings.of(rs.getString("list_provenance")), rs.getBoolean("third_party_use")));
	}

	private static Instant micros(long us) {
		return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
	}

	/** A subject holding a number, as far as a contact decision reads it. */
	record Holder(UUID id, long number, @Nullable String email, boolean restricted, @Nullable Instant lastContact,
			List<ContactFacts.Contract> contracts) {
	}

	/**
	 * The numbers met while an index is built, each given a slot in order of arrival: an
	 * open-addressing table of primitive longs, where a map of boxed numbers would take
	 * several times the memory and time.
	 */
	private static final class Slots {

		private long[] table = new long[1 << 16];

		private int[] slotOf = new int[1 << 16];

		private long[] numbers = new long[1 << 10];

		private int size;

		Slots() {
			Arrays.fill(this.table, -1);
		}

		/** The slot of the number, made if it is new. */
		int slot(long number) {
			int mask = this.table.length - 1;
			int at = mix(number) & mask;
			while (this.table[at] != -1) {
				if (this.table[at] == number) {
					return this.slotOf[at];
				}
				at = (at + 1) & mask;
			}
			int slot = this.size++;
			this.table[at] = number;
			this.slotOf[at] = slot;
			if (slot == this.numbers.length) {
				this.numbers = Arrays.copyOf(this.numbers, slot * 2);
			}
			this.numbers[slot] = number;
			if (this.size * 2 > this.table.length) {
				grow();
			}
			return slot;
		}

		/** The numbers met, in ascending order. */
		long[] ascending() {
			long[] sorted = Arrays.copyOf(this.numbers, this.size);
			Arrays.parallelSort(sorted);
			return sorted;
		}

		/**
		 * Where each slot's number stands among the numbers met, given in ascending
		 * order.
		 */
		int[] positions(long[] ascending) {
			int[] position = new int[ascending.length];
			int mask = this.table.length - 1;
			for (int i = 0; i < ascending.length; i++) {
				int at = mix(ascending[i]) & mask;
				while (this.table[at] != ascending[i]) {
					at = (at + 1) & mask;
				}
				position[this.slotOf[at]] = i;
			}
			return position;
		}

		private void grow() {
			long[] oldTable = this.table;
			int[] oldSlots = this.slotOf;
			this.table = new long[oldTable.length * 2];
			this.slotOf = new int[oldTable.length * 2];
			Arrays.fill(this.table, -1);
			int mask = this.table.length - 1;
			for (int i = 0; i < oldTable.length; i++) {
				if (oldTable[i] != -1) {
					int at = mix(oldTable[i]) & mask;
					while (this.table[at] != -1) {
						at = (at + 1) & mask;
					}
					this.table[at] = oldTable[i];
					this.slotOf[at] = oldSlots[i];
				}
			}
		}

		private static int mix(long value) {
			long h = value * 0x9E3779B97F4A7C15L;
			return (int) (h ^ (h >>> 32));
		}

	}

	/**
	 * Rows read while an index is built, in order of arrival, each with the slot of its
	 * number.
	 */
	private static final class Rows<T> {

		private final T[] none;

		private T[] rows;

		private int[] slots = new int[1 << 10];

		private int size;

		Rows(T[] none) {
			this.none = none;
			this.rows = Arrays.copyOf(none, 1 << 10);
		}

		void add(T row, int slot) {
			if (this.size == this.rows.length) {
				this.rows = Arrays.copyOf(this.rows, this.size * 2);
				this.slots = Arrays.copyOf(this.slots, this.size * 2);
			}
			this.rows[this.size] = row;
			this.slots[this.size++] = slot;
		}

		/**
		 * The rows grouped by number, each group in an array of its own size: at each
		 * position those of the slot {@code position} puts there, in order of arrival.
		 */
		@SuppressWarnings("unchecked")
		T[][] byPosition(int[] position) {
			int[] counts = new int[position.length];
			for (int i = 0; i < this.size; i++) {
				counts[position[this.slots[i]]]++;
			}
			T[][] grouped = (T[][]) Array.newInstance(this.none.getClass(), position.length);
			for (int p = 0; p < position.length; p++) {
				grouped[p] = (counts[p] == 0) ? this.none : Arrays.copyOf(this.none, counts[p]);
				counts[p] = 0;
			}
			for (int i = 0; i < this.size; i++) {
				int p = position[this.slots[i]];
				grouped[p][counts[p]++] = this.rows[i];
			}
			return grouped;
		}

	}

	/** One copy of each of the few values many entries repeat. */
	private static final class Strings {

		private final Map<String, String> seen = new HashMap<>();

		@Nullable String of(@Nullable String value) {
			return (value == null) ? null : this.seen.computeIfAbsent(value, (v) -> v);
		}

	}

	/**
	 * The index of one controller at one version of its facts: the numbers in order, and
	 * for each the subjects holding it and the ledger entries about it; and where to look
	 * for a subject's number: the holders read when the index was built whole, and those
	 * read again since (a hint each, which the number's holders confirm or not).
	 */
	record ContactIndex(long version, long[] numbers, Holder[][] holders, LedgerEntry[][] entries,
			Map<UUID, Holder> built, Map<UUID, Holder> since) {

		static final Holder[] NO_HOLDERS = {};

		static final LedgerEntry[] NO_ENTRIES = {};

		ContactIndex(long version, long[] numbers, Holder[][] holders, LedgerEntry[][] entries) {
			this(version, numbers, holders, entries, Map.of(), Map.of());
		}

		@Override
		public String toString() {
			return "ContactIndex[version=" + this.version + ", numbers=" + this.numbers.length + "]";
		}

		int size() {
			return this.numbers.length;
		}

		/**
		 * This index with the facts of some numbers replaced: those of a fresh index read
		 * of only the changed numbers (in ascending order), whose version it takes. A
		 * changed number the fresh index does not hold has no facts left.
		 */
		ContactIndex with(ContactIndex fresh, long[] changed) {
			int size = this.numbers.length + fresh.numbers.length;
			long[] merged = new long[size];
			Holder[][] holding = new Holder[size][];
			LedgerEntry[][] about = new LedgerEntry[size][];
			int i = 0;
			int j = 0;
			int k = 0;
			int c = 0;
			while (i < this.numbers.length || j < fresh.numbers.length) {
				boolean old = j == fresh.numbers.length
						|| (i < this.numbers.length && this.numbers[i] < fresh.numbers[j]);
				if (old) {
					long number = this.numbers[i];
					while (c < changed.length && changed[c] < number) {
						c++;
					}
					if (c == changed.length || changed[c] != number) {
						merged[k] = number;
						holding[k] = this.holders[i];
						about[k++] = this.entries[i];
					}
					i++;
				}
				else {
					if (i < this.numbers.length && this.numbers[i] == fresh.numbers[j]) {
						i++;
					}
					merged[k] = fresh.numbers[j];
					holding[k] = fresh.holders[j];
					about[k++] = fresh.entries[j++];
				}
			}
			Map<UUID, Holder> since = new HashMap<>(this.since);
			since.putAll(fresh.built);
			if (since.size() <= CATCH_UP_AT_MOST) {
				return new ContactIndex(fresh.version, Arrays.copyOf(merged, k), Arrays.copyOf(holding, k),
						Arrays.copyOf(about, k), this.built, since);
			}
			// the hints read again since the build, many by now, become the built ones
			Map<UUID, Holder> all = new HashMap<>();
			for (int h = 0; h < k; h++) {
				for (Holder holder : holding[h]) {
					all.put(holder.id(), holder);
				}
			}
			return new ContactIndex(fresh.version, Arrays.copyOf(merged, k), Arrays.copyOf(holding, k),
					Arrays.copyOf(about, k), all, Map.of());
		}

		/**
		 * The number of a subject who holds it alone, in E.164, or null: then the facts
		 * about the number are exactly those about the subject (its entries, and those
		 * naming the number or the subject's e-mail address), as a decision about the
		 * subject reads them. A subject sharing its number with another, without a
		 * number, or unknown to the index is not answered from it.
		 */
		@Nullable String soleNumber(UUID subject) {
			Holder hint = this.since.get(subject);
			if (hint == null) {
				hint = this.built.get(subject);
			}
			if (hint == null) {
				return null;
			}
			Holder[] holding = holdersAt(find(hint.number()));
			return (holding.length == 1 && holding[0].id().equals(subject)) ? "+" + hint.number() : null;
		}

		/**
		 * Where each of numbers given in ascending order is in the index, a negative
		 * value for those it does not hold: one walk through both lists.
		 */
		int[] positions(long[] ascending) {
			return RegisterIndex.positions(this.numbers, ascending);
		}

		/** Where the number is in the index, or a negative value. */
		int find(long number) {
			return Arrays.binarySearch(this.numbers, number);
		}

		Holder[] holdersAt(int at) {
			return (at >= 0) ? this.holders[at] : NO_HOLDERS;
		}

		LedgerEntry[] entriesAt(int at) {
			return (at >= 0) ? this.entries[at] : NO_ENTRIES;
		}

	}

}
