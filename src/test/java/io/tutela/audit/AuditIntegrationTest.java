package io.tutela.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TutelaIntegrationTest
class AuditIntegrationTest {

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditReading reading;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedPostgres embeddedPostgres;

	@Autowired
	PlatformTransactionManager transactions;

	@LocalServerPort
	int port;

	@TempDir
	Path dir;

	/** The administrator's API client: DPO, auditor and system administrator. */
	Http api() {
		return Http.admin(this.port);
	}

	JsonNode json(String path) {
		Http.Response response = api().get(path);
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return response.json();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static AuditEvent event(String actor, String controller, String action, Instant at, Object... targets) {
		return AuditEvent.builder(at, actor, "OPERATOR", action)
			.controller(controller)
			.targets(List.of(targets))
			.category("identity")
			.purpose("contract")
			.clientAddress("192.0.2.1")
			.build();
	}

	long lastSeq() {
		return this.jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_event").query(Long.class).single();
	}

	@Test
	void eventsCommitOrRollBackWithTheCallersTransactionAndTheChainVerifies() throws Exception {
		String actor = unique("op");
		TransactionTemplate tx = new TransactionTemplate(this.transactions);
		long before = lastSeq();
		tx.executeWithoutResult((status) -> {
			this.auditLog.record(event(actor, "ipkom", "subject.update", Instant.now(), 1));
			this.auditLog.recordAll(List.of(event(actor, "ipkom", "contract.update", Instant.now(), 2),
					event(actor, "ipkom", "invoice.update", Instant.now(), 3)));
		});
		tx.executeWithoutResult((status) -> {
			this.auditLog.record(event(actor, "ipkom", "subject.delete", Instant.now(), 4));
			status.setRollbackOnly();
		});
		long seq = this.auditLog.record(event(actor, "ipkom", "subject.update", Instant.now(), 5));
		assertThat(seq).as("a rolled-back append leaves no gap").isEqualTo(before + 4);
		assertThat(this.jdbc.sql("SELECT action FROM audit_event WHERE actor = :a ORDER BY seq")
			.param("a", actor)
			.query(String.class)
			.list()).containsExactly("subject.update", "contract.update", "invoice.update", "subject.update");

		JsonNode result = json("/api/v1/audit/verify");
		assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
		assertThat(result.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(seq);
		assertThat(result.get("firstBrokenSeq").isNull()).isTrue();
	}

	@Test
	void aReadAuditedInAReadOnlyTransactionIsCommittedOnItsOwn() {
		String actor = unique("reader");
		TransactionTemplate readOnly = new TransactionTemplate(this.transactions);
		readOnly.setReadOnly(true);
		readOnly.executeWithoutResult((status) -> {
			this.jdbc.sql("SELECT count(*) FROM controller").query(Long.class).single();
			this.auditLog.record(event(actor, "ipkom", "subject.read", Instant.now(), 7));
			status.setRollbackOnly();
		});
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = :a")
			.param("a", actor)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aReadAppendedWithoutATransactionCommitsWithItsCountOrNotAtAllWhenItsPreconditionFails() {
		String actor = unique("assumed");
		// off hours: the read is counted into its off-hours alert in the same round trip
		Instant at = LocalDateTime.parse("2025-03-13T23:00:00").atZone(ROME).toInstant();
		long before = lastSeq();
		Map<String, Object> params = new HashMap<>(Map.of("c", "ipkom", "n", 1L));
		params.put("nothing", null);
		Precondition holds = new Precondition(
				"(SELECT count(*) FROM controller WHERE id = :c) = :n AND CAST(:nothing AS uuid) IS NULL", params);
		long seq = this.auditLog.record(event(actor, "ipkom", "subject.read", at, 1, 2), holds);
		assertThat(seq).isEqualTo(before + 1);
		assertThat(alertsOf(actor)).singleElement()
			.satisfies((a) -> assertThat(a.get("recordCount").asLong()).isEqualTo(2));
		assertThat(lastSeq()).as("the read, then its alert's event").isEqualTo(before + 2);
		assertThatThrownBy(() -> this.auditLog.record(event(actor, "ipkom", "subject.read", at, 3),
				holds.and("false = :no", Map.of("no", true))))
			.isInstanceOf(PreconditionFailedException.class);
		assertThatThrownBy(() -> new Precondition("1 = :n", Map.of("n", 1)).and("2 = :n", Map.of("n", 2)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.jdbc.sql("SELECT target_ids FROM audit_event WHERE actor = :a")
			.param("a", actor)
			.query(String.class)
			.list()).as("only the read whose precondition held").containsExactly("{1,2}");
		assertThat(this.jdbc.sql("SELECT sum(records) FROM audit_read_count WHERE actor = :a")
			.param("a", actor)
			.query(Long.class)
			.single()).as("nor its count").isEqualTo(2);
		assertThat(alertsOf(actor)).singleElement()
			.satisfies((a) -> assertThat(a.get("recordCount").asLong()).as("nor its off-hours count").isEqualTo(2));
		assertThat(this.auditLog.record(event(actor, "ipkom", "subject.read", at, 4))).as("the chain goes on")
			.isEqualTo(before + 3);
		assertThat(alertsOf(actor)).singleElement()
			.satisfies((a) -> assertThat(a.get("recordCount").asLong()).isEqualTo(3));
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void theApiDocumentListsTheAuditEndpoints() throws Exception {
		String document = api().get("/v3/api-docs").body();
		assertThat(document).contains("/api/v1/audit/verify", "/api/v1/audit/export", "/api/v1/audit/alerts",
				"/api/v1/controllers/{controllerId}/audit");
	}

	@Test
	void manyEventsGoThroughCopyAndComeBackExactly() {
		String actor = unique("copy\tactor\\ with \"quotes\", commas and è");
		List<AuditEvent> events = new ArrayList<>();
		Instant at = Instant.parse("2025-03-10T09:15:30.123456Z");
		for (int i = 0; i < 150; i++) {
			events.add(AuditEvent.builder(at.plusNanos(i * 1000L), actor, "OPERATOR", "subject.update")
				.controller((i % 2 == 0) ? "ipkom" : null)
				.targets(List.of("id-" + i, "{brace}", "quo\"te", "back\\slash", "line\nbreak"))
				.category((i % 3 == 0) ? null : "cat,egory")
				.purpose("\\N")
				.build());
		}
		long before = lastSeq();
		this.auditLog.recordAll(events);
		List<AuditEntry> stored = this.jdbc
			.sql("SELECT " + AuditEntries.COLUMNS + " FROM audit_event WHERE seq > :before ORDER BY seq")
			.param("before", before)
			.query((rs, row) -> AuditEntries.entry(rs))
			.list();
		assertThat(stored).hasSize(150);
		assertThat(stored.stream().map(AuditEntry::event).toList()).isEqualTo(events);
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void concurrentAppendsKeepTheChainGaplessAndIntact() throws Exception {
		long before = lastSeq();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				String actor = unique("worker");
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 25; i++) {
						this.auditLog.record(event(actor, "conecto", "subject.update", Instant.now(), i));
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(lastSeq()).isEqualTo(before + 200);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_event WHERE seq > :b")
			.param("b", before)
			.query(Long.class)
			.single()).isEqualTo(200);
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void anEventHashedByTheDatabaseHashesAsTheApplicationDoes() {
		// a single event is linked and hashed by audit_append_one: text that the encoding
		// escapes, letters beyond ASCII, absent fields and a time to the microsecond
		AuditEvent event = AuditEvent
			.builder(Instant.parse("2025-03-12T09:15:30.123456Z"), unique("Zoë\tß,\\"), "OPERATOR", "subject.update")
			.controller("conecto")
			.targets(List.of("a,b", "c\\d", "é\nü", "✓\r"))
			.outcome(AuditEvent.SUCCESS)
			.build();
		long seq = this.auditLog.record(event);
		Map<String, Object> stored = this.jdbc.sql("SELECT prev_hash, hash FROM audit_event WHERE seq = :s")
			.param("s", seq)
			.query()
			.singleRow();
		assertThat(stored.get("hash"))
			.isEqualTo(new CanonicalEncoding().hash((String) stored.get("prev_hash"), seq, event));
		assertThat(stored.get("prev_hash")).as("linked to the event before")
			.isEqualTo((seq == 1) ? CanonicalEncoding.GENESIS
					: this.jdbc.sql("SELECT hash FROM audit_event WHERE seq = :s")
						.param("s", seq - 1)
						.query(String.class)
						.single());
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void aBatchOfReadsIsCountedWithTheHeadAndRaisesOneAlertAfterIt() throws Exception {
		String actor = unique("batch");
		Instant tenInRome = LocalDateTime.parse("2025-03-12T10:00:00").atZone(ROME).toInstant();
		long before = lastSeq();
		this.auditLog.recordAll(
				List.of(event(actor, "conecto", "subject.read", tenInRome, IntStream.range(0, 300).boxed().toArray()),
						event(actor, "conecto", "subject.search", tenInRome.plusSeconds(30),
								IntStream.range(300, 600).boxed().toArray())));
		assertThat(this.jdbc.sql("SELECT sum(records) FROM audit_read_count WHERE actor = :a")
			.param("a", actor)
			.query(Long.class)
			.single()).isEqualTo(600);
		List<JsonNode> alerts = alertsOf(actor);
		assertThat(alerts).singleElement().satisfies((a) -> assertThat(a.get("recordCount").asLong()).isEqualTo(600));
		assertThat(lastSeq()).as("the two reads, then the alert's event").isEqualTo(before + 3);
		assertAudited("audit.alert-mass-read", alerts.get(0).get("id").asLong());
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void concurrentReadsAreCountedUnderTheLockAndCrossTheThresholdOnce() throws Exception {
		long before = lastSeq();
		String actor = unique("reader");
		Instant tenInRome = LocalDateTime.parse("2025-03-11T10:00:00").atZone(ROME).toInstant();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 25; i++) {
						this.auditLog.record(event(actor, "conecto", "subject.read", tenInRome,
								IntStream.range(0, 10).boxed().toArray()));
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		// 200 reads of 10 records each, all in one minute: every count saw the ones
		// before it, so the threshold (500) is crossed by exactly one of them, from 500
		// to 510
		assertThat(this.jdbc.sql("SELECT sum(records) FROM audit_read_count WHERE actor = :a")
			.param("a", actor)
			.query(Long.class)
			.single()).isEqualTo(2000);
		assertThat(alertsOf(actor)).singleElement()
			.satisfies((a) -> assertThat(a.get("recordCount").asLong()).isEqualTo(510));
		assertThat(lastSeq()).as("the reads and the alert's own event").isEqualTo(before + 201);
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void aRowChangedDirectlyInTheDatabaseIsNamedByTheVerification() throws Exception {
		String actor = unique("victim");
		this.auditLog.record(event(actor, "ipkom", "subject.read", Instant.now(), 11));
		long seq = this.auditLog.record(event(actor, "ipkom", "subject.update", Instant.now(), 12));
		this.auditLog.record(event(actor, "ipkom", "subject.read", Instant.now(), 13));
		try {
			asOwner("SET session_replication_role = replica",
					"UPDATE audit_event SET target_ids = '{99}' WHERE seq = " + seq);
			JsonNode result = json("/api/v1/audit/verify");
			assertThat(result.get("ok").asBoolean()).isFalse();
			assertThat(result.get("firstBrokenSeq").asLong()).isEqualTo(seq);
			assertThat(result.get("eventsChecked").asLong()).isEqualTo(seq - 1);
			assertThat(result.get("reason").asString()).contains("hash of seq " + seq + " does not match");
		}
		finally {
			asOwner("SET session_replication_role = replica",
					"UPDATE audit_event SET target_ids = '{12}' WHERE seq = " + seq);
		}
		assertThat(this.reading.verifyChain().ok()).isTrue();
	}

	@Test
	void theApplicationsRoleMayNotChangeOrRemoveAuditRows() {
		this.auditLog.record(event(unique("op"), "ipkom", "subject.update", Instant.now(), 1));
		for (String sql : List.of("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event",
				"TRUNCATE audit_event")) {
			assertThatThrownBy(() -> this.jdbc.sql(sql).update()).as(sql)
				.rootCause()
				.hasMessageContaining("permission denied for table audit_event");
		}
	}

	@Test
	void theOwnersChangesAreStoppedByTheTriggers() {
		this.auditLog.record(event(unique("op"), "ipkom", "subject.update", Instant.now(), 1));
		for (String sql : List.of("UPDATE audit_event SET actor = 'mallory' WHERE seq = 1",
				"DELETE FROM audit_event WHERE seq = 1", "TRUNCATE audit_event")) {
			assertThatThrownBy(() -> asOwner(sql)).as(sql)
				.hasMessageContaining("the audit log is append-only: " + sql.split(" ")[0] + " on audit_event refused");
		}
	}

	@Test
	void theExportVerifiesOfflineAndATamperedLineIsNamed() throws Exception {
		this.auditLog.record(event(unique("op"), "nanosystems", "ticket.read", Instant.now(), 1, 2));
		Http.Response export = api().get("/api/v1/audit/export");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("application/x-ndjson");
		Path file = this.dir.resolve("export.jsonl");
		Files.write(file, export.bytes());
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
		assertThat(lines.get(lines.size() - 1)).as("the export itself is audited")
			.contains("\"action\":\"audit.export\"");
		assertThat(AuditCommandLine.run(new String[] { "audit", "verify", file.toString() })).isZero();

		int middle = lines.size() / 2;
		long seq = JSON.readTree(lines.get(middle)).get("seq").asLong();
		lines.set(middle, lines.get(middle).replaceFirst("\"actorRole\":\"[^\"]*\"", "\"actorRole\":\"ADMIN\""));
		Path tampered = Files.write(this.dir.resolve("tampered.jsonl"), lines);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int code = AuditCommandLine.run(new String[] { "audit", "verify", tampered.toString() },
				new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		assertThat(code).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("BROKEN at seq " + seq + ":");
	}

	@Test
	void aControllersEventsAreSearchedByTimeActorAndActionAndPaged() throws Exception {
		String controller = unique("acme-audit");
		Instant nine = Instant.parse("2025-03-10T09:00:00Z");
		this.auditLog.recordAll(List.of(event("alice", controller, "subject.read", nine, 1),
				event("bob", controller, "subject.read", nine.plusSeconds(60), 2),
				event("alice", controller, "contract.update", nine.plusSeconds(120), 3),
				event("alice", "ipkom", "subject.read", nine.plusSeconds(130), 4),
				event("alice", controller, "subject.read", nine.plusSeconds(3600), 5)));
		String base = "/api/v1/controllers/" + controller + "/audit";

		JsonNode all = json(base);
		assertThat(all.get("items")).as("not the other controller's event").hasSize(4);
		assertThat(all.get("items").get(0).get("targetIds").get(0).asString()).as("newest first").isEqualTo("5");

		JsonNode filtered = json(base + "?from=2025-03-10T09:00:00Z&to=2025-03-10T10:00:00Z&actor=alice");
		assertThat(filtered.get("items")).extracting((e) -> e.get("targetIds").get(0).asString())
			.containsExactly("3", "1");
		assertThat(filtered.get("items").get(0).get("occurredAt").asString()).isEqualTo("2025-03-10T09:02:00.000000Z");

		JsonNode reads = json(base + "?action=subject.read&size=1");
		assertThat(reads.get("items")).hasSize(1);
		assertThat(reads.get("hasNext").asBoolean()).isTrue();
		JsonNode last = json(base + "?action=subject.read&size=1&page=2");
		assertThat(last.get("items").get(0).get("actor").asString()).isEqualTo("alice");
		assertThat(last.get("hasNext").asBoolean()).isFalse();

		Http.Response bad = api().get(base + "?from=yesterday&to=2025-03-10T08:00:00Z&size=0");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");
		JsonNode problem = bad.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:tutela:problem:validation");
		assertThat(problem.get("errors")).extracting((e) -> e.get("field").asString()).containsExactly("from", "size");

		Http.Response reversed = api().get(base + "?from=2025-03-10T10:00:00Z&to=2025-03-10T09:00:00Z");
		assertThat(reversed.status()).isEqualTo(400);
	}

	@Test
	void aMassReadRaisesAnAlertThatIsItselfAudited() throws Exception {
		String actor = unique("bulk");
		Instant tenInRome = LocalDateTime.parse("2025-03-10T10:00:00").atZone(ROME).toInstant();
		this.auditLog.record(event(actor, "conecto", "subject.read", tenInRome, 1));
		assertThat(alertsOf(actor)).isEmpty();
		this.auditLog.record(event(actor, "conecto", "subject.search", tenInRome.plusSeconds(90),
				IntStream.range(2, 502).boxed().toArray()));
		List<JsonNode> alerts = alertsOf(actor);
		assertThat(alerts).singleElement().satisfies((a) -> {
			assertThat(a.get("kind").asString()).isEqualTo("mass-read");
			assertThat(a.get("recordCount").asLong()).isEqualTo(501);
			assertThat(a.get("actorRole").asString()).isEqualTo("OPERATOR");
		});
		assertAudited("audit.alert-mass-read", alerts.get(0).get("id").asLong());
	}

	@Test
	void aReadAt23RomeTimeRaisesAnOffHoursAlert() throws Exception {
		String actor = unique("night");
		Clock elevenPm = Clock.fixed(LocalDateTime.parse("2025-03-10T23:00:00").atZone(ROME).toInstant(), ROME);
		CurrentActor at23 = new CurrentActor(elevenPm);
		AuditEvent read = at23.event("subject.read")
			.actor(actor, "OPERATOR")
			.controller("ipkom")
			.target(42)
			.category("identity")
			.build();
		this.auditLog.record(read);
		this.auditLog.record(at23.event("subject.read").actor(actor, "OPERATOR").target(43).build());
		List<JsonNode> alerts = alertsOf(actor);
		assertThat(alerts).singleElement().satisfies((a) -> {
			assertThat(a.get("kind").asString()).isEqualTo("off-hours");
			assertThat(a.get("recordCount").asLong()).as("the second read adds to the night's alert").isEqualTo(2);
			assertThat(Instant.parse(a.get("windowStart").asString()))
				.isEqualTo(LocalDateTime.parse("2025-03-10T20:00:00").atZone(ROME).toInstant());
		});
		assertAudited("audit.alert-off-hours", alerts.get(0).get("id").asLong());
	}

	@Test
	void thePagesWorkInBothLanguagesWithoutJavaScript() {
		this.auditLog.record(event(unique("page"), "ipkom", "subject.read", Instant.now(), 1));
		Staff.Created auditor = Staff.create(this.port, unique("auditor"), List.of("auditor"), List.of());
		Http session = Http.session(this.port);
		session.login(auditor.username(), auditor.password());
		for (String lang : List.of("it", "en")) {
			for (String path : List.of("/audit", "/audit/verify", "/audit/alerts",
					"/audit?controller=ipkom&from=2020-01-01T00:00&actor=x")) {
				Http.Response page = session.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
				assertThat(page.status()).as(path).isEqualTo(200);
				assertThat(page.body()).as(path).doesNotContain("??").contains("lang=\"" + lang + "\"");
			}
		}
		assertThat(session.get("/audit").body()).contains("id=\"audit-events\"").contains("subject.read");
		assertThat(session.get("/audit?from=yesterday").body()).contains("The search has invalid filters")
			.contains("ISO-8601");

		Http.Response run = session.submit("/audit/verify", "/audit/verify", Map.of());
		assertThat(run.status()).isEqualTo(302);
		assertThat(run.location()).endsWith("/audit/verify");
		assertThat(session.get("/audit/verify").body()).contains("The chain is intact");
		assertThat(this.jdbc
			.sql("SELECT actor_role || ' ' || client_address FROM audit_event "
					+ "WHERE action = 'audit.verify' AND actor = :actor")
			.param("actor", auditor.username())
			.query(String.class)
			.single()).as("the check is audited with who ran it, from where").isEqualTo("AUDITOR 127.0.0.1");

		assertThat(Http.anonymous(this.port).get("/api/v1/audit/verify").status()).isEqualTo(401);
	}

	List<JsonNode> alertsOf(String actor) {
		List<JsonNode> found = new ArrayList<>();
		json("/api/v1/audit/alerts?size=500").get("items").forEach((a) -> {
			if (a.get("actor").asString().equals(actor)) {
				found.add(a);
			}
		});
		return found;
	}

	void assertAudited(String action, long alertId) {
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE action = :action AND target_ids = ARRAY[:id]::text[] "
					+ "AND actor = 'system'")
			.param("action", action)
			.param("id", String.valueOf(alertId))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/** Runs statements as the schema's owner (a superuser), on one connection. */
	void asOwner(String... statements) throws SQLException {
		try (Connection connection = this.embeddedPostgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
