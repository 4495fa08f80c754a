package io.tutela.consent;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TutelaIntegrationTest
class ConsentApiIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedPostgres embeddedPostgres;

	Http admin() {
		return Http.admin(this.port);
	}

	static Map<String, Object> consent(String who, String value, String scope, String event, String at) {
		Map<String, Object> body = new HashMap<>();
		body.put(who, value);
		body.put("scope", scope);
		body.put("event", event);
		body.put("occurredAt", at);
		body.put("method", "web_form");
		body.put("collectedBy", "call centre desk 3");
		return body;
	}

	@Test
	void theLedgerRecordsEventsWithTheirEvidenceAndListsThemByPerson() {
		Http.Response given = admin().postJson("/api/v1/controllers/conecto/consents",
				consent("phone", "347 111 2233", "automated", "given", "2025-01-10T09:00:00Z"));
		assertThat(given.status()).as(given.body()).isEqualTo(201);
		assertThat(given.json().get("phone").asString()).isEqualTo("+393471112233");
		assertThat(given.json().get("purpose").asString()).as("the policy's marketing purpose").isEqualTo("marketing");
		assertThat(given.json().at("/evidence/noticeVersion").asString()).isEqualTo("1");
		assertThat(given.json().at("/evidence/collectedBy").asString()).isEqualTo("call centre desk 3");
		admin().postJson("/api/v1/controllers/conecto/consents",
				consent("phone", "+393471112233", "email", "withdrawn", "2025-02-10T09:00:00Z"));
		admin().postJson("/api/v1/controllers/conecto/consents",
				consent("phone", "+393479999999", "automated", "given", "2025-02-10T09:00:00Z"));

		JsonNode page = admin().get("/api/v1/controllers/conecto/consents?phone=%2B393471112233").json();
		assertThat(page.get("items")).extracting((e) -> e.get("event").asString())
			.containsExactly("withdrawn", "given");
		String id = given.json().get("id").asString();
		assertThat(admin().get("/api/v1/controllers/conecto/consents/" + id).json().get("scope").asString())
			.isEqualTo("automated");
		assertThat(admin().get("/api/v1/controllers/ipkom/consents/" + id).status())
			.as("another controller's entry is not found")
			.isEqualTo(404);
	}

	@Test
	void aBadEntryIsRefusedWithEveryFieldAndNothingIsWritten() {
		long before = this.jdbc.sql("SELECT count(*) FROM consent_event").query(Long.class).single();
		Map<String, Object> body = consent("phone", "+393471112234", "pigeon", "maybe", "2099-01-01T00:00:00Z");
		body.put("email", "someone@example.org");
		body.put("purpose", "astrology");
		body.put("noticeVersion", "99");
		Http.Response refused = admin().postJson("/api/v1/controllers/conecto/consents", body);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors")).extracting((e) -> e.get("field").asString())
			.contains("subject", "purpose", "scope", "event", "occurredAt", "noticeVersion");
		Http.Response channel = admin().postJson("/api/v1/controllers/conecto/consents",
				consent("phone", "+393471112234", "fax", "given", "2025-01-01T00:00:00Z"));
		assertThat(channel.json().at("/errors/0/message").asString()).contains("does not name fax");
		Http.Response number = admin().postJson("/api/v1/controllers/conecto/consents",
				consent("phone", "12", "automated", "given", "2025-01-01T00:00:00Z"));
		assertThat(number.json().at("/errors/0/field").asString()).isEqualTo("phone");
		assertThat(this.jdbc.sql("SELECT count(*) FROM consent_event").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void nobodyChangesOrRemovesAnEntry() throws Exception {
		admin().postJson("/api/v1/controllers/conecto/consents",
				consent("email", "keep@example.org", "automated", "given", "2025-01-10T09:00:00Z"));
		for (String sql : List.of("UPDATE consent_event SET event = 'given'", "DELETE FROM consent_event",
				"TRUNCATE consent_event")) {
			assertThatThrownBy(() -> this.jdbc.sql(sql).update()).as(sql)
				.rootCause()
				.hasMessageContaining("permission denied for table consent_event");
			assertThatThrownBy(() -> {
				try (Connection c = this.embeddedPostgres.getPostgresDatabase().getConnection();
						Statement s = c.createStatement()) {
					s.execute(sql);
				}
			}).as("as the owner: " + sql).hasMessageContaining("the consent ledger is append-only");
		}
	}

	@Test
	void decisionsApplyTheLedgerSoftSpamAndTheContactExpiry() {
		Http.Response subject = admin().postJson("/api/v1/controllers/conecto/subjects",
				Map.of("customerCode", "CONS-1", "givenName", "Anna", "familyName", "Bruni", "email",
						"anna.bruni@example.org", "phone", "+39 06 6612 3456"));
		String id = subject.json().get("id").asString();
		admin().post("/api/v1/controllers/conecto/imports/contracts", "text/csv",
				"contract_number,subject,start_date\nCONS-K1,CONS-1,2025-01-01\n");
		String base = "/api/v1/controllers/conecto/contact-decision?subject=" + id;
		JsonNode soft = admin().get(base + "&channel=email&asOf=2025-03-01T10:00:00Z").json();
		assertThat(soft.get("allowed").asBoolean()).isTrue();
		assertThat(soft.get("reason").asString()).isEqualTo("soft_spam");
		assertThat(soft.at("/evidence/0/id").asString()).isEqualTo("CONS-K1");
		assertThat(admin().get(base + "&channel=sms&asOf=2025-03-01T10:00:00Z").json().get("reason").asString())
			.isEqualTo("no_consent");

		Map<String, Object> objection = consent("subject", id, "email", "objected", "2025-04-01T08:00:00Z");
		objection.put("method", "unsubscribe_link");
		assertThat(admin().postJson("/api/v1/controllers/conecto/consents", objection).status()).isEqualTo(201);
		JsonNode objected = admin().get(base + "&channel=email&asOf=2025-04-02T10:00:00Z").json();
		assertThat(objected.get("reason").asString()).isEqualTo("objected");
		assertThat(objected.at("/evidence/0/kind").asString()).isEqualTo("ledger");
		assertThat(admin().get(base + "&channel=email&asOf=2025-03-31T10:00:00Z").json().get("allowed").asBoolean())
			.as("the objection acts for the future only")
			.isTrue();

		admin().postJson("/api/v1/controllers/conecto/consents",
				consent("phone", "+393331234567", "automated", "given", "2024-05-10T10:00:00Z"));
		String prospect = "/api/v1/controllers/conecto/contact-decision?phone=333%201234567&channel=operator_call";
		assertThat(admin().get(prospect + "&asOf=2025-05-10T21:59:00Z").json().get("reason").asString())
			.as("10 May 2025, 23:59 in Rome: the last day of the 12 months")
			.isEqualTo("consent");
		assertThat(admin().get(prospect + "&asOf=2025-05-10T22:00:00Z").json().get("reason").asString())
			.isEqualTo("contact_expired");
		assertThat(admin().get(prospect.replace("operator_call", "fax")).json().get("reason").asString())
			.isEqualTo("channel_not_in_notice");

		Http.Response batch = admin().postJson("/api/v1/controllers/conecto/contact-decisions",
				Map.of("channel", "operator_call", "asOf", "2025-01-01T10:00:00Z", "rows",
						List.of(Map.of("phone", "+393331234567"), Map.of("email", "nobody@example.org"),
								Map.of("phone", "+393331234567", "asOf", "2024-06-01T10:00:00Z"))));
		assertThat(batch.status()).as(batch.body()).isEqualTo(200);
		assertThat(batch.json()).extracting((d) -> d.get("reason").asString())
			.containsExactly("consent", "no_consent", "consent");

		Http.Response invalid = admin().get("/api/v1/controllers/conecto/contact-decision?phone=abc&channel=pigeon");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors")).extracting((e) -> e.get("field").asString())
			.contains("phone", "channel");

		String unknown = UUID.randomUUID().toString();
		Http.Response noSuch = admin()
			.get("/api/v1/controllers/conecto/contact-decision?channel=email&subject=" + unknown);
		assertThat(noSuch.status()).as(noSuch.body()).isEqualTo(400);
		assertThat(noSuch.json().get("errors")).singleElement()
			.satisfies((e) -> assertThat(e.get("field").asString() + ": " + e.get("message").asString())
				.isEqualTo("subject: no such subject of this controller"));
		// in a batch: with no other problem, and beside another row's problem
		Http.Response unknownInBatch = admin().postJson("/api/v1/controllers/conecto/contact-decisions",
				Map.of("channel", "operator_call", "rows",
						List.of(Map.of("phone", "+393331234567"), Map.of("subject", unknown))));
		assertThat(unknownInBatch.status()).as(unknownInBatch.body()).isEqualTo(400);
		assertThat(unknownInBatch.json().get("errors")).extracting((e) -> e.get("field").asString())
			.containsExactly("rows[1].subject");
		Http.Response besideAnother = admin().postJson("/api/v1/controllers/conecto/contact-decisions",
				Map.of("channel", "operator_call", "rows", List.of(Map.of("phone", "abc"), Map.of("subject", unknown),
						Map.of("subject", unknown, "channel", "pigeon"))));
		assertThat(besideAnother.status()).as(besideAnother.body()).isEqualTo(400);
		assertThat(besideAnother.json().get("errors")).extracting((e) -> e.get("field").asString())
			.containsExactlyInAnyOrder("rows[0].phone", "rows[1].subject", "rows[2].channel", "rows[2].subject");
	}

}
