package io.tutela.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.tutela.BenchData;
import io.tutela.Http;
import io.tutela.TutelaApplication;
import io.tutela.identity.Liaison;

/**
 * Not a test: the vault query benchmark of issue 6, run by {@code bench/vault.sh}. On a
 * fresh embedded PostgreSQL, stores N Conecto calls in the justice vault (sealed and
 * hashed, through the vault's role) over the last 400 days among 1,000,000 numbers, a
 * target number among them with about K calls; then a judicial liaison (second factor
 * enrolled, a token stepped up) registers a judge's decree for the target over one year
 * and queries the vault under it over HTTP, R times: the whole answer each time (the
 * order's checks, the lookup by keyed hash, opening the sealed numbers, the windows of
 * the class of offence, the document and its Ed25519 signature, the audit record
 * committed, the sealed copy stored). The lookup alone ({@link JusticeVault#calls}) is
 * timed too.
 */
public final class VaultQueryBenchmark {

	static final String CONTROLLER = "conecto";

	static final String TARGET = "+393470000000";

	public static void main(String[] args) throws Exception {
		long count = (args.length > 0) ? Long.parseLong(args[0]) : 2_000_000;
		int targetCalls = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 200;
		java.nio.file.Path data = BenchData.directory();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TutelaApplication.class)
			.properties("TUTELA_PORT=0", "TUTELA_DATA_DIR=" + data, "tutela.demo.subjects=0",
					"TUTELA_BOOTSTRAP_TOKEN=" + Http.BOOTSTRAP_TOKEN, "logging.level.root=WARN",
					"tutela.vault.mass-query-threshold=1000000")
			.run()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			JusticeVault vault = app.getBean(JusticeVault.class);
			Instant now = Instant.now();
			SplittableRandom random = new SplittableRandom(6);
			long start = System.nanoTime();
			long everyNth = Math.max(1, count / targetCalls);
			List<VaultCall> batch = new ArrayList<>(10_000);
			for (long i = 0; i < count; i++) {
				Instant at = now.minusSeconds(random.nextLong(400L * 86_400));
				String caller = (i % everyNth == 0) ? TARGET : "+39347" + (1_000_000 + random.nextInt(1_000_000));
				String callee = "+3906" + (10_000_000 + random.nextInt(1_000_000));
				boolean answered = random.nextInt(10) != 0;
				batch.add(new VaultCall(caller, callee, at, answered ? random.nextInt(600) : 0, answered,
						(random.nextInt(2) == 0) ? "222-01-" + random.nextInt(9999) : null, "telephone_traffic"));
				if (batch.size() == 10_000) {
					vault.store(CONTROLLER, batch);
					batch.clear();
				}
			}
			vault.store(CONTROLLER, batch);
			System.out.printf("stored %,d calls in the vault in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
			// as after any bulk load: statistics taken and the dirty pages written, so
			// that
			// the queries are not timed beside the autovacuum and the checkpoint it
			// leaves
			try (java.sql.Connection owner = app.getBean("migrationDataSource", javax.sql.DataSource.class)
				.getConnection(); java.sql.Statement sql = owner.createStatement()) {
				sql.execute("VACUUM (ANALYZE) vault.cdr");
				sql.execute("CHECKPOINT");
			}

			Liaison liaison = Liaison.create(port, "bench-liaison", List.of(CONTROLLER));
			Http http = Http.token(port, liaison.token()).header("X-Second-Factor", liaison.code(30));
			Http.Response order = http.postJson("/api/v1/controllers/" + CONTROLLER + "/legal-orders",
					Map.of("kind", "judge_decree", "authority", "Tribunale di Roma", "authorisedOrganisation",
							"TRIB-RM", "number", "BENCH 1", "issuedAt", now.minusSeconds(3600).toString(),
							"offenceClass", "art407", "from", now.minus(Duration.ofDays(365)).toString(), "to",
							now.toString(), "maxHits", 100_000, "targets",
							List.of(Map.of("kind", "number", "value", TARGET))));
			if (order.status() != 201) {
				throw new IllegalStateException(order.body());
			}
			String path = "/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + order.json().get("id").asString()
					+ "/answers";
			List<Double> answers = new ArrayList<>();
			List<Double> lookups = new ArrayList<>();
			int hits = 0;
			// enough for the answer's code to be compiled by the JIT before it is timed
			int warmUp = Math.min(100, rounds / 2);
			for (int i = 0; i < rounds + warmUp; i++) {
				long t0 = System.nanoTime();
				Http.Response answer = http.postJson(path, Map.of());
				long t1 = System.nanoTime();
				if (answer.status() != 201) {
					throw new IllegalStateException(answer.body());
				}
				hits = answer.json().get("hits").asInt();
				long t2 = System.nanoTime();
				vault.calls(CONTROLLER, TARGET, now.minus(Duration.ofDays(365)), now);
				long t3 = System.nanoTime();
				if (i >= warmUp) {
					answers.add((t1 - t0) / 1e6);
					lookups.add((t3 - t2) / 1e6);
				}
			}
			System.out.printf("a vault query for one number over one year under a legal order: %,d records among "
					+ "%,d calls (%d rounds after %d warm-up)%n", hits, count, rounds, warmUp);
			print("answer over HTTP (signed, audited, stored)", answers);
			print("lookup alone (keyed hash, open the numbers)", lookups);
		}
	}

	private static void print(String what, List<Double> millis) {
		Collections.sort(millis);
		System.out.printf("  %-45s p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n", what, millis.get(millis.size() / 2),
				millis.get((int) Math.floor(millis.size() * 0.99)), millis.get(millis.size() - 1));
	}

}
