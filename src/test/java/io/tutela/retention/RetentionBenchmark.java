package io.tutela.retention;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.time.ZoneId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.BenchData;
import io.tutela.TutelaApplication;
import io.tutela.storage.DroppedTables;
import io.tutela.storage.Keys;
import io.tutela.vault.JusticeVault;

/**
 * Retention over N call detail records spread evenly over 80 months (Conecto's policy:
 * what passed 6 months moves into the justice vault, what passed 72 months is deleted),
 * against a plain {@code INSERT … SELECT} of the same rows into a copy of the vault's
 * place plus a {@code DELETE … WHERE start < …}, on a copy of the same table. Not a test:
 * run by {@code bench/retention.sh}; figures in bench/README.md.
 */
public final class RetentionBenchmark {

	private RetentionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long count = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		int months = 80;
		Path data = BenchData.directory();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TutelaApplication.class)
			.properties("server.port=0", "TUTELA_DATA_DIR=" + data, "tutela.demo.subjects=0", "logging.level.root=WARN",
					"tutela.traffic.sealing.poll=PT1S")
			.run()) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			DataSource owner = app.getBean("migrationDataSource", DataSource.class);
			LocalDate today = LocalDate.now(ZoneId.of("Europe/Rome"));
			double plain;
			try (Connection connection = owner.getConnection(); Statement sql = connection.createStatement()) {
				sql.execute("SELECT traffic_create_partitions('cdr', now() - interval '" + (months + 1)
						+ " months', now())");
				long start = System.nanoTime();
				connection.setAutoCommit(false);
				sql.execute("""
						INSERT INTO cdr (controller_id, caller, callee, start_at, duration_seconds, answered, category,
						  purposes)
						SELECT 'conecto', '+39347' || lpad(mod(n, 200000)::text, 7, '0'),
						       '+3906' || lpad(mod(n, 2000000)::text, 7, '0'),
						       now() - (n::float8 / %d * %d * 30.4) * interval '1 day', 60, true, 'telephone_traffic',
						       '{billing,legal_obligation}'
						FROM generate_series(0, %d - 1) n""".formatted(count, months, count));
				connection.commit();
				connection.setAutoCommit(true);
				sql.execute("ANALYZE cdr");
				System.out.printf("generated %,d calls over %d months in %.1f s%n", count, months,
						(System.nanoTime() - start) / 1e9);
				sql.execute("CREATE TABLE plain_cdr AS SELECT * FROM cdr");
				sql.execute("CREATE INDEX ON plain_cdr (start_at)");
				sql.execute("CREATE TABLE plain_vault AS SELECT * FROM cdr WITH NO DATA");
				sql.execute("ANALYZE plain_cdr");
				sql.execute("CHECKPOINT");
				// the entry an import writes with its rows, telling the sealing step what
				// it
				// loaded (written here once the copies are made, so that the sealing, the
				// scheduled round, is timed alone): it copies every call into the vault
				start = System.nanoTime();
				sql.execute("SELECT traffic_loaded('cdr', 'conecto', loaded_at, min(start_at),"
						+ " max(start_at) + interval '1 second') FROM cdr GROUP BY loaded_at");
				while (jdbc.sql("SELECT count(*) FROM traffic_sealing").query(Long.class).single() > 0) {
					Thread.sleep(100);
				}
				double sealing = (System.nanoTime() - start) / 1e9;
				System.out.printf(
						"  sealing into the vault (after ingest, in the background): %7.1f s, %,.0f calls/s%n", sealing,
						count / sealing);
				sql.execute("CHECKPOINT");
				connection.setAutoCommit(false);
				start = System.nanoTime();
				String six = "'" + today.minusMonths(6) + "'::date";
				String seventyTwo = "'" + today.minusMonths(72) + "'::date";
				long moved = sql.executeUpdate("INSERT INTO plain_vault SELECT * FROM plain_cdr WHERE start_at < " + six
						+ " AND start_at >= " + seventyTwo);
				long deleted = sql.executeUpdate("DELETE FROM plain_cdr WHERE start_at < " + six);
				connection.commit();
				plain = (System.nanoTime() - start) / 1e9;
				connection.setAutoCommit(true);
				System.out.printf("  plain INSERT … SELECT + DELETE: %7.1f s  (%,d copied, %,d deleted)%n", plain,
						moved, deleted);
				sql.execute("DROP TABLE plain_cdr, plain_vault");
				sql.execute("CHECKPOINT");
			}
			RetentionRuns runs = app.getBean(RetentionRuns.class);
			// the preview a DPO looks at before a run (which also warms the code up)
			long start = System.nanoTime();
			runs.run("conecto", today, true, "benchmark");
			System.out.printf("  Tutela dry run (preview):       %7.1f s%n", (System.nanoTime() - start) / 1e9);
			start = System.nanoTime();
			RetentionRuns.Report report = runs.run("conecto", today, false, "benchmark");
			double tutela = (System.nanoTime() - start) / 1e9;
			for (RetentionRuns.RuleReport rule : report.rules()) {
				if (rule.done() > 0) {
					System.out.printf("    %-32s due %,12d  done %,12d%n", rule.rule(), rule.due(), rule.done());
				}
			}
			System.out.printf("  Tutela retention run:           %7.1f s%n", tutela);
			System.out.printf("  plain / Tutela:                 %7.2f x%n", plain / tutela);
			// the files of the dropped months, removed after the run in the background
			start = System.nanoTime();
			app.getBean(DroppedTables.class).drop();
			System.out.printf("  files of the dropped months removed after the run: %7.1f s more%n",
					(System.nanoTime() - start) / 1e9);
			lookups(app, today);
			System.out.printf("  left in cdr: %,d; in the vault: %,d%n",
					jdbc.sql("SELECT count(*) FROM cdr").query(Long.class).single(),
					report.rules()
						.stream()
						.filter((r) -> r.rule().equals("telephone-traffic-billing"))
						.mapToLong(RetentionRuns.RuleReport::done)
						.sum());
		}
	}

	/**
	 * Lookups of a number's calls over one year in the vault after the run, as the legal
	 * orders make them: latency over 200 numbers (after 20 for warm-up), and the plan of
	 * one.
	 */
	static void lookups(ConfigurableApplicationContext app, LocalDate today) throws Exception {
		JusticeVault vault = app.getBean(JusticeVault.class);
		Instant to = today.minusMonths(7).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant from = to.minus(365, ChronoUnit.DAYS);
		long[] times = new long[200];
		long found = 0;
		for (int i = -20; i < times.length; i++) {
			String number = "+39347" + String.format("%07d", 1000 + 37 * (i + 20));
			long start = System.nanoTime();
			found += vault.calls("conecto", number, from, to, 1000).size();
			if (i >= 0) {
				times[i] = System.nanoTime() - start;
			}
		}
		Arrays.sort(times);
		System.out.printf("  vault lookup of a number over a year: p50 %.1f ms, max %.1f ms (%,d calls found)%n",
				times[times.length / 2] / 1e6, times[times.length - 1] / 1e6, found);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(app.getBean(Keys.class).key("vault-identifiers-hash"), "HmacSHA256"));
		mac.update("conecto".getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
		byte[] hash = mac.doFinal("+393470001000".getBytes(StandardCharsets.UTF_8));
		List<String> plan = JdbcClient.create(app.getBean("vaultDataSource", DataSource.class))
			.sql("""
					EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
					SELECT caller_sealed, callee_sealed, start_at FROM vault.cdr
					WHERE controller_id = 'conecto' AND (caller_hash = :hash OR callee_hash = :hash)
					  AND start_at >= :from AND start_at < :to
					ORDER BY start_at, caller_hash, callee_hash LIMIT 1000""")
			.param("hash", hash)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(String.class)
			.list();
		System.out.println("  its plan:");
		plan.forEach((line) -> System.out.println("    " + line));
	}

}
