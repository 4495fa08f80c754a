package io.tutela.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changed notice told by e-mail to every subject with an address, once, and only when
 * something changed for them; delivered into the built-in mailbox and read on the pages.
 */
@TutelaIntegrationTest
class OutboxIntegrationTest {

	static final String ID = "acme-notice";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Delivery delivery;

	@Autowired
	Outbox outbox;

	@Autowired
	PlatformTransactionManager transactions;

	static String policy() {
		try (InputStream in = OutboxIntegrationTest.class.getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("acme-test", ID);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long queued(String reference) {
		return this.jdbc.sql("""
				SELECT count(*) FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
				WHERE m.controller_id = :c AND m.reference = :r""")
			.param("c", ID)
			.param("r", reference)
			.query(Long.class)
			.single();
	}

	void awaitListeners() throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		while (this.jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
			.query(Long.class)
			.single() > 0) {
			assertThat(Instant.now()).as("module listeners finish").isBefore(until);
			Thread.sleep(100);
		}
	}

	@Test
	void aChangedNoticeIsToldOnceToEverySubjectWithAnAddress() throws Exception {
		Http admin = Http.admin(this.port);
		String v1 = policy();
		assertThat(admin.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", v1).status()).isEqualTo(201);
		for (Map<String, Object> subject : List.<Map<String, Object>>of(
				Map.of("customerCode", "AC-1", "givenName", "Lia", "familyName", "Costa", "email",
						"lia.costa@example.org"),
				Map.of("customerCode", "AC-2", "givenName", "Ivo", "familyName", "Fabbri", "email",
						"ivo.fabbri@example.org"),
				Map.of("customerCode", "AC-3", "givenName", "Noemi", "familyName", "Sala"))) {
			Http.Response created = admin.postJson("/api/v1/controllers/" + ID + "/subjects", subject);
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}

		String v2 = v1.replace("duration: P6M", "duration: P3M").replace("date: 2024-03-01", "date: 2025-01-10");
		assertThat(admin.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", v2).status()).isEqualTo(201);
		awaitListeners();
		assertThat(queued("version-2")).as("one message per subject with an e-mail address").isEqualTo(2);

		String v3 = v2.replace("date: 2025-01-10", "date: 2025-02-01");
		assertThat(admin.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", v3).status()).isEqualTo(201);
		awaitListeners();
		assertThat(queued("version-3")).as("a new date alone tells subjects nothing").isZero();

		UUID mailing = this.jdbc.sql("SELECT id FROM mailing WHERE controller_id = :c AND reference = 'version-2'")
			.param("c", ID)
			.query(UUID.class)
			.single();
		Integer again = new TransactionTemplate(this.transactions).execute((status) -> this.outbox.send(ID, mailing,
				List.of(new Outbox.Recipient(null, "lia.costa@example.org"))));
		assertThat(again).as("a recipient already queued is not queued twice").isZero();

		while (this.delivery.deliverDue() > 0) {
			// until nothing is due
		}
		JsonNode sent = admin.get("/api/v1/controllers/" + ID + "/outbox?state=sent").json();
		assertThat(sent.get("counts").get("sent").asLong()).isEqualTo(2);
		JsonNode message = sent.get("items").get(0);
		assertThat(message.get("transport").asString()).isEqualTo(Transports.MAILBOX);
		assertThat(message.get("recipient").asString()).isIn("lia.costa@example.org", "ivo.fabbri@example.org");
		assertThat(message.get("body").asString())
			.contains("Conservazione «traffic-billing»: modificato (duration): P6M → P3M")
			.contains("Retention «traffic-billing»: changed (duration): P6M → P3M")
			.contains("privacy@acme.test")
			.doesNotContain("2025-02-01");

		Http dpo = Http.session(this.port);
		Staff.Created user = Staff.create(this.port, "dpo-acme-notice", List.of("dpo"), List.of(ID));
		dpo.login(user.username(), user.password());
		Http.Response list = dpo.get("/controllers/" + ID + "/outbox?state=sent");
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(list.body())).contains("acme-notice", "lia.costa@example.org");
		Http.Response one = dpo.get("/controllers/" + ID + "/outbox/" + message.get("id").asString());
		assertThat(HtmlUtils.htmlUnescape(one.body())).contains("P6M → P3M").doesNotContain("id=\"post-action\"");
		assertThat(dpo.get("/controllers/conecto/outbox").status()).isEqualTo(404);

		Http.Response retried = admin
			.postJson("/api/v1/controllers/" + ID + "/outbox/" + message.get("id").asString() + "/retry", Map.of());
		assertThat(retried.status()).isEqualTo(409);
		assertThat(retried.json().get("type").asString()).isEqualTo("urn:tutela:problem:outbox-not-failed");
		Http.Response badState = admin.get("/api/v1/controllers/" + ID + "/outbox?state=lost");
		assertThat(badState.status()).isEqualTo(400);

		Staff.Created operator = Staff.create(this.port, "operator-acme-notice", List.of("operator"), List.of(ID));
		Http operatorSession = Http.session(this.port);
		operatorSession.login(operator.username(), operator.password());
		assertThat(operatorSession.get("/controllers/" + ID + "/outbox").status()).isEqualTo(403);
	}

	@Test
	void aNoticeToldOnlyByPublicationSendsNoMail() throws Exception {
		Http admin = Http.admin(this.port);
		String id = "acme-published";
		String v1 = policy().replace(ID, id)
			.replace("change_notification: [email]", "change_notification: [publication]");
		assertThat(admin.post("/api/v1/controllers/" + id + "/policy", "application/yaml", v1).status()).isEqualTo(201);
		assertThat(admin
			.postJson("/api/v1/controllers/" + id + "/subjects", Map.of("customerCode", "AP-1", "givenName", "Ada",
					"familyName", "Neri", "email", "ada.neri@example.org"))
			.status()).isEqualTo(201);
		String v2 = v1.replace("duration: P6M", "duration: P3M");
		assertThat(admin.post("/api/v1/controllers/" + id + "/policy", "application/yaml", v2).status()).isEqualTo(201);
		awaitListeners();
		assertThat(this.jdbc.sql("SELECT count(*) FROM mailing WHERE controller_id = :c")
			.param("c", id)
			.query(Long.class)
			.single()).isZero();
	}

}
