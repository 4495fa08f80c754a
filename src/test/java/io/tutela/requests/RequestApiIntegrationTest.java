package io.tutela.requests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static io.tutela.requests.RequestTests.fields;
import static io.tutela.requests.RequestTests.json;
import static io.tutela.requests.RequestTests.proof;
import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class RequestApiIntegrationTest {

	private static final ZoneId ROME = ZoneId.of("Europe/Rome");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentityProofs proofs;

	Http admin() {
		return Http.admin(this.port);
	}

	@Test
	void anAccessRequestRunsFromReceiptToTheZip() throws IOException {
		String subjectId = RequestTests.subject(admin(), "conecto", "REQ-ACCESS-1", "anna.access@example.org");
		Http.Response created = admin().postJson("/api/v1/controllers/conecto/requests", json("type", "access",
				"subject", "anna.access@example.org", "channel", "email", "details", "Vorrei una copia dei miei dati"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonView request = new JsonView(created);
		assertThat(request.text("/subjectId")).isEqualTo(subjectId);
		assertThat(request.text("/state")).isEqualTo("received");
		Instant received = Instant.parse(request.text("/receivedAt"));
		assertThat(LocalDate.parse(request.text("/dueOn")))
			.isEqualTo(LocalDate.ofInstant(received, ROME).plusMonths(1));
		assertThat(created.json().at("/events/0/kind").asString()).isEqualTo("received");
		String path = "/api/v1/controllers/conecto/requests/" + request.text("/id");

		Http.Response early = admin().postJson(path + "/execute", Map.of());
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.json().get("type").asString()).isEqualTo("urn:tutela:problem:request-identity-not-verified");

		assertThat(admin().postJson(path + "/verify-identity", Map.of()).json().get("state").asString())
			.isEqualTo("identity_verified");
		Http.Response executed = admin().postJson(path + "/execute", Map.of());
		assertThat(executed.status()).as(executed.body()).isEqualTo(200);
		assertThat(executed.json().get("state").asString()).isEqualTo("answered");
		assertThat(executed.json().get("events")).extracting((e) -> e.get("kind").asString())
			.containsExactly("received", "identity_verified", "in_progress", "answered");

		Http.Response result = admin().get(path + "/result");
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.contentType()).startsWith("application/zip");
		Map<String, String> zip = unzip(result.bytes());
		assertThat(zip).containsKeys("data.json", "report.html", "records/subject.csv");
		assertThat(zip.get("data.json")).contains(subjectId).contains("anna.access@example.org");
		assertThat(zip.get("records/subject.csv")).contains("REQ-ACCESS-1").contains("anna.access@example.org");
		assertThat(zip.get("report.html")).contains("Finalità").contains("Conservazione").contains("art. 6(1)(b)");

		Http.Response audit = admin().get("/api/v1/controllers/conecto/audit?action=rights_request.answered");
		assertThat(audit.body()).contains(request.text("/id"));
		Http.Response again = admin().postJson(path + "/execute", Map.of());
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("type").asString()).isEqualTo("urn:tutela:problem:request-closed");
	}

	@Test
	void aRequestForAnUnknownPersonIsReceivedAndAnsweredWithNothingHeld() throws IOException {
		Http.Response created = admin().postJson("/api/v1/controllers/conecto/requests",
				json("type", "access", "subject", "nobody.known@example.org", "channel", "registered_mail"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("subjectId").isNull()).isTrue();
		assertThat(created.json().get("subjectReference").asString()).isEqualTo("nobody.known@example.org");
		String path = "/api/v1/controllers/conecto/requests/" + created.json().get("id").asString();
		admin().postJson(path + "/verify-identity", Map.of());
		assertThat(admin().postJson(path + "/execute", Map.of()).status()).isEqualTo(200);
		Map<String, String> zip = unzip(admin().get(path + "/result").bytes());
		assertThat(zip.get("data.json")).contains("\"held\" : false");
		assertThat(zip.get("report.html")).contains("nothing-held");
	}

	@Test
	void thePolicyDecidesTheRightsAndChannelsAndNothingOfARefusedRequestIsWritten() {
		long before = count();
		Http.Response telephone = admin().postJson("/api/v1/controllers/conecto/requests",
				json("type", "access", "subject", "someone@example.org", "channel", "telephone"));
		assertThat(telephone.status()).isEqualTo(400);
		assertThat(telephone.body()).contains("certainty of the requester''s identity".replace("''", "'"));
		Http.Response ipkomTelephone = admin().postJson("/api/v1/controllers/ipkom/requests", json("type", "access",
				"subject", "someone@example.org", "channel", "telephone", "identityCertain", true));
		assertThat(fields(ipkomTelephone)).containsExactly("channel");
		assertThat(ipkomTelephone.body()).contains("email, pec, registered_mail");
		Http.Response notOffered = admin().postJson("/api/v1/controllers/nanosystems/requests",
				json("type", "consent_withdrawal", "subject", "someone@example.org", "channel", "email"));
		assertThat(fields(notOffered)).containsExactly("type");
		Http.Response bad = admin().postJson("/api/v1/controllers/conecto/requests",
				json("type", "telepathy", "channel", "pigeon", "requester", "delegate", "receivedAt",
						Instant.now().plus(2, ChronoUnit.DAYS).toString(), "proofs",
						List.of(json("kind", "selfie", "name", "x", "content", "%%%"))));
		assertThat(fields(bad)).contains("type", "channel", "subject", "delegateName", "receivedAt", "proofs[0].kind",
				"proofs[0].content");
		assertThat(count()).isEqualTo(before);

		Http.Response certain = admin().postJson("/api/v1/controllers/conecto/requests", json("type", "objection",
				"subject", "someone@example.org", "channel", "telephone", "identityCertain", true));
		assertThat(certain.status()).as(certain.body()).isEqualTo(201);
		assertThat(count()).isEqualTo(before + 1);
	}

	@Test
	void aDelegatesRequestAtIpkomNeedsTheDocumentsAndAnAnalyticalDenial() {
		Http.Response created = admin().postJson("/api/v1/controllers/ipkom/requests",
				json("type", "erasure", "subject", "delegated.person@example.org", "channel", "pec", "requester",
						"delegate", "delegateName", "Avv. Carla Neri", "proofs",
						List.of(proof("identity_document", "SECRET-DOCUMENT-CONTENT"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		String path = "/api/v1/controllers/ipkom/requests/" + id;
		// thirty days at IPKOM
		assertThat(LocalDate.parse(created.json().get("dueOn").asString())).isEqualTo(
				LocalDate.ofInstant(Instant.parse(created.json().get("receivedAt").asString()), ROME).plusDays(30));
		String sealed = this.jdbc
			.sql("SELECT content_sealed || name_sealed FROM rights_request_proof WHERE request_id = "
					+ "CAST(:r AS uuid)")
			.param("r", id)
			.query(String.class)
			.single();
		assertThat(sealed).doesNotContain("SECRET").doesNotContain("identity_document.pdf");

		Http.Response missing = admin().postJson(path + "/verify-identity", Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("proxy").contains("delegate's identity document");
		assertThat(admin().get(path).json().get("state").asString()).isEqualTo("received");
		Http.Response verified = admin().postJson(path + "/verify-identity",
				json("proofs", List.of(proof("proxy", "delega firmata"), proof("delegate_document", "documento"))));
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		assertThat(verified.json().get("proofs")).hasSize(3);

		Http.Response extension = admin().postJson(path + "/extend",
				json("reason", "Richiesta complessa: servono ulteriori verifiche"));
		assertThat(extension.status()).isEqualTo(409);
		assertThat(extension.json().get("type").asString())
			.isEqualTo("urn:tutela:problem:request-extension-not-offered");

		// the erasure names nobody Tutela holds: there is nothing to execute it on
		Http.Response notExecutable = admin().postJson(path + "/execute", Map.of());
		assertThat(notExecutable.status()).isEqualTo(409);
		assertThat(notExecutable.json().get("type").asString()).isEqualTo("urn:tutela:problem:request-subject-unknown");
		assertThat(admin().get(path).json().get("state").asString()).isEqualTo("identity_verified");

		Http.Response brief = admin().postJson(path + "/deny", json("reason", "Dati necessari per obblighi di legge"));
		assertThat(fields(brief)).containsExactly("reason");
		assertThat(brief.body()).contains("analytically");
		String analytical = "I dati di traffico sono conservati per gli obblighi dell'art. 132 del Codice in materia "
				+ "di protezione dei dati personali; le fatture per dieci anni ai sensi dell'art. 2220 c.c.; "
				+ "gli altri dati sono necessari all'esecuzione del contratto in corso, che non è cessato.";
		Http.Response denied = admin().postJson(path + "/deny", json("reason", analytical));
		assertThat(denied.status()).as(denied.body()).isEqualTo(200);
		assertThat(denied.json().get("state").asString()).isEqualTo("denied");
		assertThat(denied.json().at("/events/2/reason").asString()).isEqualTo(analytical);

		// IPKOM keeps no proofs after closing: they go at the next purge
		assertThat(this.proofs.purge(Instant.now().minus(3, ChronoUnit.DAYS))).isZero();
		assertThat(proofCount(id)).isEqualTo(3);
		this.proofs.purge(Instant.now().plus(1, ChronoUnit.DAYS));
		assertThat(proofCount(id)).isZero();
		assertThat(admin().get(path).json().get("events")).extracting((e) -> e.get("kind").asString())
			.endsWith("denied", "proofs_deleted");
	}

	@Test
	void anExtensionNeedsAReasonAndComesOnce() {
		Http.Response created = admin().postJson("/api/v1/controllers/conecto/requests",
				json("type", "rectification", "subject", "someone.else@example.org", "channel", "email"));
		String path = "/api/v1/controllers/conecto/requests/" + created.json().get("id").asString();
		LocalDate first = LocalDate.parse(created.json().get("dueOn").asString());
		assertThat(fields(admin().postJson(path + "/extend", Map.of()))).containsExactly("reason");
		Http.Response tooLong = admin().postJson(path + "/extend",
				json("reason", "Numerose richieste in corso questo mese", "until", first.plusMonths(3).toString()));
		assertThat(tooLong.json().get("type").asString()).isEqualTo("urn:tutela:problem:request-extension-too-long");
		Http.Response extended = admin().postJson(path + "/extend",
				json("reason", "Numerose richieste in corso questo mese"));
		assertThat(extended.status()).as(extended.body()).isEqualTo(200);
		assertThat(LocalDate.parse(extended.json().get("dueOn").asString())).isEqualTo(first.plusMonths(2));
		assertThat(extended.json().get("extended").asBoolean()).isTrue();
		assertThat(admin().postJson(path + "/extend", json("reason", "Numerose richieste in corso questo mese"))
			.json()
			.get("type")
			.asString()).isEqualTo("urn:tutela:problem:request-already-extended");
	}

	@Test
	void listsByStateAndDeadline() {
		admin().postJson("/api/v1/controllers/connext/requests",
				json("type", "portability", "subject", "list.one@example.org", "channel", "email"));
		admin().postJson("/api/v1/controllers/connext/requests", json("type", "access", "subject",
				"list.two@example.org", "channel", "email", "receivedAt", "2026-01-31T10:00:00Z"));
		Http.Response all = admin().get("/api/v1/controllers/connext/requests?state=received");
		assertThat(all.json().get("items")).hasSizeGreaterThanOrEqualTo(2);
		assertThat(all.json().at("/items/0/dueOn").asString()).isEqualTo("2026-02-28");
		assertThat(all.json().at("/items/0/overdue").asBoolean()).isTrue();
		Http.Response due = admin().get("/api/v1/controllers/connext/requests?dueBefore=2026-03-01");
		assertThat(due.json().get("items")).allMatch((r) -> r.get("dueOn").asString().compareTo("2026-03-01") < 0);
		assertThat(due.json().get("items")).isNotEmpty();
		assertThat(fields(admin().get("/api/v1/controllers/connext/requests?state=lost"))).containsExactly("state");
		assertThat(admin().get("/api/v1/controllers/connext/requests?dueBefore=yesterday").status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/controllers/connext/requests/" + java.util.UUID.randomUUID()).status())
			.isEqualTo(404);
	}

	@Test
	void rolesDecideWhoActsAndClientUsersFollowTheirControllersRequests() {
		String operator = RequestTests.token(this.port, "req-operator", "OPERATOR", List.of("conecto"));
		String auditor = RequestTests.token(this.port, "req-auditor", "AUDITOR", List.of("conecto"));
		String client = RequestTests.token(this.port, "req-client", "CLIENT_USER",
				List.of("mysegretaria-studio-rossi"));
		Http.Response created = Http.token(this.port, operator)
			.postJson("/api/v1/controllers/conecto/requests",
					json("type", "restriction", "subject", "roles@example.org", "channel", "email"));
		assertThat(created.status()).isEqualTo(201);
		String path = "/api/v1/controllers/conecto/requests/" + created.json().get("id").asString();
		assertThat(Http.token(this.port, operator)
			.postJson(path + "/deny", json("reason", "Nessun dato trattato per questa persona"))
			.status()).isEqualTo(403);
		assertThat(Http.token(this.port, auditor).get(path).status()).isEqualTo(200);
		assertThat(Http.token(this.port, auditor)
			.postJson("/api/v1/controllers/conecto/requests",
					json("type", "access", "subject", "x@example.org", "channel", "email"))
			.status()).isEqualTo(403);
		assertThat(Http.token(this.port, client).get(path).status()).isEqualTo(404);
		Http.Response ownRequest = admin().postJson("/api/v1/controllers/mysegretaria-studio-rossi/requests",
				json("type", "access", "subject", "caller@example.org", "channel", "email"));
		assertThat(ownRequest.status()).as(ownRequest.body()).isEqualTo(201);
		Http.Response seen = Http.token(this.port, client)
			.get("/api/v1/controllers/mysegretaria-studio-rossi/requests/" + ownRequest.json().get("id").asString());
		assertThat(seen.status()).isEqualTo(200);
		assertThat(Http.token(this.port, client)
			.postJson("/api/v1/controllers/mysegretaria-studio-rossi/requests",
					json("type", "access", "subject", "x@example.org", "channel", "email"))
			.status()).isEqualTo(403);
	}

	@Test
	void proofsAreKeptForThePolicysPeriodAfterTheRequestCloses() throws IOException {
		String yaml;
		try (var in = getClass().getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("acme-test", "acme-proofs")
				.replace("  extension: P2M\n", "  extension: P2M\n  proof_retention: P3M\n");
		}
		Http.Response policy = admin().post("/api/v1/controllers/acme-proofs/policy", "application/yaml", yaml);
		assertThat(policy.status()).as(policy.body()).isEqualTo(201);
		Http.Response created = admin().postJson("/api/v1/controllers/acme-proofs/requests",
				json("type", "access", "subject", "kept.proofs@example.org", "channel", "email", "proofs",
						List.of(proof("identity_document", "documento"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		String path = "/api/v1/controllers/acme-proofs/requests/" + id;
		Http.Response denied = admin().postJson(path + "/deny",
				json("reason", "La persona non risulta tra i nostri clienti"));
		assertThat(denied.status()).as(denied.body()).isEqualTo(200);
		LocalDate closedOn = LocalDate.ofInstant(Instant.parse(denied.json().get("closedAt").asString()), ROME);
		LocalDate deletedOn = LocalDate.parse(denied.json().get("proofsDeletedOn").asString());
		assertThat(deletedOn).isEqualTo(closedOn.plusMonths(3));

		this.proofs.purge(deletedOn.minusDays(1).atTime(12, 0).atZone(ROME).toInstant());
		assertThat(proofCount(id)).isEqualTo(1);
		this.proofs.purge(deletedOn.atStartOfDay(ROME).toInstant());
		assertThat(proofCount(id)).isZero();
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM rights_request").query(Long.class).single();
	}

	private long proofCount(String requestId) {
		return this.jdbc.sql("SELECT count(*) FROM rights_request_proof WHERE request_id = CAST(:r AS uuid)")
			.param("r", requestId)
			.query(Long.class)
			.single();
	}

	static Map<String, String> unzip(byte[] bytes) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
				entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}

	private record JsonView(Http.Response response) {

		String text(String pointer) {
			return this.response.json().at(pointer).asString();
		}

	}

}
