package io.tutela.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Imports a file of records whole or not at all. Rows are read and checked one at a time
 * (constant memory), streamed through {@code COPY} into a temporary staging table,
 * checked again where only the database can tell (references, duplicates), then merged on
 * their natural keys in the same transaction: a file with one bad row writes nothing, a
 * killed import leaves nothing behind, and importing the same file again changes nothing.
 */
@Service
public class Importer {

	/** How many bad rows a report lists; all are counted. */
	public static final int LISTED_ERRORS = 1000;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final Policies policies;

	private final Auditing auditing;

	Importer(DataSource dataSource, JdbcClient jdbc, Policies policies, Auditing auditing) {
		this.auditing = auditing;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.policies = policies;
	}

	@Transactional
	public ImportReport run(String controllerId, ImportSpec spec, ImportFormat format, InputStream in,
			LongConsumer progress) {
		Policy policy = this.policies.current(controllerId);
		ImportSpec.Context context = new ImportSpec.Context(controllerId, policy,
				Tags.mapping(policy, spec.recordKind()));
		Errors errors = new Errors();
		this.jdbc.sql("CREATE TEMP TABLE import_staging (" + String.join(", ", spec.staging()) + ") ON COMMIT DROP")
			.update();
		long rows = 0;
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (Writer out = new OutputStreamWriter(new PGCopyOutputStream(connection.unwrap(PGConnection.class),
				"COPY import_staging FROM STDIN WITH (FORMAT csv)", 1 << 16), StandardCharsets.UTF_8);
				CSVPrinter copy = new CSVPrinter(out, CSVFormat.POSTGRESQL_CSV)) {
			Iterator<ImportRow> iterator = format.rows(in, (header) -> checkHeader(spec, header, errors), errors::add);
			List<FieldProblem> problems = new ArrayList<>();
			while (iterator.hasNext()) {
				ImportRow row = iterator.next();
				rows++;
				problems.clear();
				if (format == ImportFormat.JSON_LINES) {
					unknownColumns(spec, row, problems);
				}
				List<Object> staged = spec.stage(row, context, problems);
				if (!problems.isEmpty() || staged == null) {
					problems
						.forEach((p) -> errors.add(new ImportReport.RowProblem(row.line(), p.field(), p.message())));
				}
				else if (errors.count == 0) {
					copy.printRecord(staged);
				}
				if (rows % 10_000 == 0) {
					progress.accept(rows);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into the staging table failed", ex);
		}
		progress.accept(rows);
		if (errors.count == 0) {
			for (String statement : spec.prepare()) {
				this.jdbc.sql(statement).param("controller", controllerId).update();
			}
			this.jdbc.sql("ANALYZE import_staging").update();
			for (String check : spec.checks()) {
				this.jdbc.sql(check)
					.param("controller", controllerId)
					.query((rs, n) -> new ImportReport.RowProblem(rs.getLong("line"), rs.getString("field"),
							rs.getString("message")))
					.list()
					.forEach(errors::add);
			}
		}
		if (errors.count > 0) {
			throw new ImportRejectedException(
					new ImportReport(controllerId, spec.name(), rows, 0, 0, 0, errors.count, errors.listed));
		}
		long[] written = this.jdbc
			.sql("WITH written AS (" + spec.merge()
					+ ") SELECT count(*) FILTER (WHERE inserted), count(*) FROM written")
			.param("controller", controllerId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		long inserted = written[0];
		this.auditing.success(spec.recordKind().key() + ".import", controllerId, context.mapping().defaultCategory(),
				List.of());
		long updated = written[1] - inserted;
		return new ImportReport(controllerId, spec.name(), rows, inserted, updated, rows - inserted - updated, 0,
				List.of());
	}

	private static void checkHeader(ImportSpec spec, List<String> header, Errors errors) {
		Set<String> names = new TreeSet<>();
		for (String name : header) {
			String column = name.strip();
			if (!spec.columns().contains(column)) {
				errors.add(new ImportReport.RowProblem(1, column,
						"unknown column; the columns are " + String.join(", ", new TreeSet<>(spec.columns()))));
			}
			names.add(column);
		}
		for (String required : spec.requiredColumns()) {
			if (!names.contains(required)) {
				errors.add(new ImportReport.RowProblem(1, required, "the column is missing"));
			}
		}
	}

	private static void unknownColumns(ImportSpec spec, ImportRow row, List<FieldProblem> problems) {
		for (String column : row.values().keySet()) {
			if (!spec.columns().contains(column)) {
				problems.add(new FieldProblem(column, "unknown field"));
			}
		}
	}

	/** Bad rows: the first {@link #LISTED_ERRORS} listed, all counted. */
	private static final class Errors {

		final List<ImportReport.RowProblem> listed = new ArrayList<>();

		long count;

		void add(ImportReport.RowProblem problem) {
			this.count++;
			if (this.listed.size() < LISTED_ERRORS) {
				this.listed.add(problem);
			}
		}

	}

}
