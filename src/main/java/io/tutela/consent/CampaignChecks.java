package io.tutela.consent;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.tutela.policy.Policy.Channel;
import io.tutela.subject.PhoneNumbers;

/**
 * Campaign lists checked against the opposition register and the consent ledger: the
 * facts of every number on the list come from the register snapshot and the contact index
 * in memory ({@link RegisterIndexes}, {@link ContactIndexes}), each number is decided by
 * {@link Decisions} like a single question, and the results are stored in one compact
 * record ({@link Results}).
 */
@Repository
class CampaignChecks {

	private static final Logger log = LoggerFactory.getLogger(CampaignChecks.class);

	private final JdbcClient jdbc;

	private final RegisterIndexes registers;

	private final ContactIndexes contacts;

	CampaignChecks(JdbcClient jdbc, RegisterIndexes registers, ContactIndexes contacts) {
		this.jdbc = jdbc;
		this.registers = registers;
		this.contacts = contacts;
	}

	/**
	 * Checks a list in the caller's transaction: decides every line ({@link #decide})
	 * against the register snapshot and the controller's contact index, both in memory,
	 * and stores the result.
	 */
	Check run(String controllerId, Terms terms, @Nullable String name, Channel channel, String purpose,
			CampaignList list, RegisterSnapshots.@Nullable Snapshot snapshot, String by, Instant now) {
		long start = System.nanoTime();
		RegisterIndex register = (snapshot != null) ? this.registers.of(snapshot) : null;
		ContactIndexes.ContactIndex contacts = this.contacts.current(controllerId);
		long indexed = System.nanoTime();
		UUID id = UUID.randomUUID();
		int size = list.size();
		Decision[] decisions = decide(terms, channel, purpose, now, list, register, snapshot, contacts);
		long decided = System.nanoTime();
		long callable = 0;
		for (Decision decision : decisions) {
			if (decision.allowed()) {
				callable++;
			}
		}
		this.jdbc.sql("INSERT INTO campaign_check (id, controller_id, name, purpose, channel, checked_at, checked_by, "
				+ "snapshot_id, numbers, callable) VALUES (:id, :c, :name, :purpose, :channel, :at, :by, :snapshot, "
				+ ":numbers, :callable)")
			.param("id", id)
			.param("c", controllerId)
			.param("name", name)
			.param("purpose", purpose)
			.param("channel", ChannelScope.key(channel))
			.param("at", Timestamp.from(now))
			.param("by", by)
			.param("snapshot", (snapshot != null) ? snapshot.id() : null)
			.param("numbers", size)
			.param("callable", callable)
			.update();
		this.jdbc.sql("INSERT INTO campaign_check_result (check_id, lines, data) VALUES (:id, :lines, :data)")
			.param("id", id)
			.param("lines", size)
			.param("data", Results.encode(list, decisions))
			.update();
		log.info("Campaign check of {} numbers: indexes ready in {} ms, decided in {} ms, stored in {} ms", size,
				(indexed - start) / 1_000_000, (decided - indexed) / 1_000_000,
				(System.nanoTime() - decided) / 1_000_000);
		return find(controllerId, id).orElseThrow();
	}

	/**
	 * The decision on every line of a list: every number is looked up in the register
	 * snapshot and in the contact index, all at once in ascending order, then decided by
	 * {@link Decisions} like a single question, on every core; numbers nobody holds and
	 * the ledger does not name share one decision per provenance and registration day.
	 * Numbers neither holds are checked against the numbering plan here, and written back
	 * to the list as they stand ({@code keys}) or as given.
	 */
	static Decision[] decide(Terms terms, Channel channel, String purpose, Instant now, CampaignList list,
			@Nullable RegisterIndex register, RegisterSnapshots.@Nullable Snapshot snapshot,
			ContactIndexes.ContactIndex contacts) {
		int size = list.size();
		long[] keys = list.keys;
		long[] distinct = ascending(keys, size);
		int[] days = (register != null) ? register.registeredDays(distinct) : null;
		int[] positions = contacts.positions(distinct);
		Decision[] decisions = new Decision[size];
		ContactFacts none = ContactFacts.prospect(List.of(), null, null);
		Map<Prospect, Decision> prospects = new ConcurrentHashMap<>();
		IntStream.range(0, size).parallel().forEach((i) -> {
			int day = RegisterIndex.NOT_REGISTERED;
			int at = -1;
			int slot = (keys[i] >= 0) ? Arrays.binarySearch(distinct, keys[i]) : -1;
			if (slot >= 0) {
				day = (days != null) ? days[slot] : RegisterIndex.NOT_REGISTERED;
				at = positions[slot];
			}
			if (day == RegisterIndex.NOT_REGISTERED && at < 0) {
				// neither the register nor the index holds it: checked against the
				// numbering plan (what they hold was, when it was stored)
				String e164 = PhoneNumbers.validE164((keys[i] >= 0) ? "+" + keys[i] : list.given[i]);
				if (e164 == null && keys[i] >= 0) {
					list.given[i] = "+" + keys[i];
				}
				keys[i] = (e164 != null) ? ContactIndexes.number(e164) : -1;
				if (e164 != null && slot < 0) {
					day = (register != null) ? register.registeredDay(keys[i]) : RegisterIndex.NOT_REGISTERED;
					at = contacts.find(keys[i]);
				}
			}
			if (keys[i] < 0) {
				decisions[i] = Decision.no(Decision.Reason.INVALID_NUMBER, List.of());
				return;
			}
			Provenance provenance = list.provenance(i);
			LocalDate on = (day != RegisterIndex.NOT_REGISTERED) ? LocalDate.ofEpochDay(day) : null;
			ContactIndexes.Holder[] holders = contacts.holdersAt(at);
			List<LedgerEntry> own = about(contacts.entriesAt(at), purpose);
			ContactFacts.Registration registration = (on != null && snapshot != null)
					? new ContactFacts.Registration(snapshot.id(), snapshot.takenOn(), on) : null;
			if (holders.length == 0 && own.isEmpty()) {
				// a number no subject holds and the ledger does not name: the decision is
				// a function of its provenance and registration day alone, so numbers
				// alike share one
				decisions[i] = prospects.computeIfAbsent(new Prospect(provenance, on),
						(k) -> Decisions.decide(terms,
								(registration != null) ? ContactFacts.prospect(List.of(), null, registration) : none,
								channel, purpose, now, provenance, false));
			}
			else {
				decisions[i] = Decisions.decide(terms, facts(holders, own, registration), channel, purpose, now,
						provenance, false);
			}
		});
		return decisions;
	}

	/**
	 * The distinct keys that are not negative among the first given, in ascending order.
	 */
	private static long[] ascending(long[] keys, int size) {
		long[] sorted = Arrays.stream(keys, 0, size).filter((k) -> k >= 0).toArray();
		Arrays.parallelSort(sorted);
		int distinct = 0;
		for (int i = 0; i < sorted.length; i++) {
			if (distinct == 0 || sorted[distinct - 1] != sorted[i]) {
				sorted[distinct++] = sorted[i];
			}
		}
		return Arrays.copyOf(sorted, distinct);
	}

	/** The entries about the purpose. */
	private static List<LedgerEntry> about(LedgerEntry[] entries, String purpose) {
		if (entries.length == 0) {
			return List.of();
		}
		boolean all = true;
		for (LedgerEntry e : entries) {
			all &= e.purpose().equals(purpose);
		}
		if (all) {
			return Arrays.asList(entries);
		}
		List<LedgerEntry> about = new ArrayList<>(entries.length);
		for (LedgerEntry e : entries) {
			if (e.purpose().equals(purpose)) {
				about.add(e);
			}
		}
		return about;
	}

	private static ContactFacts facts(ContactIndexes.Holder[] holders, List<LedgerEntry> entries,
			ContactFacts.@Nullable Registration registration) {
		if (holders.length == 1) {
			ContactIndexes.Holder s = holders[0];
			return new ContactFacts(List.of(s.id()), entries, s.restricted(), s.lastContact(),
					s.contracts().isEmpty() ? null : s.email(), s.contracts(), null, registration);
		}
		boolean restricted = false;
		Instant last = null;
		String email = null;
		List<ContactFacts.Contract> contracts = new ArrayList<>();
		List<UUID> ids = new ArrayList<>(holders.length);
		for (ContactIndexes.Holder s : holders) {
			ids.add(s.id());
			restricted |= s.restricted();
			if (s.lastContact() != null && (last == null || s.lastContact().isAfter(last))) {
				last = s.lastContact();
			}
			contracts.addAll(s.contracts());
			if (email == null && !s.contracts().isEmpty()) {
				email = s.email();
			}
		}
		return new ContactFacts(ids, entries, restricted, last, email, contracts, null, registration);
	}

	Optional<Check> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM campaign_check WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(CampaignChecks::map)
			.optional();
	}

	List<Check> list(String controllerId, int limit) {
		return this.jdbc.sql("SELECT * FROM campaign_check WHERE controller_id = :c ORDER BY checked_at DESC LIMIT :l")
			.param("c", controllerId)
			.param("l", limit)
			.query(CampaignChecks::map)
			.list();
	}

	/** The results of a check in list order, from a line on. */
	List<Result> results(UUID checkId, int offset, int limit) {
		byte[] data = stored(checkId);
		if (data == null) {
			return this.jdbc
				.sql("SELECT line, number, provenance, callable, reason FROM campaign_check_entry WHERE check_id = :id "
						+ "AND line > :o ORDER BY line LIMIT :l")
				.param("id", checkId)
				.param("o", offset)
				.param("l", limit)
				.query((rs, n) -> new Result(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
						rs.getString(5)))
				.list();
		}
		List<Result> page = new ArrayList<>();
		Results.decode(data, (r) -> {
			if (r.line() > offset && page.size() < limit) {
				page.add(r);
			}
			return page.size() < limit;
		});
		return page;
	}

	/** Every result of a check in list order, streamed; only callable ones if asked. */
	void eachResult(UUID checkId, boolean callableOnly, Consumer<Result> each) {
		byte[] data = stored(checkId);
		if (data == null) {
			this.jdbc
				.sql("SELECT line, number, provenance, callable, reason FROM campaign_check_entry WHERE check_id = :id "
						+ (callableOnly ? "AND callable " : "") + "ORDER BY line")
				.param("id", checkId)
				.withFetchSize(10_000)
				.query((rs) -> {
					each.accept(new Result(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
							rs.getString(5)));
				});
			return;
		}
		Results.decode(data, (r) -> {
			if (!callableOnly || r.callable()) {
				each.accept(r);
			}
			return true;
		});
	}

	/**
	 * A check's results as stored in one record, or null for a check stored a row per
	 * number (before the compact form).
	 */
	private byte @Nullable [] stored(UUID checkId) {
		return this.jdbc.sql("SELECT data FROM campaign_check_result WHERE check_id = :id")
			.param("id", checkId)
			.query(byte[].class)
			.optional()
			.orElse(null);
	}

	private static Check map(java.sql.ResultSet rs, int row) throws SQLException {
		String snapshot = rs.getString("snapshot_id");
		return new Check(UUID.fromString(rs.getString("id")), rs.getString("controller_id"), rs.getString("name"),
				rs.getString("purpose"), rs.getString("channel"), rs.getTimestamp("checked_at").toInstant(),
				rs.getString("checked_by"), (snapshot != null) ? UUID.fromString(snapshot) : null,
				rs.getLong("numbers"), rs.getLong("callable"));
	}

	/** A stored check. */
	record Check(UUID id, String controllerId, @Nullable String name, String purpose, String channel, Instant checkedAt,
			String checkedBy, @Nullable UUID snapshotId, long numbers, long callable) {
	}

	/** One number's result: whether it may be called and why. */
	record Result(int line, String number, String provenance, boolean callable, String reason) {
	}

	private record Prospect(Provenance provenance, @Nullable LocalDate registeredOn) {
	}

}
