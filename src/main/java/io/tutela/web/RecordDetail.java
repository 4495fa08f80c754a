package io.tutela.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One record as its console page shows it: a heading, its fields as label (message key)
 * and formatted value, and the link back to its list.
 *
 * @param title the message key of the page's title, given the record's reference
 * @param reference how the record is called (a ticket number, a contract number)
 * @param note the message key of a note shown above the fields, if any
 */
public record RecordDetail(String title, String reference, List<Field> fields, String back, @Nullable String note) {

	/** A field and its value; empty values are shown as a dash. */
	public record Field(String label, String value) {
	}

}
