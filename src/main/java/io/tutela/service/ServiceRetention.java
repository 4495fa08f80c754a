package io.tutela.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.retention.RetainedRecords;

/**
 * The retention engine's actions on the service records. Anonymisation unlinks the record
 * from its subject and replaces names, numbers, addresses and identifiers (an IP address
 * keeps only its network), and takes identifying elements out of free texts; times,
 * categories, purposes and counts stay for statistics. Pseudonymisation keeps the link to
 * the (itself pseudonymised) subject and replaces the same identifiers with keyed tokens
 * (SQL function {@code pseudonym}: key and re-identification table apart), free texts
 * losing their identifying elements as well.
 */
@Component
class ServiceRetention implements RetainedRecords {

	/**
	 * Per kind: its table, how a row is anonymised and pseudonymised, and its free texts
	 * with the SQL of the identifiers to take out of them.
	 */
	private record Table(String name, String anonymise, String pseudonymise, List<String> texts,
			@Nullable String identifiers) {
	}

	private static final String ANONYMOUS = "'anonymous-' || id";

	private static final String NETWORK = "network(set_masklen(ip_address, CASE family(ip_address) WHEN 4 THEN 24 "
			+ "ELSE 48 END))::inet";

	private static final Map<RecordKind, Table> TABLES = Map.of(RecordKind.SUPPORT_TICKET, new Table("support_ticket",
			"subject_id = NULL, name = 'anonymous', email = " + ANONYMOUS
					+ ", licence_number = NULL, attachment_names = '{}'",
			tokens("name", "email", "licence_number")
					+ ", attachment_names = ARRAY(SELECT pseudonym(controller_id, a) FROM unnest(attachment_names) a)",
			List.of("subject_line", "message"), "ARRAY[name, email, licence_number]"), RecordKind.REMOTE_SESSION,
			new Table("remote_session", "subject_id = NULL, remote_id = " + ANONYMOUS + ", ip_address = " + NETWORK,
					"remote_id = pseudonym(controller_id, remote_id || ' ' || host(ip_address)), ip_address = "
							+ NETWORK,
					List.of(), null),
			RecordKind.CALL_LOG,
			new Table("call_log", "subject_id = NULL, caller_name = NULL, number = " + ANONYMOUS,
					tokens("caller_name", "number"), List.of("request"), "ARRAY[caller_name, number]"),
			RecordKind.CALL_NOTE,
			new Table("call_note", "collected_at = collected_at", "collected_at = collected_at", List.of("note"),
					"(SELECT ARRAY[l.caller_name, l.number] FROM call_log l WHERE l.id = call_id)"),
			RecordKind.CALLER_LIST,
			new Table("caller_list_entry", "number = " + ANONYMOUS + ", name = NULL", tokens("number", "name"),
					List.of(), null),
			RecordKind.IMPORTED_CONTACT,
			new Table("imported_contact",
					"contact_key = " + ANONYMOUS + ", name = NULL, number = " + ANONYMOUS + ", email = NULL",
					tokens("contact_key", "name", "number", "email"), List.of(), null),
			RecordKind.RECEPTIONIST_CONFIG,
			new Table("receptionist_config", "forwarding = '{}', notification_email = NULL",
					"forwarding = ARRAY(SELECT pseudonym(controller_id, f) FROM unnest(forwarding) f), "
							+ tokens("notification_email"),
					List.of(), null),
			RecordKind.CALL_RECORDING,
			new Table("call_recording", "subject_id = NULL, number = NULL, call_reference = " + ANONYMOUS,
					tokens("number", "call_reference"), List.of(), null));

	private final JdbcClient jdbc;

	ServiceRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static String tokens(String... columns) {
		List<String> set = new ArrayList<>();
		for (String column : columns) {
			set.add(column + " = pseudonym(controller_id, " + column + ")");
		}
		return String.join(", ", set);
	}

	@Override
	public Set<RecordKind> kinds() {
		return TABLES.keySet();
	}

	@Override
	public long apply(String controllerId, RecordKind kind, Collection<UUID> ids, Policy.Action action) {
		Table table = TABLES.get(kind);
		UUID[] array = ids.toArray(UUID[]::new);
		if (action == Policy.Action.DELETE) {
			return this.jdbc.sql("DELETE FROM " + table.name() + " WHERE controller_id = :c AND id = ANY (:ids)")
				.param("c", controllerId)
				.param("ids", array)
				.update();
		}
		if (action == Policy.Action.SEGREGATE) {
			return 0;
		}
		maskTexts(controllerId, table, array);
		String set = (action == Policy.Action.ANONYMISE) ? table.anonymise() : table.pseudonymise();
		return this.jdbc
			.sql("UPDATE " + table.name() + " SET " + set + ", updated_at = now() "
					+ "WHERE controller_id = :c AND id = ANY (:ids)")
			.param("c", controllerId)
			.param("ids", array)
			.update();
	}

	/**
	 * Takes the identifying elements out of the free texts, before the identifiers go.
	 */
	private void maskTexts(String controllerId, Table table, UUID[] ids) {
		for (String text : table.texts()) {
			List<Object[]> rows = this.jdbc
				.sql("SELECT id, " + text + ", " + table.identifiers() + " FROM " + table.name()
						+ " WHERE controller_id = :c AND id = ANY (:ids)")
				.param("c", controllerId)
				.param("ids", ids)
				.query((rs,
						n) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2),
								(rs.getArray(3) != null) ? (Object[]) rs.getArray(3).getArray() : new Object[0] })
				.list();
			for (Object[] row : rows) {
				List<@Nullable String> identifiers = new ArrayList<>();
				for (Object identifier : (Object[]) row[2]) {
					identifiers.add((identifier != null) ? identifier.toString() : null);
				}
				this.jdbc.sql("UPDATE " + table.name() + " SET " + text + " = :text WHERE id = :id")
					.param("text", Deidentified.text((String) row[1], identifiers))
					.param("id", row[0])
					.update();
			}
		}
	}

}
