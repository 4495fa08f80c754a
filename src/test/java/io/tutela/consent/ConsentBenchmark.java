package io.tutela.consent;

import java.io.BufferedWriter;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.tutela.BenchData;
import io.tutela.HttpLatency;
import io.tutela.TutelaApplication;

/**
 * Not a test: the benchmark of issue 5, run by {@code bench/consent.sh}. On a fresh
 * embedded PostgreSQL, Connext gets a ledger of L subjects (each with a consent, one in
 * ten with a later objection, one in ten with a contract) and a register snapshot of R
 * numbers imported through Tutela; then a campaign list of N numbers (half of them
 * registered, a mix of provenances) is checked through the API end to end, and the same
 * list is checked against the same snapshot by a plain SQL anti-join (COPY of the list,
 * then the anti-join into a table). Last, single contact decisions over HTTP.
 */
public final class ConsentBenchmark {

	static final String TOKEN = "tut_benchmark-token-0000000000000000000000000001";

	static final String[] PROVENANCES = { "public_directory", "public_directory", "public_directory",
			"public_directory", "public_directory", "public_directory", "own_archive", "own_archive",
			"third_party_list", "inbound_callback" };

	static final long BASE = 3_400_000_000L;

	/** Requests sent before the timed ones, for the JIT to compile the path they take. */
	static final int WARM_UP = 1000;

	/** Requests curl asks before those it times. */
	static final int CURL_WARM_UP = 20_000;

	/** Ledger changes made through the API just before the last check. */
	static final int CHANGES_BEFORE_CHECK = 1000;

	/** Requests curl times in each round. */
	static final int CURL_TIMED = 5000;

	/**
	 * Rounds of timed decisions after the warm-up: the JIT goes on compiling for some
	 * tens of thousands of requests, and the last rounds tell the settled server.
	 */
	static final int CURL_ROUNDS = 4;

	public static void main(String[] args) throws Exception {
		long list = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		long register = (args.length > 1) ? Long.parseLong(args[1]) : 10_000_000;
		long ledger = (args.length > 2) ? Long.parseLong(args[2]) : 1_000_000;
		long step = Math.max(1, 2 * register / list);
		Path data = BenchData.directory();
		// above application.yml's port, which the builder's default properties are not
		System.setProperty("server.port", "0");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TutelaApplication.class)
			.properties("server.port=0", "TUTELA_DATA_DIR=" + data, "tutela.demo.subjects=0",
					"TUTELA_BOOTSTRAP_TOKEN=" + TOKEN, "logging.level.root=WARN",
					"logging.level.io.tutela.consent.CampaignChecks=INFO",
					"logging.level.io.tutela.consent.CampaignApi=INFO",
					"logging.level.io.tutela.consent.ContactIndexes=INFO", "server.tomcat.max-swallow-size=-1",
					"spring.servlet.multipart.max-request-size=-1")
			.run()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			LocalDate today = LocalDate.now(ZoneId.of("Europe/Rome"));
			DataSource owner = app.getBean("migrationDataSource", DataSource.class);

			long start = System.nanoTime();
			try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
				s.execute("INSERT INTO subject (id, controller_id, subject_key, category, purposes, source, phone, "
						+ "collected_at) SELECT md5('b' || k)::uuid, 'connext', 'B' || k, 'identity', '{marketing}', "
						+ "'subject', '+39' || (" + BASE + " + k * " + step + "), now() - interval '400 days' "
						+ "FROM generate_series(0, " + (ledger - 1) + ") k");
				s.execute("INSERT INTO contract (id, controller_id, subject_id, contract_number, start_date, category, "
						+ "purposes, source, collected_at) SELECT md5('k' || k)::uuid, 'connext', md5('b' || k)::uuid, "
						+ "'K' || k, DATE '2020-01-01', 'contract', '{contract}', 'subject', now() "
						+ "FROM generate_series(0, " + (ledger - 1) + ", 10) k");
				s.execute(
						"INSERT INTO consent_event (id, controller_id, subject_id, purpose, scope, event, occurred_at, "
								+ "recorded_at, recorded_by, method) SELECT md5('c' || k)::uuid, 'connext', md5('b' || k)::uuid, "
								+ "'marketing', 'automated', 'given', now() - interval '300 days', now(), 'bench', 'web_form' "
								+ "FROM generate_series(0, " + (ledger - 1) + ") k");
				s.execute(
						"INSERT INTO consent_event (id, controller_id, subject_id, purpose, scope, event, occurred_at, "
								+ "recorded_at, recorded_by, method) SELECT md5('o' || k)::uuid, 'connext', md5('b' || k)::uuid, "
								+ "'marketing', 'traditional', 'objected', now() - interval '10 days', now(), 'bench', 'email' "
								+ "FROM generate_series(3, " + (ledger - 1) + ", 10) k");
				s.execute("ANALYZE subject; ANALYZE contract; ANALYZE consent_event");
			}
			System.out.printf("ledger of %,d subjects written by SQL in %.1f s%n", ledger,
					(System.nanoTime() - start) / 1e9);

			Path registerFile = Files.createTempFile(data, "register", ".csv");
			Random random = new Random(5);
			try (BufferedWriter out = Files.newBufferedWriter(registerFile)) {
				out.write("number,registered_on\n");
				for (long k = 0; k < register; k++) {
					out.write(String.valueOf(BASE + k));
					out.write(',');
					out.write(today.minusDays(1 + random.nextInt(2000)).toString());
					out.write('\n');
				}
			}
			start = System.nanoTime();
			post(client, port, "register-snapshots?takenOn=" + today, "text/csv",
					HttpRequest.BodyPublishers.ofFile(registerFile));
			double importSeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("register snapshot of %,d numbers imported through Tutela in %.1f s (%,.0f rows/s)%n",
					register, importSeconds, register / importSeconds);

			Path listFile = Files.createTempFile(data, "list", ".csv");
			try (BufferedWriter out = Files.newBufferedWriter(listFile)) {
				out.write("number,provenance\n");
				for (long j = 0; j < list; j++) {
					out.write("+39" + (BASE + j * step) + "," + PROVENANCES[(int) (j % 10)] + "\n");
				}
			}
			// both sides on a settled database, as after any bulk load:
			// the register's statistics taken now, not whenever the
			// autovacuum comes to them (with them the anti-join is planned
			// as a hash join, a few seconds; without them at times as a
			// million index lookups, several times longer), its vacuum done
			// and its pages written, rather than beside the rounds
			settle(owner);
			// the two sides in turn, so that both meet the same moments of the machine
			int rounds = 6;
			double[] tutela = new double[rounds];
			double[] plain = new double[rounds];
			String body = null;
			long plainCallable = 0;
			try (Connection c = owner.getConnection()) {
				CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
				c.setAutoCommit(false);
				for (int run = 0; run < rounds; run++) {
					start = System.nanoTime();
					body = post(client, port, "campaign-checks", "text/csv",
							HttpRequest.BodyPublishers.ofFile(listFile));
					tutela[run] = (System.nanoTime() - start) / 1e9;
					Plain side = plainCheck(c, copy, listFile, null);
					plain[run] = side.seconds();
					plainCallable = side.callable();
				}
			}
			// the SQL side once more with memory for its hash (PostgreSQL's default
			// work_mem is 4 MB), as the server's JVM has its heap
			double plainWithMemory;
			try (Connection c = owner.getConnection()) {
				c.setAutoCommit(false);
				plainWithMemory = plainCheck(c, c.unwrap(PGConnection.class).getCopyAPI(), listFile, "256MB").seconds();
			}
			System.out.printf("campaign list of %,d numbers against a snapshot of %,d and a ledger of %,d subjects%n",
					list, register, ledger);
			System.out.printf("  Tutela check end to end (HTTP, CSV in, every rule, stored):  %s s%n", runs(tutela));
			System.out.printf("  plain SQL anti-join (COPY in, anti-join into a table):       %s s%n", runs(plain));
			double[] tutelaWarm = java.util.Arrays.copyOfRange(tutela, 1, rounds);
			double[] plainWarm = java.util.Arrays.copyOfRange(plain, 1, rounds);
			System.out.printf(
					"  after the first round: SQL / Tutela, best runs %.1f x, medians %.1f x, each round %s%n",
					min(plainWarm) / min(tutelaWarm), median(plainWarm) / median(tutelaWarm), ratios(plain, tutela));
			System.out.printf("  plain SQL once more with work_mem = 256MB:                   %.2f s%n",
					plainWithMemory);
			System.out.printf("  callable: Tutela %s; the anti-join alone (register only) %,d%n",
					body.replaceAll("(?s).*\"callable\":([0-9]+).*", "$1"), plainCallable);

			// a stream of changes meets the next check: withdrawals through the API, each
			// in a transaction of its own, then a check, whose index catches up on them
			start = System.nanoTime();
			for (int i = 0; i < CHANGES_BEFORE_CHECK; i++) {
				long k = 7L * i % ledger;
				post(client, port, "consents", "application/json",
						HttpRequest.BodyPublishers.ofString("{\"subject\":\"" + subjectId(k)
								+ "\",\"scope\":\"automated\",\"event\":\"withdrawn\",\"method\":\"web_form\"}"));
			}
			double recording = (System.nanoTime() - start) / 1e9;
			start = System.nanoTime();
			String afterChanges = post(client, port, "campaign-checks", "text/csv",
					HttpRequest.BodyPublishers.ofFile(listFile));
			double afterSeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("  %,d withdrawals through the API (%.1f s), then at once a check: %.2f s, callable %s%n",
					CHANGES_BEFORE_CHECK, recording, afterSeconds,
					afterChanges.replaceAll("(?s).*\"callable\":([0-9]+).*", "$1"));

			// the decisions are timed on a settled database too: the rounds above leave
			// dead rows, statistics to take and dirty pages behind them
			settle(owner);
			List<URI> uris = new ArrayList<>();
			Random pick = new Random(7);
			for (int i = 0; i < WARM_UP + 2000; i++) {
				long k = pick.nextInt((int) Math.min(ledger, Integer.MAX_VALUE));
				uris.add(URI.create("http://localhost:" + port
						+ "/api/v1/controllers/connext/contact-decision?channel=operator_call&phone=%2B39"
						+ (BASE + k * step)));
			}
			List<Double> millis = HttpLatency.measure(client, uris, TOKEN, WARM_UP);
			try (Connection c = owner.getConnection();
					Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT current_setting('synchronous_commit'), "
							+ "current_setting('fsync'), current_setting('wal_writer_delay')")) {
				rs.next();
				System.out.printf(
						"commits: synchronous_commit=%s, fsync=%s, wal_writer_delay=%s; the records of reads %s%n",
						rs.getString(1), rs.getString(2), rs.getString(3),
						app.getEnvironment().getProperty("tutela.audit.synchronous-reads", Boolean.class, false)
								? "wait for the flush too" : "commit without waiting for the flush");
			}
			System.out.printf("single contact decisions over HTTP (%d requests after %d warm-up):%n", millis.size(),
					WARM_UP);
			System.out.println("  " + HttpLatency.summary(millis));
			// the floor under them: an authenticated request that reads nothing else
			List<URI> me = new ArrayList<>();
			for (int i = 0; i < WARM_UP + 2000; i++) {
				me.add(URI.create("http://localhost:" + port + "/api/v1/me"));
			}
			System.out.println("  for comparison, GET /api/v1/me (the caller's token read, nothing else): "
					+ HttpLatency.summary(HttpLatency.measure(client, me, TOKEN, WARM_UP)));
			// then by curl, in a process of its own, after a warm-up long enough for the
			// JIT: a method called once a request is compiled at its last tier only after
			// some ten thousand calls, and until then the compiler takes one of the two
			// processors beside the requests
			List<URI> warmAndTimed = new ArrayList<>();
			List<URI> meWarmAndTimed = new ArrayList<>();
			for (int i = 0; i < CURL_WARM_UP + CURL_ROUNDS * CURL_TIMED; i++) {
				long k = pick.nextInt((int) Math.min(ledger, Integer.MAX_VALUE));
				warmAndTimed.add(URI.create("http://localhost:" + port
						+ "/api/v1/controllers/connext/contact-decision?channel=operator_call&phone=%2B39"
						+ (BASE + k * step)));
				meWarmAndTimed.add(URI.create("http://localhost:" + port + "/api/v1/me"));
			}
			System.out.printf(
					"the same, asked by curl (a process of its own, %d warm-up requests on one kept-alive connection, "
							+ "then %d rounds of %d timed ones, each on a connection of its own):%n",
					CURL_WARM_UP, CURL_ROUNDS, CURL_TIMED);
			settle(owner);
			printRounds("contact decisions",
					HttpLatency.measureWithCurl(warmAndTimed, TOKEN, CURL_WARM_UP, CURL_TIMED));
			printRounds("GET /api/v1/me", HttpLatency.measureWithCurl(meWarmAndTimed, TOKEN, CURL_WARM_UP, CURL_TIMED));
			// questions by subject, each holding its number alone: answered from the
			// index
			List<URI> bySubject = new ArrayList<>();
			for (int i = 0; i < CURL_WARM_UP + CURL_ROUNDS * CURL_TIMED; i++) {
				long k = pick.nextInt((int) Math.min(ledger, Integer.MAX_VALUE));
				bySubject.add(URI.create("http://localhost:" + port
						+ "/api/v1/controllers/connext/contact-decision?channel=operator_call&subject="
						+ subjectId(k)));
			}
			settle(owner);
			printRounds("contact decisions by subject id",
					HttpLatency.measureWithCurl(bySubject, TOKEN, CURL_WARM_UP, CURL_TIMED));
		}
	}

	/** The timed rounds of one kind of request, one line each. */
	static void printRounds(String what, List<HttpLatency.Timed> rounds) {
		System.out.println("  " + what + ":");
		for (int i = 0; i < rounds.size(); i++) {
			System.out.println("    round " + (i + 1) + ": " + HttpLatency.summary(rounds.get(i)));
		}
	}

	/**
	 * A round of the plain SQL side: its seconds and how many numbers it found callable.
	 */
	record Plain(double seconds, long callable) {
	}

	/**
	 * The plain SQL side, in the connection's transaction (committed at the end): COPY of
	 * the list into a temporary table, its statistics, the anti-join into a table.
	 * @param workMem the session's {@code work_mem} for the round, or null for the
	 * server's
	 */
	static Plain plainCheck(Connection c, CopyManager copy, Path listFile, @Nullable String workMem) throws Exception {
		try (Statement s = c.createStatement()) {
			if (workMem != null) {
				s.execute("SET LOCAL work_mem = '" + workMem + "'");
			}
			long start = System.nanoTime();
			s.execute("CREATE TEMP TABLE plain_list (line SERIAL, number TEXT, provenance TEXT) ON COMMIT DROP");
			try (Reader in = Files.newBufferedReader(listFile)) {
				copy.copyIn("COPY plain_list (number, provenance) FROM STDIN WITH (FORMAT csv, HEADER)", in);
			}
			// with its statistics, as for any table a query plan rests on
			s.execute("ANALYZE plain_list");
			s.execute("CREATE TEMP TABLE plain_result ON COMMIT DROP AS SELECT l.line, l.number, "
					+ "l.provenance, NOT EXISTS (SELECT 1 FROM register_entry e WHERE e.snapshot_id = "
					+ "(SELECT id FROM register_snapshot WHERE controller_id = 'connext' ORDER BY taken_on DESC, "
					+ "imported_at DESC LIMIT 1) AND e.number = substr(l.number, 2)::bigint) AS callable "
					+ "FROM plain_list l");
			double seconds = (System.nanoTime() - start) / 1e9;
			long callable;
			try (var rs = s.executeQuery("SELECT count(*) FILTER (WHERE callable) FROM plain_result")) {
				rs.next();
				callable = rs.getLong(1);
			}
			c.commit();
			return new Plain(seconds, callable);
		}
	}

	/**
	 * Vacuums and analyses the database and writes its dirty pages, so that the
	 * autovacuum and the checkpointer do not work off the earlier steps beside the next.
	 */
	static void settle(DataSource owner) throws java.sql.SQLException {
		try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
			s.execute("VACUUM (ANALYZE)");
			s.execute("CHECKPOINT");
		}
	}

	/**
	 * A POST to Connext's API with the benchmark's token; its answer, which must be 201.
	 */
	static String post(HttpClient client, int port, String path, String type, HttpRequest.BodyPublisher body)
			throws Exception {
		HttpResponse<String> answer = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/controllers/connext/" + path))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", type)
				.POST(body)
				.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 201) {
			throw new IllegalStateException(path + " answered " + answer.statusCode());
		}
		return answer.body();
	}

	/** The id the ledger's SQL gives subject k: {@code md5('b' || k)::uuid}. */
	static String subjectId(long k) throws java.security.NoSuchAlgorithmException {
		byte[] md5 = java.security.MessageDigest.getInstance("MD5")
			.digest(("b" + k).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		String hex = java.util.HexFormat.of().formatHex(md5);
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	static String runs(double[] seconds) {
		StringBuilder text = new StringBuilder();
		for (double s : seconds) {
			text.append((text.length() > 0) ? ", " : "").append(String.format("%.2f", s));
		}
		return text.toString();
	}

	static double median(double[] seconds) {
		double[] sorted = seconds.clone();
		java.util.Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static String ratios(double[] plain, double[] tutela) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < plain.length; i++) {
			text.append((text.length() > 0) ? ", " : "").append(String.format("%.1f", plain[i] / tutela[i]));
		}
		return text.toString();
	}

	static double min(double[] seconds) {
		double min = Double.MAX_VALUE;
		for (double s : seconds) {
			min = Math.min(min, s);
		}
		return min;
	}

}
