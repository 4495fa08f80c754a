package io.tutela.records;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One row of an import file: its line in the file and its values by column name. */
public record ImportRow(long line, Map<String, String> values) {

	/** The value of a column, null when absent or blank. */
	public @Nullable String get(String column) {
		String value = this.values.get(column);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
