package io.tutela.consent;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import io.tutela.policy.Policy.Channel;
import io.tutela.subject.PhoneNumbers;

/**
 * Campaign lists checked against the opposition register and the consent ledger. The
 * facts of every number on the list are loaded in a few set-based queries (the numbers go
 * in through {@code COPY}), each number is decided by {@link Decisions} like a single
 * question, and the results are stored through {@code COPY}.
 */
@Repository
class CampaignChecks {

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	CampaignChecks(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** Checks a list in the caller's transaction and stores the result. */
	Check run(String controllerId, Terms terms, @Nullable String name, Channel channel, String purpose,
			List<ListedNumber> list, RegisterSnapshots.@Nullable Snapshot snapshot, String by, Instant now) {
		long[] numbers = list.stream()
			.filter((n) -> n.e164() != null)
			.mapToLong((n) -> Long.parseLong(n.e164().substring(1)))
			.sorted()
			.distinct()
			.toArray();
		this.jdbc.sql("CREATE TEMP TABLE campaign_number (number BIGINT NOT NULL, phone TEXT NOT NULL) ON COMMIT DROP")
			.update();
		copy("COPY campaign_number FROM STDIN", (out) -> {
			for (long number : numbers) {
				write(out, number + "\t+" + number + "\n");
			}
		});
		this.jdbc.sql("ANALYZE campaign_number").update();
		Map<Long, LocalDate> registered = registrations(snapshot);
		Map<String, List<Subject>> subjects = subjects(controllerId);
		Map<String, List<LedgerEntry>> entries = entries(controllerId, purpose);
		UUID id = UUID.randomUUID();
		Decision[] decisions = new Decision[list.size()];
		long callable = 0;
		ContactFacts none = ContactFacts.prospect(List.of(), null, null);
		Map<Prospect, Decision> prospects = new HashMap<>();
		for (int i = 0; i < list.size(); i++) {
			ListedNumber n = list.get(i);
			Decision decision;
			if (n.e164() == null) {
				decision = Decision.no(Decision.Reason.INVALID_NUMBER, List.of());
			}
			else {
				long key = Long.parseLong(n.e164().substring(1));
				LocalDate on = registered.get(key);
				List<Subject> holders = subjects.getOrDefault(n.e164(), List.of());
				List<LedgerEntry> own = entries.getOrDefault(n.e164(), List.of());
				ContactFacts.Registration registration = (on != null && snapshot != null)
						? new ContactFacts.Registration(snapshot.id(), snapshot.takenOn(), on) : null;
				if (holders.isEmpty() && own.isEmpty()) {
					// a number no subject holds and the ledger does not name: the
					// decision
					// is a function of its provenance and registration day alone, so
					// numbers
					// alike share one
					decision = prospects.computeIfAbsent(new Prospect(n.provenance(), on),
							(k) -> Decisions.decide(
									terms, (registration != null)
											? ContactFacts.prospect(List.of(), n.e164(), registration) : none,
									channel, purpose, now, n.provenance()));
				}
				else {
					decision = Decisions.decide(terms, facts(holders, own, n.e164(), registration), channel, purpose,
							now, n.provenance());
				}
			}
			decisions[i] = decision;
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
			.param("numbers", list.size())
			.param("callable", callable)
			.update();
		copy("COPY campaign_check_entry (check_id, line, number, provenance, callable, reason) FROM STDIN", (out) -> {
			String prefix = id + "\t";
			for (int i = 0; i < list.size(); i++) {
				ListedNumber n = list.get(i);
				write(out, prefix + (i + 1) + "\t" + text(n) + "\t" + n.provenance().key() + "\t"
						+ (decisions[i].allowed() ? "t" : "f") + "\t" + decisions[i].reason() + "\n");
			}
		});
		return find(controllerId, id).orElseThrow();
	}

	private static String text(ListedNumber n) {
		String value = (n.e164() != null) ? n.e164() : n.given();
		StringBuilder safe = new StringBuilder();
		for (char c : value.toCharArray()) {
			safe.append((c == '\t' || c == '\n' || c == '\r' || c == '\\') ? ' ' : c);
		}
		return safe.toString();
	}

	private static ContactFacts facts(List<Subject> holders, List<LedgerEntry> entries, String number,
			ContactFacts.@Nullable Registration registration) {
		boolean restricted = false;
		Instant last = null;
		String email = null;
		List<ContactFacts.Contract> contracts = new ArrayList<>();
		for (Subject s : holders) {
			restricted |= s.restricted();
			if (s.lastContact() != null && (last == null || s.lastContact().isAfter(last))) {
				last = s.lastContact();
			}
			contracts.addAll(s.contracts());
			if (email == null && !s.contracts().isEmpty()) {
				email = s.email();
			}
		}
		return new ContactFacts(holders.stream().map(Subject::id).toList(), entries, restricted, last, email, contracts,
				number, registration);
	}

	private Map<Long, LocalDate> registrations(RegisterSnapshots.@Nullable Snapshot snapshot) {
		Map<Long, LocalDate> found = new HashMap<>();
		if (snapshot == null) {
			return found;
		}
		this.jdbc
			.sql("SELECT e.number, min(e.registered_on) FROM campaign_number n JOIN register_entry e "
					+ "ON e.snapshot_id = :s AND e.number = n.number GROUP BY e.number")
			.param("s", snapshot.id())
			.query((rs) -> {
				found.put(rs.getLong(1), rs.getDate(2).toLocalDate());
			});
		return found;
	}

	private Map<String, List<Subject>> subjects(String controllerId) {
		Map<UUID, Subject> byId = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT s.id, s.phone, s.email, s.restricted, s.last_contact_at, c.contract_number, c.start_date, c.end_date
					FROM campaign_number n JOIN subject s ON s.controller_id = :c AND s.phone = n.phone
					LEFT JOIN contract c ON c.controller_id = :c AND c.subject_id = s.id""")
			.param("c", controllerId)
			.query((rs) -> {
				UUID id = UUID.fromString(rs.getString("id"));
				Timestamp last = rs.getTimestamp("last_contact_at");
				Subject s = byId.computeIfAbsent(id, (k) -> {
					try {
						return new Subject(id, rs.getString("phone"), rs.getString("email"),
								rs.getBoolean("restricted"), (last != null) ? last.toInstant() : null,
								new ArrayList<>());
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
				String contract = rs.getString("contract_number");
				if (contract != null) {
					java.sql.Date end = rs.getDate("end_date");
					s.contracts()
						.add(new ContactFacts.Contract(contract, rs.getDate("start_date").toLocalDate(),
								(end != null) ? end.toLocalDate() : null));
				}
			});
		Map<String, List<Subject>> byPhone = new HashMap<>();
		byId.values().forEach((s) -> byPhone.computeIfAbsent(s.phone(), (k) -> new ArrayList<>()).add(s));
		return byPhone;
	}

	private Map<String, List<LedgerEntry>> entries(String controllerId, String purpose) {
		Map<String, List<LedgerEntry>> byPhone = new HashMap<>();
		this.jdbc.sql("""
				SELECT e.*, n.phone AS listed FROM consent_event e
				JOIN subject s ON s.controller_id = :c AND s.id = e.subject_id
				JOIN campaign_number n ON n.phone = s.phone
				WHERE e.controller_id = :c AND e.purpose = :p
				UNION ALL
				SELECT e.*, n.phone AS listed FROM consent_event e JOIN campaign_number n ON n.phone = e.phone
				WHERE e.controller_id = :c AND e.purpose = :p""")
			.param("c", controllerId)
			.param("p", purpose)
			.query((rs) -> {
				byPhone.computeIfAbsent(rs.getString("listed"), (k) -> new ArrayList<>()).add(Ledger.map(rs, 0));
			});
		return byPhone;
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

	/** Every result of a check in list order, streamed; only callable ones if asked. */
	void eachResult(UUID checkId, boolean callableOnly, Consumer<Result> each) {
		this.jdbc
			.sql("SELECT line, number, provenance, callable, reason FROM campaign_check_entry WHERE check_id = :id "
					+ (callableOnly ? "AND callable " : "") + "ORDER BY line")
			.param("id", checkId)
			.withFetchSize(10_000)
			.query((rs) -> {
				each.accept(
						new Result(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
			});
	}

	private void copy(String sql, CopyBody body) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (Writer out = new OutputStreamWriter(
				new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16), StandardCharsets.UTF_8)) {
			body.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY failed", ex);
		}
	}

	private static void write(Writer out, String text) {
		try {
			out.write(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Check map(java.sql.ResultSet rs, int row) throws SQLException {
		String snapshot = rs.getString("snapshot_id");
		return new Check(UUID.fromString(rs.getString("id")), rs.getString("controller_id"), rs.getString("name"),
				rs.getString("purpose"), rs.getString("channel"), rs.getTimestamp("checked_at").toInstant(),
				rs.getString("checked_by"), (snapshot != null) ? UUID.fromString(snapshot) : null,
				rs.getLong("numbers"), rs.getLong("callable"));
	}

	private interface CopyBody {

		void write(Writer out) throws IOException;

	}

	/** A number on a campaign list: as given, in E.164 when valid, and its provenance. */
	record ListedNumber(String given, @Nullable String e164, Provenance provenance) {

		static ListedNumber of(String given, Provenance provenance) {
			return new ListedNumber(given, PhoneNumbers.validE164(given), provenance);
		}

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

	private record Subject(UUID id, String phone, @Nullable String email, boolean restricted,
			@Nullable Instant lastContact, List<ContactFacts.Contract> contracts) {
	}

}
