package io.tutela.subject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.retention.RetainedRecords;

/**
 * The retention engine's actions on this module's tables. Anonymisation replaces what
 * identifies (names, codes, numbers, addresses, usernames) and keeps dates, categories
 * and amounts for statistics; pseudonymisation replaces the same fields with keyed tokens
 * (SQL function {@code pseudonym}, key and table apart). A subject is deleted only once
 * nothing refers to it any more.
 */
@Component
class SubjectRetention implements RetainedRecords {

	/**
	 * Per kind: its table, the SQL that anonymises a row, the SQL that pseudonymises it.
	 */
	private record Table(String name, String anonymise, String pseudonymise) {
	}

	private static final String SUBJECT_FIELDS = "given_name, family_name, codice_fiscale, email, phone, customer_code, "
			+ "licence_number, portal_account, address";

	private static final Map<RecordKind, Table> TABLES = Map.of(RecordKind.SUBJECT,
			new Table("subject", "subject_key = 'anonymous-' || id, given_name = NULL, family_name = NULL, "
					+ "codice_fiscale = NULL, email = NULL, phone = NULL, customer_code = NULL, licence_number = NULL, "
					+ "portal_account = NULL, address = NULL", pseudonymised("subject_key, " + SUBJECT_FIELDS)),
			RecordKind.CONTRACT,
			new Table("contract", "contract_number = 'anonymous-' || id", pseudonymised("contract_number")),
			RecordKind.PORTAL_ACCOUNT,
			new Table("portal_account", "username = 'anonymous-' || id", pseudonymised("username")), RecordKind.INVOICE,
			new Table("invoice", "invoice_number = 'anonymous-' || id", pseudonymised("invoice_number")),
			RecordKind.PAYMENT, new Table("payment", "reference = 'anonymous-' || id", pseudonymised("reference")));

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	SubjectRetention(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** {@code column = pseudonym(controller_id, column)} for each column. */
	static String pseudonymised(String columns) {
		StringBuilder sql = new StringBuilder();
		for (String column : columns.split(",\\s*")) {
			sql.append((sql.length() > 0) ? ", " : "")
				.append(column)
				.append(" = pseudonym(controller_id, ")
				.append(column)
				.append(')');
		}
		return sql.toString();
	}

	@Override
	public Set<RecordKind> kinds() {
		return TABLES.keySet();
	}

	@Override
	public List<UUID> subjects(String controllerId, @Nullable UUID after, int limit) {
		return this.jdbc
			.sql("SELECT id FROM subject WHERE controller_id = :c AND (CAST(:after AS uuid) IS NULL "
					+ "OR id::text > CAST(:after AS text)) ORDER BY id::text LIMIT " + limit)
			.param("c", controllerId)
			.param("after", (after != null) ? after.toString() : null)
			.query(UUID.class)
			.list();
	}

	@Override
	public long apply(String controllerId, RecordKind kind, Collection<UUID> ids, Policy.Action action) {
		Table table = TABLES.get(kind);
		UUID[] array = ids.toArray(UUID[]::new);
		return switch (action) {
			case DELETE -> delete(controllerId, table, array);
			case ANONYMISE -> update(controllerId, table.name(), table.anonymise(), array);
			case PSEUDONYMISE -> update(controllerId, table.name(), table.pseudonymise(), array);
			case SEGREGATE -> 0;
		};
	}

	private long update(String controllerId, String table, String set, UUID[] ids) {
		return this.jdbc
			.sql("UPDATE " + table + " SET " + set
					+ ", updated_at = now() WHERE controller_id = :c AND id = ANY (:ids)")
			.param("c", controllerId)
			.param("ids", ids)
			.update();
	}

	/**
	 * Deletes the records in one statement under a savepoint; when one of them is still
	 * referred to (by another module's record, a consent entry), record by record
	 * instead, each under its own savepoint: those referred to stay, and are not counted.
	 */
	private long delete(String controllerId, Table table, UUID[] ids) {
		Integer all = this.savepoint.execute((tx) -> {
			try {
				return this.jdbc.sql("DELETE FROM " + table.name() + " WHERE controller_id = :c AND id = ANY (:ids)")
					.param("c", controllerId)
					.param("ids", ids)
					.update();
			}
			catch (DataIntegrityViolationException referred) {
				tx.setRollbackOnly();
				return null;
			}
		});
		if (all != null) {
			return all;
		}
		long deleted = 0;
		for (UUID id : ids) {
			Integer count = this.savepoint.execute((tx) -> {
				try {
					return this.jdbc.sql("DELETE FROM " + table.name() + " WHERE controller_id = :c AND id = :id")
						.param("c", controllerId)
						.param("id", id)
						.update();
				}
				catch (DataIntegrityViolationException referred) {
					tx.setRollbackOnly();
					return 0;
				}
			});
			deleted += (count != null) ? count : 0;
		}
		return deleted;
	}

}
