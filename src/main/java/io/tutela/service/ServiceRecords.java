package io.tutela.service;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
import org.postgresql.util.PGobject;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;
import io.tutela.policy.RecordKind;
import io.tutela.records.HeldRecord;
import io.tutela.records.RecordSource;

/**
 * The service records held about a subject, for the subject 360, access exports and
 * erasure: those linked to the subject, and those not linked to anyone that carry the
 * subject's number or e-mail address (a call from their phone, a ticket from their
 * address, their entry on a caller list or among imported contacts, a forwarding number
 * of the receptionist configuration). Retention counts from the subject's dates (the end
 * of their contracts once none is running, their last contact) and from the record's own
 * time of contact (a ticket's closing, a session's end, a call).
 */
@Component
class ServiceRecords implements RecordSource {

	/**
	 * The records of one kind matching the subject {@code :s}, number {@code :phone} and
	 * e-mail {@code :email}.
	 */
	private static final List<Query> QUERIES = List.of(
			new Query(RecordKind.SUPPORT_TICKET, """
					SELECT *, coalesce(closed_at, opened_at) AS contact_at FROM support_ticket
					WHERE controller_id = :c AND (subject_id = :s OR (subject_id IS NULL AND email = :email))
					ORDER BY opened_at""", "ticket_number", "name", "email", "subject_line", "message",
					"licence_number", "attachment_count", "attachment_names", "opened_at", "closed_at"),
			new Query(RecordKind.REMOTE_SESSION, """
					SELECT *, coalesce(ended_at, started_at) AS contact_at FROM remote_session
					WHERE controller_id = :c AND subject_id = :s ORDER BY started_at""", "remote_id", "ip_address",
					"started_at", "ended_at"),
			new Query(RecordKind.CALL_LOG, """
					SELECT *, called_at AS contact_at FROM call_log
					WHERE controller_id = :c AND (subject_id = :s OR (subject_id IS NULL AND number = :phone))
					ORDER BY called_at""", "caller_name", "number", "called_at", "request"),
			new Query(RecordKind.CALL_NOTE, """
					SELECT n.*, n.noted_at AS contact_at FROM call_note n JOIN call_log l ON l.id = n.call_id
					WHERE l.controller_id = :c AND (l.subject_id = :s OR (l.subject_id IS NULL AND l.number = :phone))
					ORDER BY n.noted_at""", "call_id", "note", "noted_at"), new Query(RecordKind.CALLER_LIST, """
					SELECT *, NULL::timestamptz AS contact_at FROM caller_list_entry
					WHERE controller_id = :c AND number = :phone""", "number", "name", "kind"),
			new Query(RecordKind.IMPORTED_CONTACT, """
					SELECT *, NULL::timestamptz AS contact_at FROM imported_contact
					WHERE controller_id = :c AND (number = :phone OR email = :email)""", "name", "number", "email",
					"consent_given_at"),
			new Query(RecordKind.RECEPTIONIST_CONFIG, """
					SELECT *, NULL::timestamptz AS contact_at FROM receptionist_config
					WHERE controller_id = :c AND (notification_email = :email
					  OR EXISTS (SELECT 1 FROM unnest(forwarding) f WHERE split_part(f, ' ', 2) = :phone))""",
					"availability", "forwarding", "notification_email"),
			new Query(RecordKind.CALL_RECORDING, """
					SELECT *, recorded_at AS contact_at FROM call_recording
					WHERE controller_id = :c AND (subject_id = :s OR (subject_id IS NULL AND number = :phone))
					ORDER BY recorded_at""", "call_reference", "number", "recorded_at", "duration_seconds",
					"announcement_played"));

	private final JdbcClient jdbc;

	private final Policies policies;

	ServiceRecords(JdbcClient jdbc, Policies policies) {
		this.jdbc = jdbc;
		this.policies = policies;
	}

	@Override
	public List<String> subjectsWithCategories() {
		return List.of("support_ticket", "remote_session", "call_log", "call_recording")
			.stream()
			.map((table) -> "SELECT subject_id FROM " + table
					+ " WHERE controller_id = :c AND category = ANY (:cats) AND subject_id IS NOT NULL")
			.toList();
	}

	@Override
	public List<HeldRecord> recordsOf(String controllerId, UUID subjectId) {
		// the subject's identifiers and dates; its tables belong to the subject module
		List<Map<String, Object>> found = this.jdbc.sql("""
				SELECT s.phone, s.email, s.last_contact_at,
				       (SELECT CASE WHEN count(*) > 0 AND count(*) = count(end_date) THEN max(end_date) END
				        FROM contract WHERE subject_id = s.id) AS contract_end
				FROM subject s WHERE s.id = :s AND s.controller_id = :c""")
			.param("s", subjectId)
			.param("c", controllerId)
			.query()
			.listOfRows();
		if (found.isEmpty()) {
			return List.of();
		}
		Map<String, Object> subject = found.get(0);
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		Map<String, LocalDate> common = new HashMap<>();
		if (subject.get("contract_end") instanceof Date end) {
			common.put("contract_end", end.toLocalDate());
		}
		if (subject.get("last_contact_at") instanceof Timestamp contact) {
			common.put("last_contact", LocalDate.ofInstant(contact.toInstant(), zone));
		}
		List<HeldRecord> records = new ArrayList<>();
		for (Query query : QUERIES) {
			records.addAll(this.jdbc.sql(query.sql())
				.param("c", controllerId)
				.param("s", subjectId)
				.param("phone", subject.get("phone"))
				.param("email", subject.get("email"))
				.query((rs, n) -> record(query, rs, common, zone))
				.list());
		}
		return records;
	}

	private static HeldRecord record(Query query, ResultSet rs, Map<String, LocalDate> common, ZoneId zone)
			throws SQLException {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		for (String column : query.fields()) {
			fields.put(column, value(rs.getObject(column)));
		}
		Map<String, LocalDate> triggers = new HashMap<>(common);
		Instant contact = Fields.instant(rs, "contact_at");
		if (contact != null) {
			LocalDate day = LocalDate.ofInstant(contact, zone);
			triggers.merge("last_contact", day, (a, b) -> a.isAfter(b) ? a : b);
		}
		return new HeldRecord(query.kind(), rs.getObject("id", UUID.class), rs.getString("category"),
				Fields.texts(rs, "purposes"), rs.getString("source"), Fields.instant(rs, "collected_at"), fields,
				triggers);
	}

	private static @Nullable Object value(@Nullable Object value) throws SQLException {
		if (value instanceof Timestamp t) {
			return t.toInstant();
		}
		if (value instanceof Date d) {
			return d.toLocalDate();
		}
		if (value instanceof Array a) {
			return List.copyOf(Arrays.asList((Object[]) a.getArray()));
		}
		if (value instanceof PGobject pg) {
			return pg.getValue();
		}
		return value;
	}

	private record Query(RecordKind kind, String sql, String... fields) {
	}

}
