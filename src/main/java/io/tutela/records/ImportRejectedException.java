package io.tutela.records;

/** An import refused whole, with its report of every bad row. */
public class ImportRejectedException extends RuntimeException {

	private final ImportReport report;

	public ImportRejectedException(ImportReport report) {
		super(report.errorCount() + " bad row(s)");
		this.report = report;
	}

	public ImportReport report() {
		return this.report;
	}

}
