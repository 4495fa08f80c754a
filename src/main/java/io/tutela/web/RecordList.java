package io.tutela.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of records as the console lists them: a title, filters, column headings, rows
 * and the links to the neighbouring pages. Labels are message keys; cells are already
 * formatted text.
 *
 * @param title the message key of the page's title, given the controller's name
 * @param action the path the filter form is sent to
 * @param previous the link to the previous page, if any
 * @param next the link to the next page, if any
 * @param note the message key of a note shown above the list, if any
 */
public record RecordList(String title, String action, List<Filter> filters, List<String> columns, List<Row> rows,
		@Nullable String previous, @Nullable String next, @Nullable String note) {

	/** A row, linked to its record's page when it has one. */
	public record Row(@Nullable String href, List<String> cells) {
	}

	/**
	 * A filter of the list: a text field, or a choice among {@code options} (values whose
	 * labels are the message keys {@code label + '.' + value}) when there are some.
	 */
	public record Filter(String name, String label, String value, List<String> options) {

		public static Filter text(String name, String label, @Nullable String value) {
			return new Filter(name, label, (value != null) ? value : "", List.of());
		}

		public static Filter choice(String name, String label, @Nullable String value, List<String> options) {
			return new Filter(name, label, (value != null) ? value : "", options);
		}

	}

}
