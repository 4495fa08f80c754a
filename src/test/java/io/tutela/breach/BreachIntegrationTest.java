package io.tutela.breach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The breach register through the API and the console, on known data. */
@TutelaIntegrationTest
class BreachIntegrationTest {

	static final String ID = "acme-breach";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	static String fixture() {
		try (InputStream in = BreachIntegrationTest.class.getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A controller with a breach procedure and three subjects, two of them with an e-mail
	 * address.
	 */
	Http controller() {
		Http admin = Http.admin(this.port);
		if (admin.get("/api/v1/controllers/" + ID + "/policy").status() == 200) {
			return admin;
		}
		String yaml = fixture().replace("acme-test", ID)
			.replace("records:",
					"breach:\n  authority_deadline: PT72H\n  authority: Garante per la protezione dei dati "
							+ "personali\nrecords:");
		assertThat(admin.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", yaml).status())
			.isEqualTo(201);
		for (Map<String, Object> subject : List.<Map<String, Object>>of(
				Map.of("customerCode", "B-1", "givenName", "Lia", "familyName", "Bruni", "email",
						"lia.bruni@example.org"),
				Map.of("customerCode", "B-2", "givenName", "Ugo", "familyName", "Conti", "email",
						"ugo.conti@example.org"),
				Map.of("customerCode", "B-3", "givenName", "Eva", "familyName", "Dini"))) {
			assertThat(admin.postJson("/api/v1/controllers/" + ID + "/subjects", subject).status()).isEqualTo(201);
		}
		return admin;
	}

	static Map<String, Object> breach(String title, Instant aware, String risk, String... categories) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("occurredAt", aware.minus(Duration.ofHours(5)).toString());
		body.put("awareAt", aware.toString());
		body.put("nature", List.of("confidentiality"));
		body.put("description", "Un archivio di backup non cifrato è stato esposto su un server pubblico.");
		body.put("categories", List.of(categories));
		body.put("subjectsApprox", 1200);
		body.put("recordsApprox", 4800);
		body.put("consequences", "Possibile phishing mirato verso i clienti.");
		body.put("measuresTaken", "Server isolato, credenziali ruotate.");
		body.put("measuresProposed", "Cifratura di tutti i backup.");
		body.put("risk", risk);
		return body;
	}

	@Test
	void aBreachSeventyHoursAfterAwarenessIsDueInTwoHoursAndOneAtSeventyThreeIsLate() {
		Http admin = controller();
		Instant now = Instant.now();
		Http.Response due = admin.postJson("/api/v1/controllers/" + ID + "/breaches",
				breach("Backup esposto", now.minus(Duration.ofHours(70)), "risk", "identity"));
		assertThat(due.status()).as(due.body()).isEqualTo(201);
		assertThat(due.json().at("/clock/state").asString()).isEqualTo("due");
		assertThat(due.json().at("/clock/late").asBoolean()).isFalse();
		long minutes = due.json().at("/clock/minutesLeft").asLong();
		assertThat(minutes).isBetween(118L, 120L);

		Http.Response late = admin.postJson("/api/v1/controllers/" + ID + "/breaches",
				breach("Accesso abusivo", now.minus(Duration.ofHours(73)), "high", "identity"));
		assertThat(late.status()).as(late.body()).isEqualTo(201);
		assertThat(late.json().at("/clock/state").asString()).isEqualTo("late");
		String path = "/api/v1/controllers/" + ID + "/breaches/" + late.json().at("/breach/number").asInt();

		Http.Response withoutReason = admin.postJson(path + "/authority-notification", Map.of());
		assertThat(withoutReason.status()).isEqualTo(400);
		assertThat(withoutReason.body()).contains("latenessReason");
		Http.Response notified = admin.postJson(path + "/authority-notification",
				Map.of("latenessReason", "Il fornitore ha confermato l'esposizione solo dopo 60 ore."));
		assertThat(notified.status()).as(notified.body()).isEqualTo(200);
		assertThat(notified.json().at("/clock/state").asString()).isEqualTo("notified");
		assertThat(notified.json().at("/clock/late").asBoolean()).isTrue();
		assertThat(admin.postJson(path + "/authority-notification", Map.of("latenessReason", "x")).status())
			.isEqualTo(409);

		JsonNode drafts = admin.get(path + "/drafts").json();
		String text = drafts.get("notificationText").asString();
		assertThat(text)
			.contains("a) Natura della violazione", "b) Responsabile della protezione dei dati",
					"c) Probabili conseguenze", "d) Misure adottate")
			.contains("violazione della riservatezza", "Un archivio di backup non cifrato", "1.200", "4.800")
			.contains("Maria Bianchi", "dpo@acme.test")
			.contains("Possibile phishing mirato", "Server isolato, credenziali ruotate.",
					"Cifratura di tutti i backup.")
			.contains("Motivi del ritardo", "solo dopo 60 ore")
			.contains("Garante per la protezione dei dati personali");
		assertThat(drafts.get("letterText").asString()).contains("Gentile interessato", "Possibile phishing mirato",
				"dpo@acme.test");
		assertThat(admin.get(path + "/drafts?lang=en").json().get("notificationText").asString())
			.contains("(a) Nature of the breach", "Reasons for the delay");
	}

	@Test
	void theDecisionFollowsTheRiskAndNeedsItsReasons() {
		Http admin = controller();
		Http.Response high = admin.postJson("/api/v1/controllers/" + ID + "/breaches",
				breach("Furto di laptop", Instant.now().minus(Duration.ofHours(3)), "high", "identity"));
		String path = "/api/v1/controllers/" + ID + "/breaches/" + high.json().at("/breach/number").asInt();

		Http.Response silent = admin.postJson(path + "/decision", Map.of("notifyAuthority", false, "authorityReason",
				"nessuno", "notifySubjects", false, "subjectsReason", "nessuno"));
		assertThat(silent.status()).isEqualTo(400);
		assertThat(silent.body()).contains("notifyAuthority", "art34Exception");

		Http.Response excepted = admin.postJson(path + "/decision",
				Map.of("notifyAuthority", true, "authorityReason", "Rischio elevato per gli interessati",
						"notifySubjects", false, "subjectsReason", "Il disco era cifrato", "art34Exception",
						"unintelligible"));
		assertThat(excepted.status()).as(excepted.body()).isEqualTo(200);
		assertThat(excepted.json().at("/breach/art34Exception").asString()).isEqualTo("unintelligible");
		assertThat(excepted.json().get("events").toString()).contains("decision");

		Http.Response unlikely = admin.postJson("/api/v1/controllers/" + ID + "/breaches", breach(
				"Email a destinatario errato", Instant.now().minus(Duration.ofHours(1)), "unlikely", "identity"));
		String other = "/api/v1/controllers/" + ID + "/breaches/" + unlikely.json().at("/breach/number").asInt();
		Http.Response notRequired = admin.postJson(other + "/decision",
				Map.of("notifyAuthority", false, "authorityReason", "Dato di un solo cliente, subito cancellato",
						"notifySubjects", false, "subjectsReason", "Nessun rischio"));
		assertThat(notRequired.status()).as(notRequired.body()).isEqualTo(200);
		assertThat(notRequired.json().at("/clock/state").asString()).isEqualTo("not_required");
		assertThat(admin.get("/api/v1/controllers/" + ID + "/breaches?open=true").body())
			.as("a breach decided not to notify is on the register but not open")
			.doesNotContain("Email a destinatario errato");
		assertThat(admin.get("/api/v1/controllers/" + ID + "/breaches").body()).contains("Email a destinatario errato");
	}

	@Test
	void theSubjectsAffectedComeFromTheRecordsOfTheBreachsCategories() {
		Http admin = controller();
		Http.Response identity = admin.postJson("/api/v1/controllers/" + ID + "/breaches",
				breach("Anagrafica esposta", Instant.now().minus(Duration.ofHours(2)), "risk", "identity"));
		JsonNode affected = admin
			.get("/api/v1/controllers/" + ID + "/breaches/" + identity.json().at("/breach/number").asInt()
					+ "/affected-subjects")
			.json();
		assertThat(affected.get("total").asLong()).isEqualTo(3);
		assertThat(affected.get("items")).extracting((s) -> s.get("channel").asString())
			.containsExactly("email", "email", "none");
		assertThat(affected.get("items").get(0).get("address").asString()).isEqualTo("lia.bruni@example.org");

		Http.Response traffic = admin.postJson("/api/v1/controllers/" + ID + "/breaches",
				breach("Traffico esposto", Instant.now().minus(Duration.ofHours(2)), "risk", "telephone_traffic"));
		assertThat(admin
			.get("/api/v1/controllers/" + ID + "/breaches/" + traffic.json().at("/breach/number").asInt()
					+ "/affected-subjects")
			.json()
			.get("total")
			.asLong()).isZero();
	}

	@Test
	void badInputIsRefusedWholeAndNamesEveryField() {
		Http admin = controller();
		long before = this.jdbc.sql("SELECT count(*) FROM breach").query(Long.class).single();
		Http.Response empty = admin.postJson("/api/v1/controllers/" + ID + "/breaches", Map.of());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.body()).contains("title", "description", "awareAt", "nature", "categories", "consequences",
				"measuresTaken", "risk");
		Map<String, Object> future = breach("Futuro", Instant.now().plus(Duration.ofDays(1)), "risk", "identity");
		future.put("categories", List.of("identity", "dna"));
		Http.Response bad = admin.postJson("/api/v1/controllers/" + ID + "/breaches", future);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("awareAt", "'dna' is not a category");
		assertThat(this.jdbc.sql("SELECT count(*) FROM breach").query(Long.class).single()).isEqualTo(before);

		String plain = fixture().replace("acme-test", "acme-no-procedure");
		assertThat(admin.post("/api/v1/controllers/acme-no-procedure/policy", "application/yaml", plain).status())
			.isEqualTo(201);
		Http.Response noProcedure = admin.postJson("/api/v1/controllers/acme-no-procedure/breaches",
				breach("X", Instant.now().minus(Duration.ofHours(1)), "risk", "identity"));
		assertThat(noProcedure.status()).isEqualTo(409);
		assertThat(noProcedure.json().get("type").asString()).isEqualTo("urn:tutela:problem:no-breach-procedure");
	}

	@Test
	void theDpoKeepsTheRegisterOnTheConsoleAndAnAuditorOnlyReadsIt() {
		controller();
		Staff.Created dpo = Staff.create(this.port, "dpo-acme-breach", List.of("dpo"), List.of(ID));
		Http session = Http.session(this.port);
		session.login(dpo.username(), dpo.password());
		String aware = LocalDateTime.now(ZoneId.of("Europe/Rome"))
			.minusHours(10)
			.truncatedTo(ChronoUnit.MINUTES)
			.toString();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("title", "Ransomware sul gestionale");
		form.put("awareAt", aware);
		form.put("nature", "availability");
		form.put("description", "Il gestionale è stato cifrato da un ransomware.");
		form.put("categories", "identity");
		form.put("subjectsApprox", "300");
		form.put("consequences", "Indisponibilità dei servizi per due giorni.");
		form.put("measuresTaken", "Ripristino dai backup.");
		form.put("risk", "risk");
		Http.Response saved = session.submit("/controllers/" + ID + "/breaches/new",
				"/controllers/" + ID + "/breaches/new", form);
		assertThat(saved.status()).as(saved.body()).isIn(200, 302, 303);
		String page = HtmlUtils.htmlUnescape(session.get(java.net.URI.create(saved.location()).getPath()).body());
		assertThat(page).contains("Ransomware sul gestionale", "a) Natura della violazione",
				"violazione della disponibilità", "Ripristino dai backup.", "id=\"clock\"");

		form.put("awareAt", "ieri");
		Http.Response refused = session.submit("/controllers/" + ID + "/breaches/new",
				"/controllers/" + ID + "/breaches/new", form);
		assertThat(HtmlUtils.htmlUnescape(refused.body())).contains("id=\"form-errors\"", "error-awareAt");

		Staff.Created auditor = Staff.create(this.port, "auditor-acme-breach", List.of("auditor"), List.of(ID));
		Http reader = Http.session(this.port);
		reader.login(auditor.username(), auditor.password());
		assertThat(reader.get("/controllers/" + ID + "/breaches").status()).isEqualTo(200);
		assertThat(reader.get("/controllers/" + ID + "/breaches/new").status()).isEqualTo(403);
		Staff.Created operator = Staff.create(this.port, "operator-acme-breach", List.of("operator"), List.of(ID));
		Http other = Http.session(this.port);
		other.login(operator.username(), operator.password());
		assertThat(other.get("/controllers/" + ID + "/breaches").status()).isEqualTo(403);
	}

}
