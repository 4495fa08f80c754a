package io.tutela.subject;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;
import io.tutela.policy.RecordKind;
import io.tutela.records.HeldRecord;
import io.tutela.records.RecordSource;

/**
 * The records this module holds about a subject: the subject's own identifiers,
 * contracts, portal accounts, invoices and payments, with the dates their retention
 * counts from. The contract's end for the subject is the last end of their contracts once
 * none is running; the last activity is the latest on their portal accounts.
 */
@Component
class SubjectRecords implements RecordSource {

	private final JdbcClient jdbc;

	private final Subjects subjects;

	private final Policies policies;

	SubjectRecords(JdbcClient jdbc, Subjects subjects, Policies policies) {
		this.jdbc = jdbc;
		this.subjects = subjects;
		this.policies = policies;
	}

	@Override
	public List<String> subjectsWithCategories() {
		return List.of("SELECT id AS subject_id FROM subject WHERE controller_id = :c AND category = ANY (:cats)",
				"SELECT subject_id FROM contract WHERE controller_id = :c AND category = ANY (:cats)",
				"SELECT subject_id FROM portal_account WHERE controller_id = :c AND category = ANY (:cats)",
				"SELECT subject_id FROM invoice WHERE controller_id = :c AND category = ANY (:cats)",
				"SELECT subject_id FROM payment WHERE controller_id = :c AND category = ANY (:cats)");
	}

	@Override
	public List<HeldRecord> recordsOf(String controllerId, UUID subjectId) {
		Subject subject = this.subjects.find(controllerId, subjectId).orElse(null);
		if (subject == null) {
			return List.of();
		}
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		Map<String, Object> dates = this.jdbc.sql("""
				SELECT (SELECT CASE WHEN count(*) > 0 AND count(*) = count(end_date) THEN max(end_date) END
				        FROM contract WHERE subject_id = :s) AS contract_end,
				       (SELECT max(last_activity_at) FROM portal_account WHERE subject_id = :s) AS last_activity""")
			.param("s", subjectId)
			.query()
			.singleRow();
		Map<String, LocalDate> common = new HashMap<>();
		if (dates.get("contract_end") instanceof Date end) {
			common.put("contract_end", end.toLocalDate());
		}
		if (dates.get("last_activity") instanceof Timestamp activity) {
			common.put("last_activity", LocalDate.ofInstant(activity.toInstant(), zone));
		}
		if (subject.lastContactAt() != null) {
			common.put("last_contact", LocalDate.ofInstant(subject.lastContactAt(), zone));
		}
		List<HeldRecord> records = new ArrayList<>();
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("given_name", subject.givenName());
		fields.put("family_name", subject.familyName());
		fields.put("codice_fiscale", subject.codiceFiscale());
		fields.put("email", subject.email());
		fields.put("phone", subject.phone());
		fields.put("customer_code", subject.customerCode());
		fields.put("licence_number", subject.licenceNumber());
		fields.put("portal_account", subject.portalAccount());
		fields.put("address", subject.address());
		records.add(new HeldRecord(RecordKind.SUBJECT, subject.id(), subject.category(), subject.purposes(),
				subject.source(), subject.collectedAt(), fields, common));
		records.addAll(
				this.jdbc.sql("SELECT * FROM contract WHERE subject_id = :s AND controller_id = :c ORDER BY start_date")
					.param("s", subjectId)
					.param("c", controllerId)
					.query((rs, n) -> {
						Map<String, LocalDate> triggers = new HashMap<>(common);
						triggers.remove("contract_end");
						Date end = rs.getDate("end_date");
						if (end != null) {
							triggers.put("contract_end", end.toLocalDate());
						}
						return record(RecordKind.CONTRACT, rs, triggers, "contract_number", "service", "start_date",
								"end_date");
					})
					.list());
		records.addAll(rows("portal_account", subjectId, controllerId, RecordKind.PORTAL_ACCOUNT, common, "username",
				"opened_at", "last_activity_at", "closed_on"));
		records.addAll(rows("invoice", subjectId, controllerId, RecordKind.INVOICE, common, "invoice_number",
				"issued_on", "due_on", "amount_cents", "currency", "disputed"));
		records.addAll(rows("payment", subjectId, controllerId, RecordKind.PAYMENT, common, "reference", "paid_at",
				"amount_cents", "method"));
		return records;
	}

	private List<HeldRecord> rows(String table, UUID subjectId, String controllerId, RecordKind kind,
			Map<String, LocalDate> triggers, String... columns) {
		return this.jdbc
			.sql("SELECT * FROM " + table + " WHERE subject_id = :s AND controller_id = :c ORDER BY collected_at")
			.param("s", subjectId)
			.param("c", controllerId)
			.query((rs, n) -> record(kind, rs, triggers, columns))
			.list();
	}

	private static HeldRecord record(RecordKind kind, ResultSet rs, Map<String, LocalDate> triggers, String... columns)
			throws SQLException {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		for (String column : columns) {
			Object value = rs.getObject(column);
			fields.put(column, (value instanceof Timestamp t) ? t.toInstant()
					: (value instanceof Date d) ? d.toLocalDate() : value);
		}
		return new HeldRecord(kind, rs.getObject("id", UUID.class), rs.getString("category"),
				Arrays.asList((String[]) rs.getArray("purposes").getArray()), rs.getString("source"),
				rs.getTimestamp("collected_at").toInstant(), fields, triggers);
	}

}
