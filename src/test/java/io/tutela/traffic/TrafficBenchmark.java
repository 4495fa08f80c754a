package io.tutela.traffic;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.BenchData;
import io.tutela.TutelaApplication;
import io.tutela.records.ImportFormat;
import io.tutela.records.ImportReport;
import io.tutela.records.Importer;

/**
 * Not a test: the ingest benchmark of issue 6, run by {@code bench/traffic.sh}. On a
 * fresh embedded PostgreSQL (fsync and synchronous commit on), writes N call detail
 * records as CSV (callers among 200,000 subscribers who are known subjects, callees among
 * 2,000,000 numbers, starts spread over the given number of months), then loads the same
 * file into the same partitioned table twice, each time from empty: PostgreSQL's own
 * {@code COPY} (as {@code psql \copy} does, the constant columns filled by defaults), and
 * Tutela's import (every row validated, numbers brought to E.164 with libphonenumber,
 * tags from the policy, staged through COPY, checked and merged on the natural key,
 * subscribers linked to their subjects); then the time the sealing step takes to copy the
 * imported calls into the justice vault after the import committed.
 */
public final class TrafficBenchmark {

	static final int SUBSCRIBERS = 200_000;

	static final int CALLEES = 2_000_000;

	public static void main(String[] args) throws Exception {
		long count = (args.length > 0) ? Long.parseLong(args[0]) : 5_000_000;
		int months = (args.length > 1) ? Integer.parseInt(args[1]) : 6;
		int subscribers = (args.length > 2) ? Integer.parseInt(args[2]) : SUBSCRIBERS;
		Path data = BenchData.directory();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TutelaApplication.class)
			.properties("server.port=0", "TUTELA_DATA_DIR=" + data, "tutela.demo.subjects=0", "logging.level.root=WARN",
					"logging.level.io.tutela.records=INFO", "tutela.traffic.sealing.poll=PT1S")
			.run()) {
			Importer importer = app.getBean(Importer.class);
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			DataSource owner = app.getBean("migrationDataSource", DataSource.class);
			jdbc.sql(
					"""
							INSERT INTO subject (id, controller_id, subject_key, category, purposes, source, phone, collected_at)
							SELECT gen_random_uuid(), 'conecto', 'bench:' || n, 'identity', '{contract}', 'subject',
							       '+39347' || lpad(n::text, 7, '0'), now()
							FROM generate_series(0, :n - 1) n""")
				.param("n", subscribers)
				.update();
			jdbc.sql("ANALYZE subject").update();
			Path file = data.resolve("cdr.csv");
			long started = System.nanoTime();
			write(file, count, months);
			System.out.printf("wrote %,d calls over %d months (%,d MB) in %.1f s%n", count, months,
					Files.size(file) >> 20, (System.nanoTime() - started) / 1e9);

			double plain;
			try (Connection connection = owner.getConnection(); Statement sql = connection.createStatement()) {
				sql.execute("SELECT traffic_create_partitions('cdr', now() - interval '" + (months + 1)
						+ " months', now())");
				sql.execute("ALTER TABLE cdr ALTER controller_id SET DEFAULT 'conecto', "
						+ "ALTER category SET DEFAULT 'telephone_traffic', "
						+ "ALTER purposes SET DEFAULT '{billing,legal_obligation}'");
				sql.execute("CHECKPOINT");
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				connection.setAutoCommit(false);
				long start = System.nanoTime();
				try (Reader in = Files.newBufferedReader(file)) {
					copy.copyIn("COPY cdr (caller, callee, start_at, duration_seconds, answered, cell) "
							+ "FROM STDIN WITH (FORMAT csv, HEADER true)", in);
				}
				connection.commit();
				plain = (System.nanoTime() - start) / 1e9;
				connection.setAutoCommit(true);
				sql.execute("ALTER TABLE cdr ALTER controller_id DROP DEFAULT, ALTER category DROP DEFAULT, "
						+ "ALTER purposes DROP DEFAULT");
				sql.execute("TRUNCATE cdr");
				sql.execute("CHECKPOINT");
			}

			long start = System.nanoTime();
			ImportReport report;
			try (InputStream in = Files.newInputStream(file)) {
				report = importer.run("conecto", app.getBean(CdrImport.class), ImportFormat.CSV, in, (n) -> {
				});
			}
			double tutela = (System.nanoTime() - start) / 1e9;
			long linked = jdbc.sql("SELECT count(*) FROM cdr WHERE subject_id IS NOT NULL").query(Long.class).single();
			System.out.printf("ingest of %,d call detail records (%,d linked to their subscriber), %d partitions%n",
					report.inserted(), linked,
					jdbc.sql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'cdr'::regclass")
						.query(Long.class)
						.single());
			System.out.printf("  plain COPY of the file:      %7.1f s  %,9.0f rows/s%n", plain, count / plain);
			System.out.printf("  Tutela import, validated:    %7.1f s  %,9.0f rows/s%n", tutela, count / tutela);
			System.out.printf("  Tutela / COPY:               %7.0f %%%n", 100 * plain / tutela);
			// the justice copy, made after the import by the sealing step's scheduled
			// round
			start = System.nanoTime();
			while (jdbc.sql("SELECT count(*) FROM traffic_sealing").query(Long.class).single() > 0) {
				Thread.sleep(100);
			}
			double sealing = (System.nanoTime() - start) / 1e9;
			System.out.printf(
					"  then sealed into the vault:  %7.1f s  %,9.0f rows/s (in the background, after the import)%n",
					sealing, count / sealing);
			Files.delete(file);
		}
	}

	/** The calls, in the order a switch writes them: by start time. */
	static void write(Path file, long count, int months) throws Exception {
		SplittableRandom random = new SplittableRandom(42);
		Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long span = ChronoUnit.SECONDS.between(end.minus(months * 30L, ChronoUnit.DAYS), end);
		long step = Math.max(1, span / count);
		Instant first = end.minusSeconds(span);
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("caller,callee,start,duration_seconds,answered,cell\n");
			StringBuilder line = new StringBuilder(128);
			for (long i = 0; i < count; i++) {
				line.setLength(0);
				line.append("+39347").append(pad(random.nextInt(SUBSCRIBERS)));
				int callee = random.nextInt(CALLEES);
				line.append(',').append((callee % 3 == 0) ? "+3906" : "+39333").append(pad(callee % 10_000_000));
				line.append(',').append(first.plusSeconds(i * span / count + random.nextLong(step)));
				boolean answered = random.nextInt(10) != 0;
				line.append(',').append(answered ? 1 + random.nextInt(1800) : 0);
				line.append(',').append(answered);
				line.append(',');
				if (random.nextBoolean()) {
					line.append("222-01-").append(random.nextInt(40_000));
				}
				line.append('\n');
				out.append(line);
			}
		}
	}

	private static String pad(int number) {
		String digits = Integer.toString(number);
		return "0000000".substring(digits.length()) + digits;
	}

}
