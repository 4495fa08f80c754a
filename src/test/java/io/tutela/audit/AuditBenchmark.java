package io.tutela.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.TutelaApplication;

/**
 * Audit log throughput on a fresh embedded PostgreSQL with durable commits
 * ({@code synchronous_commit = on}, {@code fsync = on}). Not a test: run it with
 * {@code bench/audit.sh}, figures in {@code bench/README.md}.
 * <ol>
 * <li>append with the hash chain ({@link AuditLog#recordAll}: advisory lock, head,
 * hashes, anomaly detection, insert) against a plain insert of the same rows, by the same
 * mechanism, into a table of the same shape and indexes with no chain, one committed
 * transaction per batch, the two interleaved batch by batch;</li>
 * <li>verification of 1,000,000 events (the chain is filled up to that), then export and
 * offline verification of the same.</li>
 * </ol>
 */
public final class AuditBenchmark {

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	static final String[] CONTROLLERS = { "ipkom", "conecto", "connext", "nanosystems", "mysegretaria" };

	static final String[] WRITES = { "subject.update", "contract.create", "ticket.update", "consent.record",
			"invoice.create", "call-note.delete" };

	static final String[] READS = { "subject.read", "ticket.read", "cdr.search" };

	static final String[] CATEGORIES = { "identity", "contact", "traffic", "billing", "support" };

	static final String[] PURPOSES = { "contract", "billing", "support", "legal-obligation" };

	private final Random random = new Random(20250110);

	/** Synthetic event time: a working day in Rome, one millisecond per event. */
	private Instant clock = LocalDateTime.parse("2025-03-10T08:00:00").atZone(ROME).toInstant();

	private final AuditLog log;

	private final AuditEntries entries;

	private final AuditReading reading;

	private final TransactionTemplate tx;

	private final PrintStream out = System.out;

	private final Runnable checkpoint;

	private AuditBenchmark(ConfigurableApplicationContext app, Runnable checkpoint) {
		this.checkpoint = checkpoint;
		this.log = app.getBean(AuditLog.class);
		this.entries = app.getBean(AuditEntries.class);
		this.reading = app.getBean(AuditReading.class);
		this.tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
	}

	public static void main(String[] args) throws Exception {
		long target = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky"))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", "on")
			.setServerConfig("max_wal_size", "4GB")
			.setLocaleConfig("encoding", "UTF8")
			.setLocaleConfig("locale", "C.UTF-8")
			.start()) {
			owner(postgres, "CREATE ROLE tutela_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
			ConfigurableApplicationContext app = new SpringApplicationBuilder(TutelaApplication.class)
				.properties("server.port=0",
						"TUTELA_DB_URL=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
						"TUTELA_DB_USER=tutela_app", "TUTELA_DB_PASSWORD=", "TUTELA_DB_MIGRATION_USER=postgres",
						"TUTELA_DB_MIGRATION_PASSWORD=", "tutela.policies.seed=false", "logging.level.root=WARN",
						"spring.main.banner-mode=off")
				.run();
			try (app) {
				owner(postgres, "CREATE TABLE bench_plain (LIKE audit_event INCLUDING ALL)",
						"GRANT SELECT, INSERT ON bench_plain TO tutela_app");
				Runnable checkpoint = () -> {
					try {
						owner(postgres, "CHECKPOINT");
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				};
				new AuditBenchmark(app, checkpoint).run(app.getBean(JdbcClient.class), target);
			}
		}
	}

	private void run(JdbcClient jdbc, long target) throws IOException {
		this.out.printf("PostgreSQL %s; synchronous_commit=%s, fsync=%s, wal_sync_method=%s; %d CPUs; Java %s%n",
				show(jdbc, "server_version"), show(jdbc, "synchronous_commit"), show(jdbc, "fsync"),
				show(jdbc, "wal_sync_method"), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"));
		this.out.println("events: 70% writes, 30% reads of 1-3 records by 200 actors over 5 controllers");
		this.out.println();
		compare(1000, 20_000, "warm-up");
		this.out.printf("%-10s %12s %14s %14s %8s%n", "batch", "events", "chained ev/s", "plain ev/s", "ratio");
		for (int[] run : new int[][] { { 1, 2_000 }, { 10, 10_000 }, { 100, 50_000 }, { 1000, 200_000 },
				{ 10_000, 200_000 } }) {
			compare(run[0], run[1], null);
		}
		this.out.println();
		long have = jdbc.sql("SELECT max(seq) FROM audit_event").query(Long.class).single();
		long fillStart = System.nanoTime();
		long filled = 0;
		while (have + filled < target) {
			int n = (int) Math.min(10_000, target - have - filled);
			List<AuditEvent> batch = events(n);
			this.tx.executeWithoutResult((status) -> this.log.recordAll(batch));
			filled += n;
		}
		double fillSeconds = seconds(fillStart);
		long total = jdbc.sql("SELECT max(seq) FROM audit_event").query(Long.class).single();
		this.out.printf("filled %,d more chained events in %.1f s (%,.0f ev/s, batches of 10,000); chain holds %,d%n",
				filled, fillSeconds, filled / fillSeconds, total);

		this.checkpoint.run();
		for (String run : new String[] { "first", "second" }) {
			long verifyStart = System.nanoTime();
			VerificationResult result = this.reading.verifyChain();
			double verifySeconds = seconds(verifyStart);
			this.out.printf("verify (database, streamed, %s run): %,d events in %.2f s (%,.0f ev/s), ok=%s%n", run,
					result.eventsChecked(), verifySeconds, result.eventsChecked() / verifySeconds, result.ok());
		}

		Path file = Files.createTempFile("tutela-audit", ".jsonl");
		try {
			long exportStart = System.nanoTime();
			try (OutputStream stream = Files.newOutputStream(file)) {
				this.reading.export(stream);
			}
			double exportSeconds = seconds(exportStart);
			long offlineStart = System.nanoTime();
			VerificationResult offline = AuditCommandLine.verify(file, System.err);
			double offlineSeconds = seconds(offlineStart);
			this.out.printf(
					"export: %,d MB in %.2f s; offline verify (audit verify <file>): %,d events in %.2f s, ok=%s%n",
					Files.size(file) >> 20, exportSeconds, offline.eventsChecked(), offlineSeconds, offline.ok());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * Appends {@code count} events in batches with the chain and the same rows without
	 * it, interleaved (which goes first alternates), each batch one committed
	 * transaction.
	 */
	private void compare(int batchSize, int count, String label) {
		long chainedNanos = 0;
		long plainNanos = 0;
		for (int done = 0, round = 0; done < count; done += batchSize, round++) {
			List<AuditEvent> batch = events(Math.min(batchSize, count - done));
			List<AuditEntry> rows = AuditLog.chain(new AuditEntries.Head(0, CanonicalEncoding.GENESIS), batch,
					new CanonicalEncoding());
			List<AuditEntry> plainRows = renumber(rows);
			if (round % 2 == 0) {
				chainedNanos += time(() -> this.tx.executeWithoutResult((s) -> this.log.recordAll(batch)));
				plainNanos += time(
						() -> this.tx.executeWithoutResult((s) -> this.entries.insert("bench_plain", plainRows)));
			}
			else {
				plainNanos += time(
						() -> this.tx.executeWithoutResult((s) -> this.entries.insert("bench_plain", plainRows)));
				chainedNanos += time(() -> this.tx.executeWithoutResult((s) -> this.log.recordAll(batch)));
			}
		}
		double chained = count / (chainedNanos / 1e9);
		double plain = count / (plainNanos / 1e9);
		if (label == null) {
			this.out.printf(Locale.ROOT, "%-10d %,12d %,14.0f %,14.0f %7.0f%%%n", batchSize, count, chained, plain,
					100 * chained / plain);
		}
	}

	private long plainSeq = 0;

	/** The same rows with the plain table's own seq (its primary key). */
	private List<AuditEntry> renumber(List<AuditEntry> rows) {
		List<AuditEntry> renumbered = new ArrayList<>(rows.size());
		for (AuditEntry e : rows) {
			renumbered.add(AuditEntry.of(++this.plainSeq, e.event(), e.prevHash(), e.hash()));
		}
		return renumbered;
	}

	private List<AuditEvent> events(int count) {
		List<AuditEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			this.clock = this.clock.plusMillis(1);
			boolean read = this.random.nextInt(10) < 3;
			String action = read ? READS[this.random.nextInt(READS.length)]
					: WRITES[this.random.nextInt(WRITES.length)];
			AuditEvent.Builder event = AuditEvent
				.builder(this.clock, "operator" + this.random.nextInt(200),
						(this.random.nextInt(20) == 0) ? "DPO" : "OPERATOR", action)
				.controller(CONTROLLERS[this.random.nextInt(CONTROLLERS.length)])
				.category(CATEGORIES[this.random.nextInt(CATEGORIES.length)])
				.purpose(PURPOSES[this.random.nextInt(PURPOSES.length)])
				.clientAddress("10.0." + this.random.nextInt(256) + "." + this.random.nextInt(256));
			int targets = 1 + this.random.nextInt(3);
			for (int t = 0; t < targets; t++) {
				event.target(this.random.nextInt(5_000_000));
			}
			events.add(event.build());
		}
		return events;
	}

	private static long time(Runnable work) {
		long start = System.nanoTime();
		work.run();
		return System.nanoTime() - start;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static String show(JdbcClient jdbc, String setting) {
		return jdbc.sql("SHOW " + setting).query(String.class).single();
	}

	private static void owner(EmbeddedPostgres postgres, String... statements) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
