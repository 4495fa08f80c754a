package io.tutela.consent;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.tutela.policy.Policies;

/**
 * Loads the facts a contact decision rests on: the subjects a question names, their
 * ledger entries, contracts, restriction and last contact, and the number's registration
 * in the newest register snapshot. Subjects and contracts are the subject module's
 * tables, read here with narrow queries of the columns a decision needs (that module
 * offers no public reader of them).
 */
@Repository
class Contacts {

	private final JdbcClient jdbc;

	private final RegisterSnapshots snapshots;

	private final ContactIndexes indexes;

	private final RegisterIndexes registers;

	private final NamedParameterJdbcTemplate statements;

	Contacts(JdbcClient jdbc, RegisterSnapshots snapshots, ContactIndexes indexes, RegisterIndexes registers,
			NamedParameterJdbcTemplate statements) {
		this.jdbc = jdbc;
		this.statements = statements;
		this.snapshots = snapshots;
		this.indexes = indexes;
		this.registers = registers;
	}

	/**
	 * The facts about the person the question names, as of an instant: for a number, or a
	 * subject holding one alone, from the contact index and the register in memory when
	 * they are current, otherwise from the database.
	 * @param policyVersion told the version of the controller's policy in force, when the
	 * facts' query read it (a number's, or such a subject's, once the controller has an
	 * index)
	 */
	ContactFacts facts(String controllerId, Person person, Instant asOf, ZoneId zone, IntConsumer policyVersion) {
		if (person.phone() != null
				|| (person.subjectId() != null && this.indexes.mayHoldAlone(controllerId, person.subjectId()))) {
			LocalDate day = LocalDays.dateOf(asOf, zone);
			ContactIndexes.Current current = this.indexes.ifCurrent(controllerId, day);
			if (current.policyVersion() != null) {
				policyVersion.accept(current.policyVersion());
			}
			if (current.index() != null) {
				Optional<ContactFacts> known = fromIndex(controllerId, current.index(), current.snapshot(), person,
						day);
				if (known.isPresent()) {
					return known.get();
				}
			}
		}
		return fromDatabase(controllerId, person, LocalDays.dateOf(asOf, zone), policyVersion);
	}

	/** See {@link ContactIndexes#assumed}. */
	Optional<ContactIndexes.Assumed> assumed(String controllerId, LocalDate day) {
		return this.indexes.assumed(controllerId, day);
	}

	/**
	 * The facts about a number, or about a subject holding one alone, from an index
	 * assumed current (see {@link ContactIndexes#assumed}), with no round trip when the
	 * register's snapshot is loaded; empty for a subject the index cannot answer about.
	 */
	Optional<ContactFacts> facts(String controllerId, ContactIndexes.Current assumed, Person person, LocalDate day) {
		return fromIndex(controllerId, Objects.requireNonNull(assumed.index()), assumed.snapshot(), person, day);
	}

	/**
	 * The facts about the number asked about, or about the number a subject holds alone,
	 * from the index; empty for anyone else.
	 */
	private Optional<ContactFacts> fromIndex(String controllerId, ContactIndexes.ContactIndex index,
			RegisterSnapshots.@Nullable Snapshot snapshot, Person person, LocalDate day) {
		String phone = (person.phone() != null) ? person.phone()
				: (person.subjectId() != null) ? index.soleNumber(person.subjectId()) : null;
		return (phone != null) ? Optional.of(fromIndex(controllerId, index, snapshot, phone, day)) : Optional.empty();
	}

	/**
	 * The facts from the database, in one round trip: four statements sent together, each
	 * finding the subjects the question names on its own (the subjects with the version
	 * of the controller's policy in force, their contracts, the ledger entries about them
	 * or the number or address asked about, the number's registration in the newest
	 * register snapshot).
	 */
	private ContactFacts fromDatabase(String controllerId, Person person, LocalDate day, IntConsumer policyVersion) {
		String where = (person.subjectId() != null) ? "id = :subject"
				: (person.phone() != null) ? "phone = :phone" : "email = :email";
		String subjects = "SELECT id, phone, email, restricted, last_contact_at FROM subject WHERE controller_id = :c AND "
				+ where;
		String sql = "SELECT p.policy_version, s.* FROM (SELECT " + Policies.VERSION_IN_FORCE
				+ " AS policy_version) p LEFT JOIN LATERAL (" + subjects + ") s ON true ORDER BY s.id;\n"
				+ "SELECT contract_number, start_date, end_date FROM contract WHERE controller_id = :c "
				+ "AND subject_id IN (SELECT id FROM (" + subjects + ") s) ORDER BY start_date;\n"
				+ Ledger.about("SELECT id, phone, email FROM subject WHERE controller_id = :c AND " + where
						+ " UNION ALL SELECT NULL, CAST(:phone AS text), CAST(:email AS text)")
				+ ";\n" + "SELECT r.* FROM (SELECT CASE WHEN x ~ '^\\+[0-9]{1,15}$' THEN CAST(substr(x, 2) AS bigint) "
				+ "END AS number FROM (SELECT coalesce(CAST(:phone AS text), (SELECT phone FROM (" + subjects
				+ ") s WHERE phone IS NOT NULL ORDER BY id LIMIT 1)) AS x) q) n, LATERAL ("
				+ RegisterSnapshots.registrationOf("n.number") + ") r WHERE n.number IS NOT NULL";
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("c", controllerId)
			.addValue("subject", person.subjectId(), Types.OTHER)
			.addValue("phone", person.phone(), Types.VARCHAR)
			.addValue("email", person.email(), Types.VARCHAR)
			.addValue("d", day);
		return this.statements.execute(sql, params, (PreparedStatementCallback<ContactFacts>) (statement) -> {
			statement.execute();
			List<SubjectRow> found = new ArrayList<>();
			try (ResultSet rs = statement.getResultSet()) {
				while (rs.next()) {
					int version = rs.getInt("policy_version");
					if (!rs.wasNull()) {
						policyVersion.accept(version);
					}
					if (rs.getString("id") != null) {
						Timestamp last = rs.getTimestamp("last_contact_at");
						found.add(new SubjectRow(UUID.fromString(rs.getString("id")), rs.getString("phone"),
								rs.getString("email"), rs.getBoolean("restricted"),
								(last != null) ? last.toInstant() : null));
					}
				}
			}
			statement.getMoreResults();
			List<ContactFacts.Contract> contracts = new ArrayList<>();
			try (ResultSet rs = statement.getResultSet()) {
				while (rs.next()) {
					contracts.add(ContactFacts.Contract.of(rs));
				}
			}
			statement.getMoreResults();
			List<LedgerEntry> entries = new ArrayList<>();
			try (ResultSet rs = statement.getResultSet()) {
				while (rs.next()) {
					entries.add(Ledger.map(rs, entries.size()));
				}
			}
			statement.getMoreResults();
			ContactFacts.Registration registration = null;
			try (ResultSet rs = statement.getResultSet()) {
				if (rs.next()) {
					registration = RegisterSnapshots.registration(rs);
				}
			}
			String number = (person.phone() != null) ? person.phone()
					: found.stream().map(SubjectRow::phone).filter((n) -> n != null).findFirst().orElse(null);
			return facts(found, contracts, entries, number, registration);
		});
	}

	/**
	 * The facts about the subjects a question names (in order of id), their contracts (in
	 * order of start) and the ledger entries about them.
	 */
	private static ContactFacts facts(List<SubjectRow> subjects, List<ContactFacts.Contract> contracts,
			List<LedgerEntry> entries, @Nullable String number, ContactFacts.@Nullable Registration registration) {
		boolean restricted = false;
		Instant lastContact = null;
		for (SubjectRow s : subjects) {
			restricted |= s.restricted();
			if (s.lastContact() != null && (lastContact == null || s.lastContact().isAfter(lastContact))) {
				lastContact = s.lastContact();
			}
		}
		String customerEmail = contracts.isEmpty() ? null
				: subjects.stream().map(SubjectRow::email).filter((e) -> e != null).findFirst().orElse(null);
		return new ContactFacts(subjects.stream().map(SubjectRow::id).toList(), entries, restricted, lastContact,
				customerEmail, contracts, number, registration);
	}

	private ContactFacts fromIndex(String controllerId, ContactIndexes.ContactIndex index,
			RegisterSnapshots.@Nullable Snapshot snapshot, String phone, LocalDate day) {
		long key = ContactIndexes.number(phone);
		int at = index.find(key);
		List<SubjectRow> holders = new ArrayList<>();
		List<ContactFacts.Contract> contracts = new ArrayList<>();
		for (ContactIndexes.Holder h : index.holdersAt(at)) {
			holders.add(new SubjectRow(h.id(), phone, h.email(), h.restricted(), h.lastContact()));
			contracts.addAll(h.contracts());
		}
		// in the order the database gives: uuids compared as unsigned bytes, as their
		// text
		holders.sort(Comparator.comparing((SubjectRow s) -> s.id().toString()));
		contracts.sort(Comparator.comparing(ContactFacts.Contract::start));
		List<LedgerEntry> entries = new ArrayList<>(Arrays.asList(index.entriesAt(at)));
		entries.sort(Comparator.comparing(LedgerEntry::occurredAt).thenComparing(LedgerEntry::recordedAt));
		ContactFacts.Registration registration = null;
		if (snapshot != null) {
			Optional<RegisterIndex> register = this.registers.ifLoaded(snapshot);
			if (register.isPresent()) {
				LocalDate on = register.get().registeredOn(key);
				registration = (on != null) ? new ContactFacts.Registration(snapshot.id(), snapshot.takenOn(), on)
						: null;
			}
			else {
				registration = this.snapshots.registration(controllerId, phone, day);
			}
		}
		return facts(holders, contracts, entries, phone, registration);
	}

	boolean subjectExists(String controllerId, UUID subjectId) {
		return this.jdbc.sql("SELECT count(*) FROM subject WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", subjectId)
			.query(Long.class)
			.single() > 0;
	}

	/** Who a question is about: exactly one of a subject, a number, an address. */
	record Person(@Nullable UUID subjectId, @Nullable String phone, @Nullable String email) {
	}

	private record SubjectRow(UUID id, @Nullable String phone, @Nullable String email, boolean restricted,
			@Nullable Instant lastContact) {
	}

}
