package io.tutela.subject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may read of subjects: find one named by its id or by an identifier
 * given exactly, and the subject 360 (audited as every read of it).
 */
@Service
public class SubjectLookup {

	private final Subjects subjects;

	private final ReadingSubjects reading;

	private final JdbcClient jdbc;

	SubjectLookup(Subjects subjects, ReadingSubjects reading, JdbcClient jdbc) {
		this.subjects = subjects;
		this.reading = reading;
		this.jdbc = jdbc;
	}

	/**
	 * The subjects a reference names within a controller: the subject's id, or an
	 * identifier (customer code, codice fiscale, e-mail, phone in any form libphonenumber
	 * reads, licence number, portal account). More than one when the identifier is
	 * shared.
	 */
	public List<UUID> resolve(String controllerId, String reference) {
		String ref = reference.strip();
		try {
			UUID id = UUID.fromString(ref);
			return this.subjects.find(controllerId, id).map(Subject::id).stream().toList();
		}
		catch (IllegalArgumentException ex) {
			// not an id: an identifier
		}
		String phone = (PhoneNumbers.normalise(ref) instanceof PhoneNumbers.Valid valid) ? valid.e164() : ref;
		return this.jdbc.sql("""
				SELECT id FROM subject WHERE controller_id = :c AND (customer_code = :q OR codice_fiscale = upper(:q)
				    OR email = :q OR phone = :phone OR licence_number = :q OR portal_account = :q)
				ORDER BY id LIMIT 2""")
			.param("c", controllerId)
			.param("q", ref)
			.param("phone", phone)
			.query(UUID.class)
			.list();
	}

	/** The subject, read on the audit log. */
	public Optional<Subject> find(String controllerId, UUID subjectId) {
		return this.subjects.find(controllerId, subjectId).map((s) -> this.reading.one(controllerId, subjectId));
	}

	/**
	 * Restricts the processing of a subject's data (GDPR art. 18): every use but storage
	 * is blocked from now on (the subject 360 shows it, marketing decisions refuse).
	 * Returns false when it was restricted already.
	 */
	public boolean restrict(String controllerId, UUID subjectId) {
		return this.jdbc
			.sql("UPDATE subject SET restricted = true WHERE controller_id = :c AND id = :id AND NOT restricted")
			.param("c", controllerId)
			.param("id", subjectId)
			.update() == 1;
	}

	/** The subject 360 at the given instant, read on the audit log. */
	public Overview overview(String controllerId, UUID subjectId, Instant asOf) {
		return this.reading.overview(controllerId, subjectId, asOf);
	}

}
