package io.tutela.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

	private static final Logger log = LoggerFactory.getLogger(Importer.class);

	/** How many rows a thread checks at a time in a direct load. */
	private static final int BATCH = 2_000;

	private static final String STAGING_COPY = "COPY import_staging FROM STDIN WITH (FORMAT csv)";

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
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		Iterator<ImportRow> iterator = format.rows(in, (header) -> checkHeader(spec, header, errors), errors::add);
		Reader reader = new Reader(spec, context, format, errors, progress);
		ImportSpec.DirectLoad direct = spec.directLoad(context);
		long rows;
		try {
			if (direct != null) {
				rows = loadDirectly(connection, direct, iterator, reader);
				if (rows >= 0 && errors.count == 0) {
					for (String statement : direct.loaded()) {
						this.jdbc.sql(statement).param("controller", controllerId).query((rs) -> {
						});
					}
					this.auditing.success(spec.recordKind().key() + ".import", controllerId,
							context.mapping().defaultCategory(), List.of());
					return new ImportReport(controllerId, spec.name(), rows, rows, 0, 0, 0, List.of());
				}
				rows = (rows >= 0) ? rows : -rows - 1;
			}
			else {
				try (Writer out = new OutputStreamWriter(
						new PGCopyOutputStream(connection.unwrap(PGConnection.class), STAGING_COPY, 1 << 16),
						StandardCharsets.UTF_8); CSVPrinter copy = new CSVPrinter(out, CSVFormat.POSTGRESQL_CSV)) {
					rows = reader.read(iterator, copy::printRecord);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into the staging table failed", ex);
		}
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
		for (String statement : spec.merged(context)) {
			this.jdbc.sql(statement).param("controller", controllerId).query((rs) -> {
			});
		}
		this.auditing.success(spec.recordKind().key() + ".import", controllerId, context.mapping().defaultCategory(),
				List.of());
		long updated = written[1] - inserted;
		return new ImportReport(controllerId, spec.name(), rows, inserted, updated, rows - inserted - updated, 0,
				List.of());
	}

	/**
	 * Loads the rows straight into the kind's table, keeping a copy of them in a spool
	 * file: when the load meets a record already held (or the same key twice), it is
	 * undone to its savepoint and the spooled rows are staged for the merge instead.
	 * @return the rows read when they are loaded (or refused: {@code errors} tells), or
	 * {@code -(rows read) - 1} when they were staged instead
	 */
	private long loadDirectly(Connection connection, ImportSpec.DirectLoad direct, Iterator<ImportRow> iterator,
			Reader reader) throws IOException, SQLException {
		for (String statement : direct.prepare()) {
			this.jdbc.sql(statement).param("controller", reader.context.controllerId()).update();
		}
		this.jdbc.sql("SAVEPOINT direct_load").update();
		PGConnection pg = connection.unwrap(PGConnection.class);
		Path spool = Files.createTempFile("tutela-import", ".csv");
		try {
			DirectCopy load = new DirectCopy(new PGCopyOutputStream(pg, direct.copy(), 1 << 16));
			long rows;
			try (Writer spooled = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
				StringBuilder line = new StringBuilder(256);
				rows = reader.readInParallel(iterator, (staged) -> {
					line.setLength(0);
					spooled.append(csv(line, staged));
					load.write(direct.row(staged));
				});
			}
			if (reader.errors.count > 0) {
				load.cancel();
				return rows;
			}
			if (load.finish()) {
				this.jdbc.sql("RELEASE SAVEPOINT direct_load").update();
				log.info("{} {} rows loaded directly", rows, reader.spec.name());
				return rows;
			}
			log.info("{} {} rows met records already held; staged and merged instead", rows, reader.spec.name());
			this.jdbc.sql("ROLLBACK TO SAVEPOINT direct_load").update();
			try (java.io.Reader spooled = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
				pg.getCopyAPI().copyIn(STAGING_COPY, spooled);
			}
			return -rows - 1;
		}
		finally {
			Files.deleteIfExists(spool);
		}
	}

	/** Reads the rows of a file, checking each and handing on the good ones. */
	private static final class Reader {

		final ImportSpec spec;

		final ImportSpec.Context context;

		final ImportFormat format;

		final Errors errors;

		final LongConsumer progress;

		Reader(ImportSpec spec, ImportSpec.Context context, ImportFormat format, Errors errors, LongConsumer progress) {
			this.spec = spec;
			this.context = context;
			this.format = format;
			this.errors = errors;
			this.progress = progress;
		}

		/** Hands on the staged values of each good row while no row is bad. */
		long read(Iterator<ImportRow> iterator, Sink sink) throws IOException {
			long rows = 0;
			while (iterator.hasNext()) {
				rows++;
				hand(stage(iterator.next()), sink);
				if (rows % 10_000 == 0) {
					this.progress.accept(rows);
				}
			}
			this.progress.accept(rows);
			return rows;
		}

		/**
		 * As {@link #read}, the rows checked in batches by as many threads as there are
		 * processors while this one reads the file and hands on the rows, in the file's
		 * order.
		 */
		long readInParallel(Iterator<ImportRow> iterator, Sink sink) throws IOException {
			int threads = Runtime.getRuntime().availableProcessors();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			Deque<Future<List<Staged>>> pending = new ArrayDeque<>();
			long rows = 0;
			try {
				while (iterator.hasNext()) {
					List<ImportRow> batch = new ArrayList<>(BATCH);
					while (batch.size() < BATCH && iterator.hasNext()) {
						batch.add(iterator.next());
					}
					rows += batch.size();
					pending.add(pool.submit(() -> batch.stream().map(this::stage).toList()));
					if (pending.size() > 2 * threads) {
						hand(pending.poll(), sink);
					}
					if (rows % (10 * BATCH) == 0) {
						this.progress.accept(rows);
					}
				}
				while (!pending.isEmpty()) {
					hand(pending.poll(), sink);
				}
			}
			finally {
				pool.shutdownNow();
			}
			this.progress.accept(rows);
			return rows;
		}

		private void hand(Future<List<Staged>> batch, Sink sink) throws IOException {
			try {
				for (Staged staged : batch.get()) {
					hand(staged, sink);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("import interrupted", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				throw new IllegalStateException("import failed", ex.getCause());
			}
		}

		private Staged stage(ImportRow row) {
			List<FieldProblem> problems = new ArrayList<>();
			if (this.format == ImportFormat.JSON_LINES) {
				unknownColumns(this.spec, row, problems);
			}
			List<Object> values = this.spec.stage(row, this.context, problems);
			return new Staged(row.line(), (problems.isEmpty()) ? values : null, problems);
		}

		private void hand(Staged staged, Sink sink) throws IOException {
			if (staged.values() == null) {
				staged.problems()
					.forEach(
							(p) -> this.errors.add(new ImportReport.RowProblem(staged.line(), p.field(), p.message())));
			}
			else if (this.errors.count == 0) {
				sink.accept(staged.values());
			}
		}

	}

	/** A row checked: its staged values, or its problems. */
	private record Staged(long line, @Nullable List<Object> values, List<FieldProblem> problems) {
	}

	/** Where the good rows go. */
	private interface Sink {

		void accept(List<Object> staged) throws IOException;

	}

	/**
	 * A {@code COPY} into the kind's table that stops, without failing the import, at the
	 * first record already held.
	 */
	private static final class DirectCopy {

		private final PGCopyOutputStream stream;

		private final Writer writer;

		private final StringBuilder line = new StringBuilder(256);

		private boolean conflict;

		DirectCopy(PGCopyOutputStream stream) {
			this.stream = stream;
			this.writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
		}

		void write(List<@Nullable Object> row) throws IOException {
			if (this.conflict) {
				return;
			}
			try {
				this.line.setLength(0);
				this.writer.append(csv(this.line, row));
			}
			catch (IOException ex) {
				this.conflict = conflict(ex);
				if (!this.conflict) {
					throw ex;
				}
			}
		}

		/** Ends the load: true when every row went in, false at a record already held. */
		boolean finish() throws IOException, SQLException {
			if (!this.conflict) {
				try {
					this.writer.flush();
					this.stream.endCopy();
					return true;
				}
				catch (IOException | SQLException ex) {
					if (!conflict(ex)) {
						throw ex;
					}
				}
			}
			cancel();
			return false;
		}

		void cancel() throws SQLException {
			if (this.stream.isActive()) {
				this.stream.cancelCopy();
			}
		}

		/** Whether a failure is a unique key met: the same natural key again. */
		private static boolean conflict(Throwable failure) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * A row as PostgreSQL's CSV reads it, ended by a new line: a null as nothing, a text
	 * quoted only when it must be (empty, or with a comma, quote or line break).
	 */
	private static StringBuilder csv(StringBuilder out, List<@Nullable Object> values) {
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			Object value = values.get(i);
			if (value == null) {
				continue;
			}
			String text = value.toString();
			boolean quote = text.isEmpty() || text.equals("\\.");
			for (int c = 0; c < text.length() && !quote; c++) {
				char ch = text.charAt(c);
				quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
			}
			if (quote) {
				out.append('"').append(text.replace("\"", "\"\"")).append('"');
			}
			else {
				out.append(text);
			}
		}
		return out.append('\n');
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
