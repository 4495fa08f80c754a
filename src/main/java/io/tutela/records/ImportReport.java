package io.tutela.records;

import java.util.List;

/**
 * What an import did: how many rows it read, inserted, updated and found unchanged; or,
 * when it was refused, every bad row (listed up to a limit, all counted).
 */
public record ImportReport(String controllerId, String kind, long rows, long inserted, long updated, long unchanged,
		long errorCount, List<RowProblem> errors) {

	/** A rejected value: the line of the file, the field, and what is wrong. */
	public record RowProblem(long line, String field, String message) {
	}

	public boolean accepted() {
		return this.errorCount == 0;
	}

}
