package io.tutela.vault;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;
import io.tutela.identity.Liaison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Legal orders end to end over the API: only a judicial liaison with a second factor
 * opens the vault, only under a registered order, only within its scope, its time range
 * and the window of its class of offence, never above its maxHits; answers are signed;
 * every outcome is audited and anomalous use raises alerts.
 */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegalOrderIntegrationTest {

	static final String CONTROLLER = "vault-orders";

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	static final String TARGET = "+393471230001";

	static final String PEER = "+390612340002";

	static final String OTHER = "+393479990003";

	static final String SUBSCRIBER = "fibra-0042@conecto";

	static final String ADDRESS = "2001:db8:0:0:0:0:0:7";

	@LocalServerPort
	int port;

	@Autowired
	JusticeVault vault;

	@Autowired
	JdbcClient operational;

	@Autowired
	@Qualifier("migrationDataSource")
	DataSource owner;

	Http liaison;

	Liaison person;

	/** The calls the vault holds for the target, by what they test. */
	final Map<String, VaultCall> calls = new java.util.LinkedHashMap<>();

	/** The telematic sessions the vault holds for the subscriber, by what they test. */
	final Map<String, VaultSession> sessions = new java.util.LinkedHashMap<>();

	@BeforeAll
	void setUp() {
		assertThat(Http.admin(this.port).shippedPolicy("conecto", CONTROLLER).status()).isIn(200, 201);
		this.person = Liaison.create(this.port, "liaison-orders", List.of(CONTROLLER));
		this.liaison = Http.token(this.port, this.person.token()).header("X-Second-Factor", this.person.code(30));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		LocalDate today = LocalDate.now(ROME);
		Instant thirtyDays = today.minusDays(30).atStartOfDay(ROME).toInstant();
		Instant twoYears = today.minusMonths(24).atStartOfDay(ROME).toInstant();
		this.calls.put("recent answered", call(TARGET, PEER, now.minus(Duration.ofDays(10)), true));
		this.calls.put("recent unanswered", call(PEER, TARGET, now.minus(Duration.ofDays(10)).plusSeconds(60), false));
		this.calls.put("unanswered on the 30-day boundary", call(PEER, TARGET, thirtyDays, false));
		this.calls.put("unanswered a second before it", call(PEER, TARGET, thirtyDays.minusSeconds(1), false));
		this.calls.put("answered on the 24-month boundary", call(TARGET, PEER, twoYears, true));
		this.calls.put("answered a second before it", call(TARGET, PEER, twoYears.minusSeconds(1), true));
		this.calls.put("30 months ago", call(TARGET, PEER, now.minus(Duration.ofDays(915)), true));
		List<VaultCall> all = new ArrayList<>(this.calls.values());
		all.add(call(OTHER, PEER, now.minus(Duration.ofDays(5)), true));
		this.vault.store(CONTROLLER, all);
		Instant oneYear = today.minusMonths(12).atStartOfDay(ROME).toInstant();
		this.sessions.put("recent", session(SUBSCRIBER, "2001:db8::7", now.minus(Duration.ofDays(3))));
		this.sessions.put("on the 12-month boundary", session(SUBSCRIBER, "198.51.100.7", oneYear));
		this.sessions.put("a second before it", session(SUBSCRIBER, "2001:DB8::7", oneYear.minusSeconds(1)));
		this.sessions.put("another subscriber on the address",
				session("fibra-0099@conecto", "2001:db8::7", now.minus(Duration.ofDays(40))));
		this.vault.storeSessions(CONTROLLER, new ArrayList<>(this.sessions.values()));
	}

	static VaultSession session(String subscriber, String ip, Instant start) {
		return new VaultSession(subscriber, ip, start, start.plus(Duration.ofHours(2)), 1_000_000, 25_000_000,
				"telematic_traffic");
	}

	static VaultCall call(String caller, String callee, Instant start, boolean answered) {
		return new VaultCall(caller, callee, start, answered ? 60 : 0, answered, answered ? "222-01-1234-5678" : null,
				"telephone_traffic");
	}

	Map<String, Object> order(String number, String kind, String offenceClass, int maxHits, Instant issuedAt) {
		return Map.of("kind", kind, "authority", "Tribunale di Milano, Ufficio GIP", "authorisedOrganisation",
				"TRIB-MI-GIP", "number", number, "issuedAt", issuedAt.toString(), "offenceClass", offenceClass, "from",
				Instant.now().minus(Duration.ofDays(3000)).toString(), "to", Instant.now().toString(), "maxHits",
				maxHits, "targets", List.of(Map.of("kind", "number", "value", "347 123 0001")));
	}

	Map<String, Object> order(String number, String offenceClass, int maxHits, List<Map<String, String>> targets) {
		Map<String, Object> order = new java.util.HashMap<>(
				order(number, "judge_decree", offenceClass, maxHits, Instant.now().minusSeconds(3600)));
		order.put("targets", targets);
		return order;
	}

	String register(Map<String, Object> order) {
		Http.Response created = this.liaison.postJson("/api/v1/controllers/" + CONTROLLER + "/legal-orders", order);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	Http.Response answer(String orderId, Object query) {
		return this.liaison.postJson("/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + orderId + "/answers",
				query);
	}

	static List<String> starts(JsonNode answer) {
		List<String> starts = new ArrayList<>();
		for (JsonNode record : answer.at("/document/retainedDataPayload")) {
			if (record.has("telephonyRecord")) {
				starts.add(record.at("/telephonyRecord/telephonyServiceUsage/communicationTime/startTime").asString());
			}
		}
		return starts;
	}

	static List<String> sessionStarts(JsonNode answer) {
		List<String> starts = new ArrayList<>();
		for (JsonNode record : answer.at("/document/retainedDataPayload")) {
			if (record.has("networkAccessRecord")) {
				starts.add(record.at("/networkAccessRecord/networkAccessServiceUsage/communicationTime/startTime")
					.asString());
			}
		}
		return starts;
	}

	String sessionStart(String name) {
		return this.sessions.get(name).start().toString();
	}

	String start(String name) {
		return this.calls.get(name).start().toString();
	}

	@Test
	void onlyALiaisonWithASecondFactorReachesTheOrders() {
		String path = "/api/v1/controllers/" + CONTROLLER + "/legal-orders";
		Liaison fresh = Liaison.create(this.port, "liaison-step-up", List.of(CONTROLLER));
		Http.Response bare = Http.token(this.port, fresh.token()).get(path);
		assertThat(bare.status()).isEqualTo(401);
		assertThat(bare.json().get("type").asString()).endsWith("second-factor-required");
		String wrongCode = "000000".equals(fresh.code(30)) ? "111111" : "000000";
		Http.Response wrong = Http.token(this.port, fresh.token()).header("X-Second-Factor", wrongCode).get(path);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().get("detail").asString()).contains("not accepted");
		Http steppedUp = Http.token(this.port, fresh.token()).header("X-Second-Factor", fresh.code(30));
		assertThat(steppedUp.get(path).status()).isEqualTo(200);
		assertThat(Http.token(this.port, fresh.token()).get(path).status())
			.as("a stepped-up token goes on without a code for a while")
			.isEqualTo(200);
		assertThat(Http.token(this.port, fresh.token()).get("/api/v1/me").status())
			.as("the rest of the API asks no code")
			.isEqualTo(200);
		assertThat(Http.admin(this.port).get(path).status()).as("an administrator is no judicial liaison")
			.isEqualTo(403);
	}

	@Test
	void aWrongOrderIsRefusedFieldByFieldAndNothingIsWritten() {
		int before = this.liaison.get("/api/v1/controllers/" + CONTROLLER + "/legal-orders").json().size();
		Map<String, Object> bad = Map.of("kind", "letter", "authority", "Procura", "authorisedOrganisation", "PROC MI",
				"number", "1/2026", "issuedAt", Instant.now().plusSeconds(3600).toString(), "offenceClass", "theft",
				"from", "2026-01-01T00:00:00Z", "to", "2025-01-01T00:00:00Z", "maxHits", 0, "targets",
				List.of(Map.of("kind", "number", "value", "12"), Map.of("kind", "email", "value", "a@b.it")));
		Http.Response refused = this.liaison.postJson("/api/v1/controllers/" + CONTROLLER + "/legal-orders", bad);
		assertThat(refused.status()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		refused.json().get("errors").forEach((e) -> fields.add(e.get("field").asString()));
		assertThat(fields).contains("kind", "offenceClass", "authorisedOrganisation", "issuedAt", "to", "maxHits",
				"targets[0].value", "targets[1].kind");
		assertThat(this.liaison.get("/api/v1/controllers/" + CONTROLLER + "/legal-orders").json().size())
			.isEqualTo(before);
	}

	@Test
	void anOrderForCrimesOfArticle132ReachesBackAsItsWindowsAllowAndTheAnswerIsSigned() throws Exception {
		String id = register(order("RG 132/2026", "judge_decree", "art132", 100, Instant.now().minusSeconds(3600)));
		Http.Response response = answer(id, Map.of());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode answer = response.json();
		assertThat(starts(answer)).containsExactlyInAnyOrder(start("recent answered"), start("recent unanswered"),
				start("unanswered on the 30-day boundary"), start("answered on the 24-month boundary"));
		assertThat(answer.at("/document/retainedDataHeader/requestID/authorisedOrganizationID").asString())
			.isEqualTo("TRIB-MI-GIP");
		assertThat(answer.at("/document/retainedDataHeader/requestID/requestNumber").asString())
			.isEqualTo("RG 132/2026");
		assertThat(answer.at("/document/retainedDataHeader/cSPID").asString()).isEqualTo("conecto");
		assertThat(answer.at("/document/retainedDataHeader/responseStatus/responseComplete/numberOfRetainedDataRecords")
			.asInt()).isEqualTo(4);
		assertThat(answer.toString()).doesNotContain(OTHER);

		// the authority checks the digest and the signature with the published key
		String pem = Http.anonymous(this.port).get("/api/v1/justice/" + CONTROLLER + "/signing-key").body();
		PublicKey key = AnswerSigning.publicKey(pem);
		JsonNode document = answer.get("document");
		Map<String, Object> signed = Map.of("retainedDataHeader",
				Http.JSON.treeToValue(document.get("retainedDataHeader"), Map.class), "retainedDataPayload",
				Http.JSON.treeToValue(document.get("retainedDataPayload"), List.class));
		byte[] digest = HandoverAnswers.sha256(HandoverAnswers.canonical(signed));
		assertThat(Base64.getEncoder().encodeToString(digest)).isEqualTo(document.at("/integrity/digest").asString());
		String signature = document.at("/integrity/signature").asString();
		assertThat(AnswerSigning.verify(key, digest, signature)).isTrue();
		Map<String, Object> tampered = new java.util.HashMap<>(signed);
		tampered.put("retainedDataPayload", List.of());
		assertThat(AnswerSigning.verify(key, HandoverAnswers.sha256(HandoverAnswers.canonical(tampered)), signature))
			.isFalse();

		// the same answer can be handed over again, as it was
		String again = "/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + id + "/answers/"
				+ answer.get("id").asString();
		JsonNode storedAnswer = this.liaison.get(again).json();
		assertThat(storedAnswer.get("answeredAt")).isEqualTo(answer.get("answeredAt"));
		JsonNode stored = storedAnswer.get("document");
		assertThat(stored.at("/integrity/signature").asString()).isEqualTo(signature);
		assertThat(stored).isEqualTo(document);
		assertThat(List.copyOf(stored.propertyNames())).containsExactly("retainedDataHeader", "retainedDataPayload",
				"integrity");
		Map<String, Object> storedSigned = Map.of("retainedDataHeader",
				Http.JSON.treeToValue(stored.get("retainedDataHeader"), Map.class), "retainedDataPayload",
				Http.JSON.treeToValue(stored.get("retainedDataPayload"), List.class));
		assertThat(HandoverAnswers.sha256(HandoverAnswers.canonical(storedSigned))).isEqualTo(digest);

		// the read is audited with the records it handed over
		List<String> targets = this.operational.sql("""
				SELECT array_to_string(target_ids, ',') FROM audit_event
				WHERE action = 'vault.order.read' AND outcome = 'success' AND :id = ANY (target_ids)""")
			.param("id", id)
			.query(String.class)
			.list();
		assertThat(targets).hasSize(1);
		assertThat(targets.get(0).split(",")).hasSize(5).allMatch((t) -> t.equals(id) || t.startsWith("vault-record:"));
		assertThat(targets.get(0)).doesNotContain(TARGET.substring(1));
		// in that one record: the vault's reads for the answer have none of their own
		assertThat(this.operational.sql("SELECT count(*) FROM audit_event WHERE action = 'vault.read' AND actor = :a")
			.param("a", "liaison-orders")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anOrderForTheGravestCrimesReachesBack72Months() {
		String id = register(order("RG 407/2026", "judge_decree", "art407", 100, Instant.now().minusSeconds(3600)));
		JsonNode answer = answer(id, Map.of()).json();
		assertThat(starts(answer)).hasSize(7).contains(start("30 months ago"), start("unanswered a second before it"));
	}

	@Test
	void anOrderForASubscriberOrAnAddressIsAnsweredWithTheirSessionsInsideTheTelematicWindow() {
		String subscriber = register(
				order("RG 77/2026", "art132", 100, List.of(Map.of("kind", "subscriber", "value", SUBSCRIBER))));
		JsonNode answer = answer(subscriber, Map.of()).json();
		assertThat(sessionStarts(answer)).containsExactly(sessionStart("on the 12-month boundary"),
				sessionStart("recent"));
		JsonNode usage = answer.at("/document/retainedDataPayload/1/networkAccessRecord/networkAccessServiceUsage");
		assertThat(usage.at("/partyInformation/0/subscriberID").asString()).isEqualTo(SUBSCRIBER);
		assertThat(usage.get("assignedIPAddress").asString()).isEqualTo("2001:db8::7");
		assertThat(usage.get("octetsDownloaded").asLong()).isEqualTo(25_000_000);
		assertThat(usage.at("/communicationTime/endTime").asString())
			.isEqualTo(this.sessions.get("recent").start().plus(Duration.ofHours(2)).toString());

		// the address, written in any of its forms, finds the sessions of every
		// subscriber it was assigned to
		String address = register(order("RG 78/2026", "art407", 100, List
			.of(Map.of("kind", "address", "value", ADDRESS), Map.of("kind", "number", "value", "347 123 0001"))));
		JsonNode both = answer(address, Map.of()).json();
		assertThat(sessionStarts(both))
			.contains(sessionStart("a second before it"), sessionStart("recent"),
					sessionStart("another subscriber on the address"))
			.doesNotContain(sessionStart("on the 12-month boundary"));
		assertThat(starts(both)).contains(start("30 months ago"));
		assertThat(both.at("/document/retainedDataHeader/responseStatus/responseComplete/numberOfRetainedDataRecords")
			.asInt()).isEqualTo(3 + 7);
	}

	@Test
	void anAnswerAboveMaxHitsIsRefusedNotCut() {
		String id = register(order("RG 3/2026", "judge_decree", "art132", 3, Instant.now().minusSeconds(3600)));
		Http.Response refused = answer(id, Map.of());
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().get("type").asString()).endsWith("too-many-hits");
		assertThat(refused.json().get("hits").asInt()).isEqualTo(4);
		assertThat(refused.body()).doesNotContain(TARGET).doesNotContain("telephonyRecord");
		assertThat(this.operational
			.sql("SELECT count(*) FROM audit_event WHERE action = 'vault.order.read' AND outcome = 'refused'"
					+ " AND :id = ANY (target_ids)")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		// narrowed to a range inside the order, the same order is answered
		Http.Response narrowed = answer(id, Map.of("from", Instant.now().minus(Duration.ofDays(20)).toString()));
		assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(201);
		assertThat(starts(narrowed.json())).containsExactlyInAnyOrder(start("recent answered"),
				start("recent unanswered"));
	}

	@Test
	void aCallBetweenTwoNumbersOfTheOrderCountsOnceAgainstMaxHits() {
		List<Map<String, String>> both = List.of(Map.of("kind", "number", "value", TARGET),
				Map.of("kind", "number", "value", PEER));
		// the target's seven calls are all with the peer, who has one more call of their
		// own
		Http.Response over = answer(register(order("RG 41/2026", "art407", 7, both)), Map.of());
		assertThat(over.status()).as(over.body()).isEqualTo(422);
		Http.Response exact = answer(register(order("RG 42/2026", "art407", 8, both)), Map.of());
		assertThat(exact.status()).as(exact.body()).isEqualTo(201);
		assertThat(starts(exact.json())).hasSize(8).doesNotHaveDuplicates();
		assertThat(exact.json().toString()).contains(OTHER);
	}

	@Test
	void aQueryOutsideTheOrderReturnsNothingIsAuditedAndRaisesAnAlert() {
		String id = register(order("RG 9/2026", "judge_decree", "art407", 100, Instant.now().minusSeconds(3600)));
		Http.Response outside = answer(id, Map.of("targets", List.of(Map.of("kind", "number", "value", OTHER))));
		assertThat(outside.status()).isEqualTo(422);
		assertThat(outside.json().get("type").asString()).endsWith("out-of-scope");
		assertThat(outside.body()).doesNotContain(OTHER).doesNotContain(PEER);
		Http.Response before = answer(id, Map.of("to", Instant.now().minus(Duration.ofDays(4000)).toString()));
		assertThat(before.status()).isEqualTo(422);
		assertThat(this.operational
			.sql("SELECT count(*) FROM audit_event WHERE action = 'vault.order.read' AND outcome = 'out-of-scope'"
					+ " AND :id = ANY (target_ids)")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.operational
			.sql("SELECT count(*) FROM audit_alert WHERE kind = 'vault-out-of-scope' AND actor = 'liaison-orders'")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void anUrgentDecreeIsAnsweredWhileAwaitingValidationAndNotOnceItLapsed() {
		String awaiting = register(order("URG 1/2026", "urgent_prosecutor_decree", "art132", 100,
				Instant.now().minus(Duration.ofHours(2))));
		JsonNode order = this.liaison.get("/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + awaiting).json();
		assertThat(order.get("state").asString()).isEqualTo("awaiting-validation");
		assertThat(Instant.parse(order.get("validateBy").asString()))
			.isEqualTo(Instant.parse(order.get("issuedAt").asString()).plus(Duration.ofHours(96)));
		assertThat(answer(awaiting, Map.of()).status()).isEqualTo(201);
		Http.Response late = this.liaison.postJson(
				"/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + awaiting + "/validation",
				Map.of("validatedAt", Instant.now().minus(Duration.ofHours(3)).toString(), "reference", "GIP 1"));
		assertThat(late.status()).as("a validation before the decree was issued").isEqualTo(400);
		Http.Response validated = this.liaison.postJson(
				"/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + awaiting + "/validation",
				Map.of("reference", "GIP Milano, decreto di convalida 77/2026"));
		assertThat(validated.json().get("state").asString()).isEqualTo("validated");

		String lapsed = register(order("URG 2/2026", "urgent_prosecutor_decree", "art132", 100,
				Instant.now().minus(Duration.ofHours(97))));
		assertThat(this.liaison.get("/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + lapsed)
			.json()
			.get("answersUnusable")
			.asBoolean()).isTrue();
		Http.Response refused = answer(lapsed, Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("lapsed");

		String refusedByJudge = register(order("URG 3/2026", "urgent_prosecutor_decree", "art132", 100,
				Instant.now().minus(Duration.ofHours(1))));
		this.liaison.postJson(
				"/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + refusedByJudge + "/validation-refusal",
				Map.of());
		assertThat(answer(refusedByJudge, Map.of()).status()).isEqualTo(409);
		String revoked = register(order("RG 5/2026", "judge_decree", "art132", 100, Instant.now().minusSeconds(60)));
		this.liaison.postJson("/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + revoked + "/revocation",
				Map.of());
		assertThat(answer(revoked, Map.of()).status()).isEqualTo(409);
	}

	@Test
	void theSameOrderIsRegisteredOnce() {
		register(order("RG 11/2026", "judge_decree", "art132", 10, Instant.now().minusSeconds(60)));
		Http.Response again = this.liaison.postJson("/api/v1/controllers/" + CONTROLLER + "/legal-orders",
				order("RG 11/2026", "judge_decree", "art132", 10, Instant.now().minusSeconds(60)));
		assertThat(again.status()).isEqualTo(409);
	}

	@Test
	void anotherProvidersLiaisonSeesNothing() {
		String id = register(order("RG 12/2026", "judge_decree", "art132", 10, Instant.now().minusSeconds(60)));
		Liaison other = Liaison.create(this.port, "liaison-elsewhere", List.of("ipkom"));
		Http elsewhere = Http.token(this.port, other.token()).header("X-Second-Factor", other.code(30));
		assertThat(elsewhere.get("/api/v1/controllers/ipkom/legal-orders").status()).isEqualTo(200);
		assertThat(elsewhere.get("/api/v1/controllers/" + CONTROLLER + "/legal-orders/" + id).status()).isIn(403, 404);
		assertThat(elsewhere.get("/api/v1/controllers/ipkom/legal-orders/" + id).status()).isEqualTo(404);
	}

	@Test
	void theOperationalRoleCannotReadTheOrders() {
		assertThatThrownBy(
				() -> this.operational.sql("SELECT count(*) FROM vault.legal_order").query(Long.class).single())
			.rootCause()
			.hasMessageContaining("permission denied");
		// the identifiers an order names are sealed at rest
		List<String> sealed = JdbcClient.create(this.owner)
			.sql("SELECT sealed FROM vault.legal_order_target")
			.query(String.class)
			.list();
		assertThat(sealed).isNotEmpty().noneMatch((s) -> s.contains("3471230001"));
	}

	@Test
	void manyQueriesRaiseAnAlert() {
		String id = register(order("RG 21/2026", "judge_decree", "art132", 100, Instant.now().minusSeconds(60)));
		for (int i = 0; i < 21; i++) {
			assertThat(answer(id, Map.of()).status()).isEqualTo(201);
		}
		assertThat(this.operational
			.sql("SELECT count(*) FROM audit_alert WHERE kind = 'vault-mass-query' AND actor = 'liaison-orders'")
			.query(Long.class)
			.single()).as("once per window (an hour): twice only if the queries straddle the hour").isBetween(1L, 2L);
	}

	@Test
	void answersGivenAtOnceUnderOneOrderEachHaveANumberOfTheirOwn() throws Exception {
		String id = register(order("RG 31/2026", "judge_decree", "art132", 100, Instant.now().minusSeconds(60)));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<Http.Response>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				answers.add(pool.submit(() -> answer(id, Map.of())));
			}
			java.util.Set<Integer> sequences = new java.util.TreeSet<>();
			for (java.util.concurrent.Future<Http.Response> answer : answers) {
				Http.Response response = answer.get();
				assertThat(response.status()).as(response.body()).isEqualTo(201);
				sequences.add(response.json().get("sequence").asInt());
				assertThat(response.json().at("/document/retainedDataHeader/answerSequence").asInt())
					.isEqualTo(response.json().get("sequence").asInt());
			}
			assertThat(sequences).containsExactly(1, 2, 3, 4, 5, 6);
		}
		finally {
			pool.shutdown();
		}
	}

}
