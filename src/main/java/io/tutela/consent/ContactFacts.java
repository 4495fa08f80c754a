package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What Tutela holds about a person that bears on contacting them, loaded once so that the
 * decision itself is plain Java.
 *
 * @param subjectIds the subjects the question names (none for a bare prospect)
 * @param entries every ledger entry of those subjects, their number and their e-mail
 * @param restricted processing of a subject is restricted (GDPR art. 18)
 * @param lastContact the subjects' last recorded contact
 * @param customerEmail the e-mail address a subject gave in a sale (the subject has a
 * contract), or null
 * @param contracts the subjects' contracts
 * @param number the number that would be called, in E.164, or null
 * @param registration that number's registration in the newest register snapshot, or null
 */
record ContactFacts(List<UUID> subjectIds, List<LedgerEntry> entries, boolean restricted, @Nullable Instant lastContact,
		@Nullable String customerEmail, List<Contract> contracts, @Nullable String number,
		@Nullable Registration registration) {

	/** A contract of the subject: a sale, and while it runs a reason to be called. */
	record Contract(String number, LocalDate start, @Nullable LocalDate end) {

		/** The contract a row of {@code contract_number, start_date, end_date} gives. */
		static Contract of(java.sql.ResultSet rs) throws java.sql.SQLException {
			java.sql.Date end = rs.getDate("end_date");
			return new Contract(rs.getString("contract_number"), rs.getDate("start_date").toLocalDate(),
					(end != null) ? end.toLocalDate() : null);
		}

	}

	/** A number's registration in the opposition register, as a snapshot shows it. */
	record Registration(UUID snapshotId, LocalDate takenOn, LocalDate registeredOn) {
	}

	static ContactFacts prospect(List<LedgerEntry> entries, @Nullable String number,
			@Nullable Registration registration) {
		return new ContactFacts(List.of(), entries, false, null, null, List.of(), number, registration);
	}

}
