package io.tutela.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

	private final Ledger ledger;

	private final RegisterSnapshots snapshots;

	private final ContactIndexes indexes;

	private final RegisterIndexes registers;

	Contacts(JdbcClient jdbc, Ledger ledger, RegisterSnapshots snapshots, ContactIndexes indexes,
			RegisterIndexes registers) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.snapshots = snapshots;
		this.indexes = indexes;
		this.registers = registers;
	}

	/**
	 * The facts about the person the question names, as of an instant: for a number, from
	 * the contact index and the register in memory when they are current, otherwise from
	 * the database.
	 * @param policyVersion told the version of the controller's policy in force, when the
	 * facts' query read it (a number's, once the controller has an index)
	 */
	ContactFacts facts(String controllerId, Person person, Instant asOf, ZoneId zone, IntConsumer policyVersion) {
		if (person.phone() != null) {
			LocalDate day = LocalDays.dateOf(asOf, zone);
			ContactIndexes.Current current = this.indexes.ifCurrent(controllerId, day);
			if (current.policyVersion() != null) {
				policyVersion.accept(current.policyVersion());
			}
			if (current.index() != null) {
				return fromIndex(controllerId, current.index(), current.snapshot(), person.phone(), day);
			}
		}
		List<SubjectRow> subjects = subjects(controllerId, person);
		Set<String> phones = new LinkedHashSet<>();
		Set<String> emails = new LinkedHashSet<>();
		if (person.phone() != null) {
			phones.add(person.phone());
		}
		if (person.email() != null) {
			emails.add(person.email());
		}
		for (SubjectRow s : subjects) {
			if (s.phone() != null) {
				phones.add(s.phone());
			}
			if (s.email() != null) {
				emails.add(s.email());
			}
		}
		List<UUID> ids = subjects.stream().map(SubjectRow::id).toList();
		String number = (person.phone() != null) ? person.phone() : phones.stream().findFirst().orElse(null);
		ContactFacts.Registration registration = (number != null)
				? this.snapshots.registration(controllerId, number, LocalDate.ofInstant(asOf, zone)) : null;
		return facts(subjects, contracts(controllerId, ids),
				this.ledger.of(controllerId, ids, List.copyOf(phones), List.copyOf(emails)), number, registration);
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

	private List<SubjectRow> subjects(String controllerId, Person person) {
		String where = (person.subjectId() != null) ? "id = CAST(:v AS uuid)"
				: (person.phone() != null) ? "phone = :v" : "email = :v";
		String value = (person.subjectId() != null) ? person.subjectId().toString()
				: (person.phone() != null) ? person.phone() : person.email();
		return this.jdbc
			.sql("SELECT id, phone, email, restricted, last_contact_at FROM subject WHERE controller_id = :c AND "
					+ where + " ORDER BY id")
			.param("c", controllerId)
			.param("v", value)
			.query((rs, n) -> {
				Timestamp last = rs.getTimestamp("last_contact_at");
				return new SubjectRow(UUID.fromString(rs.getString("id")), rs.getString("phone"), rs.getString("email"),
						rs.getBoolean("restricted"), (last != null) ? last.toInstant() : null);
			})
			.list();
	}

	boolean subjectExists(String controllerId, UUID subjectId) {
		return this.jdbc.sql("SELECT count(*) FROM subject WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", subjectId)
			.query(Long.class)
			.single() > 0;
	}

	private List<ContactFacts.Contract> contracts(String controllerId, List<UUID> subjects) {
		if (subjects.isEmpty()) {
			return List.of();
		}
		return new ArrayList<>(this.jdbc
			.sql("SELECT contract_number, start_date, end_date FROM contract WHERE controller_id = :c "
					+ "AND subject_id = ANY(CAST(string_to_array(:s, E'\\n') AS uuid[])) ORDER BY start_date")
			.param("c", controllerId)
			.param("s", Ledger.lines(subjects.stream().map(UUID::toString).toList()))
			.query((rs, n) -> {
				java.sql.Date end = rs.getDate("end_date");
				return new ContactFacts.Contract(rs.getString("contract_number"),
						rs.getDate("start_date").toLocalDate(), (end != null) ? end.toLocalDate() : null);
			})
			.list());
	}

	/** Who a question is about: exactly one of a subject, a number, an address. */
	record Person(@Nullable UUID subjectId, @Nullable String phone, @Nullable String email) {
	}

	private record SubjectRow(UUID id, @Nullable String phone, @Nullable String email, boolean restricted,
			@Nullable Instant lastContact) {
	}

}
