package io.tutela.requests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.BenchData;
import io.tutela.TutelaApplication;
import io.tutela.subject.DemoData;

/**
 * Not a test: the access benchmark of issue 7, run by {@code bench/requests.sh}. On a
 * fresh embedded PostgreSQL, loads N Conecto subjects with their contracts, gives one of
 * them 5,000 invoices, then runs access requests for that subject over HTTP: receive,
 * verify identity, execute (the subject 360 read, the zip built and sealed, the request
 * answered, every step audited) and download the zip.
 */
public final class AccessBenchmark {

	static final String TOKEN = "tut_benchmark-token-0000000000000000000000000007";

	static final JsonMapper JSON = JsonMapper.builder().build();

	public static void main(String[] args) throws Exception {
		long count = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		int records = (args.length > 1) ? Integer.parseInt(args[1]) : 5_000;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 30;
		Path data = BenchData.directory();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TutelaApplication.class)
			.properties("TUTELA_PORT=0", "TUTELA_DATA_DIR=" + data, "tutela.demo.subjects=0",
					"TUTELA_BOOTSTRAP_TOKEN=" + TOKEN, "logging.level.root=WARN")
			.run()) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			// a processor of the subjects' data with an address, so that an erasure tells
			// it
			// (GDPR art. 17(2), 19) through the outbox, in the erasure's transaction
			String policy = Files.readString(Path.of("policies", "conecto.yaml")).replaceFirst("(?m)^recipients:\n", """
					recipients:
					  - id: billing-provider
					    name: {it: Fornitore di fatturazione, en: Billing provider}
					    kind: processor
					    country: IT
					    dpa: signed
					    contact: privacy@billing-provider.example
					    categories: [identity, contact, contract, billing_payment]
					    purposes: [billing, legal_obligation]
					""");
			send(client,
					HttpRequest
						.newBuilder(URI.create("http://localhost:" + port + "/api/v1/controllers/conecto/policy"))
						.header("Authorization", "Bearer " + TOKEN)
						.header("Content-Type", "application/yaml")
						.POST(HttpRequest.BodyPublishers.ofString(policy))
						.build(),
					201);
			long start = System.nanoTime();
			app.getBean(DemoData.class).load("conecto", count, (n) -> {
			});
			System.out.printf("loaded %,d subjects with their contracts in %.1f s%n",
					jdbc.sql("SELECT count(*) FROM subject").query(Long.class).single(),
					(System.nanoTime() - start) / 1e9);
			UUID subject = jdbc.sql("SELECT id FROM subject WHERE controller_id = 'conecto' ORDER BY random() LIMIT 1")
				.query(UUID.class)
				.single();
			jdbc.sql(
					"""
							INSERT INTO invoice (id, controller_id, subject_id, invoice_number, issued_on, due_on, amount_cents,
							    currency, category, purposes, source, collected_at)
							SELECT gen_random_uuid(), 'conecto', :s, 'BENCH-' || n, DATE '2016-01-01' + (n % 3650),
							    DATE '2016-01-31' + (n % 3650), 1000 + n, 'EUR', 'billing_payment', '{billing,legal_obligation}',
							    'service_generated', now()
							FROM generate_series(1, :n) n""")
				.param("s", subject)
				.param("n", records)
				.update();
			long held = jdbc.sql("SELECT count(*) FROM invoice WHERE subject_id = :s")
				.param("s", subject)
				.query(Long.class)
				.single()
					+ jdbc.sql("SELECT count(*) FROM contract WHERE subject_id = :s")
						.param("s", subject)
						.query(Long.class)
						.single()
					+ 1;

			String base = "http://localhost:" + port + "/api/v1/controllers/conecto/requests";
			List<Double> intake = new ArrayList<>();
			List<Double> execute = new ArrayList<>();
			List<Double> download = new ArrayList<>();
			List<Double> total = new ArrayList<>();
			long zipBytes = 0;
			int warmUp = Math.min(5, rounds / 2);
			for (int i = 0; i < rounds; i++) {
				long t0 = System.nanoTime();
				JsonNode created = JSON.readTree(send(client,
						post(base, Map.of("type", "access", "subject", subject.toString(), "channel", "email")), 201));
				String path = base + "/" + created.get("id").asString();
				long t1 = System.nanoTime();
				send(client, post(path + "/verify-identity", Map.of()), 200);
				long t2 = System.nanoTime();
				send(client, post(path + "/execute", Map.of()), 200);
				long t3 = System.nanoTime();
				byte[] zip = send(client, get(path + "/result"), 200);
				long t4 = System.nanoTime();
				zipBytes = zip.length;
				if (i >= warmUp) {
					intake.add((t1 - t0) / 1e6);
					execute.add((t3 - t2) / 1e6);
					download.add((t4 - t3) / 1e6);
					total.add((t4 - t0) / 1e6);
				}
			}
			System.out.printf(
					"access request for one subject holding %,d records among %,d subjects "
							+ "(%d rounds after %d warm-up; zip %,d bytes):%n",
					held, count, total.size(), warmUp, zipBytes);
			print("receive", intake);
			print("execute (read all, zip, seal, answer)", execute);
			print("download the zip", download);
			print("total, receipt to zip in hand", total);

			// erasure: other subjects, each with as many invoices kept for the contract
			// alone (no
			// legal obligation keeps them), erased through the API one after the other
			List<Double> erase = new ArrayList<>();
			List<Double> eraseTotal = new ArrayList<>();
			int erasures = Math.max(3, rounds / 5);
			long erasedRecords = 0;
			for (int i = 0; i < erasures; i++) {
				UUID other = jdbc.sql(
						"SELECT id FROM subject WHERE controller_id = 'conecto' AND id <> :s ORDER BY random() LIMIT 1")
					.param("s", subject)
					.query(UUID.class)
					.single();
				erasedRecords = jdbc
					.sql("""
							INSERT INTO invoice (id, controller_id, subject_id, invoice_number, issued_on, due_on, amount_cents,
							    currency, category, purposes, source, collected_at)
							SELECT gen_random_uuid(), 'conecto', :s, 'ERASE-' || :s || '-' || n, DATE '2020-01-01' + (n % 1500),
							    DATE '2020-01-31' + (n % 1500), 1000 + n, 'EUR', 'billing_payment', '{contract}',
							    'service_generated', now()
							FROM generate_series(1, :n) n""")
					.param("s", other)
					.param("n", records)
					.update();
				long t0 = System.nanoTime();
				JsonNode created = JSON.readTree(send(client,
						post(base, Map.of("type", "erasure", "subject", other.toString(), "channel", "email")), 201));
				String path = base + "/" + created.get("id").asString();
				send(client, post(path + "/verify-identity", Map.of()), 200);
				long t1 = System.nanoTime();
				send(client, post(path + "/execute", Map.of()), 200);
				long t2 = System.nanoTime();
				long left = jdbc.sql("SELECT count(*) FROM invoice WHERE subject_id = :s")
					.param("s", other)
					.query(Long.class)
					.single();
				if (left != 0) {
					throw new IllegalStateException(left + " invoices left after the erasure");
				}
				erase.add((t2 - t1) / 1e6);
				eraseTotal.add((t2 - t0) / 1e6);
			}
			long notices = jdbc.sql("""
					SELECT count(*) FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
					WHERE m.controller_id = 'conecto' AND m.kind = 'rights-erasure'""").query(Long.class).single();
			if (notices < erasures) {
				throw new IllegalStateException(
						"only " + notices + " recipient notices queued for " + erasures + " erasures");
			}
			System.out.printf("erasure of one subject holding %,d erasable records among %,d subjects (%d erasures; "
					+ "recipient notices queued: %d):%n", erasedRecords + 1, count, erasures, notices);
			print("execute (find, delete, restrict, notices)", erase);
			print("total, receipt to answered", eraseTotal);
		}
	}

	private static void print(String what, List<Double> millis) {
		Collections.sort(millis);
		System.out.printf("  %-40s p50 %7.1f ms   max %7.1f ms%n", what, millis.get(millis.size() / 2),
				millis.get(millis.size() - 1));
	}

	private static HttpRequest post(String url, Object body) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
	}

	private static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).build();
	}

	private static byte[] send(HttpClient client, HttpRequest request, int expected) throws Exception {
		HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
					+ new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
		}
		return response.body();
	}

}
