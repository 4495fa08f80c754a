package io.tutela.service;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.tutela.audit.Auditing;
import io.tutela.policy.RecordKind;

/**
 * Puts every read and write of service records on the audit log, as {@code <kind>.<verb>}
 * ({@code call_note.delete}) with the records' ids and category: never their values.
 */
@Component
class RecordAudit {

	/** What the audit log needs of a record. */
	interface Audited {

		UUID id();

		String category();

	}

	private final Auditing auditing;

	RecordAudit(Auditing auditing) {
		this.auditing = auditing;
	}

	/** A record read through the API; returned as it is. */
	<T extends Audited> T read(RecordKind kind, String controllerId, T record) {
		this.auditing.success(kind.key() + ".read", controllerId, record.category(), List.of(record.id()));
		return record;
	}

	/** Records listed through the API; returned as they are. */
	<T extends Audited> List<T> search(RecordKind kind, String controllerId, List<T> records) {
		this.auditing.success(kind.key() + ".search", controllerId, null, records.stream().map(Audited::id).toList());
		return records;
	}

	/**
	 * Records shown without their identifying elements (a complaint to the functions
	 * concerned); returned as they are.
	 */
	<T extends Audited> List<T> deidentified(RecordKind kind, String controllerId, List<T> records) {
		this.auditing.success(kind.key() + ".read-deidentified", controllerId, null,
				records.stream().map(Audited::id).toList());
		return records;
	}

	/** A record created, updated or deleted: {@code verb} is one of those. */
	void wrote(String verb, RecordKind kind, String controllerId, Audited record) {
		this.auditing.success(kind.key() + "." + verb, controllerId, record.category(), List.of(record.id()));
	}

}
