package io.tutela.requests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restriction and rectification executed, and the recipients of the subject's data told
 * through the outbox in the same step (art. 19).
 */
@TutelaIntegrationTest
class RecipientNoticesIntegrationTest {

	static final String ID = "acme-rights";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	String setUp() throws IOException {
		RequestTests.controller(admin(), ID,
				(yaml) -> yaml.replace("    dpa: signed", "    dpa: signed\n    contact: notices@mailer.example"));
		String code = "R-" + System.nanoTime();
		Http.Response subject = admin().postJson("/api/v1/controllers/" + ID + "/subjects", Map.of("customerCode", code,
				"givenName", "Irene", "familyName", "Valli", "email", code.toLowerCase() + "@example.org"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		return code;
	}

	String executed(String type, String subject, String details) {
		String path = RequestTests.executed(admin(), ID, Map.of("type", type, "subject", subject, "details", details),
				Map.of());
		assertThat(admin().get(path).body()).contains("notified: mailer");
		return path.substring(path.lastIndexOf('/') + 1);
	}

	JsonNode messageOf(String requestId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
				WHERE m.controller_id = :c AND m.reference = :r AND o.recipient = 'notices@mailer.example'""")
			.param("c", ID)
			.param("r", "request-" + requestId)
			.query(Long.class)
			.single() == 1 ? admin().get("/api/v1/controllers/" + ID + "/outbox").json() : null;
	}

	@Test
	void aRestrictionBlocksTheSubjectAndTellsTheRecipients() throws IOException {
		String code = setUp();
		String request = executed("restriction", code, "Contesto l'esattezza dei miei dati");
		JsonNode outbox = messageOf(request);
		assertThat(outbox).as("one message to the recipient's address").isNotNull();
		String body = this.jdbc.sql("SELECT m.body FROM mailing m WHERE m.controller_id = :c AND m.reference = :r")
			.param("c", ID)
			.param("r", "request-" + request)
			.query(String.class)
			.single();
		assertThat(body).contains("art. 19", "Irene Valli", code, "Contesto l'esattezza dei miei dati",
				"privacy@acme.test");

		String subjectId = this.jdbc.sql("SELECT id::text FROM subject WHERE controller_id = :c AND customer_code = :k")
			.param("c", ID)
			.param("k", code)
			.query(String.class)
			.single();
		assertThat(admin().get("/api/v1/controllers/" + ID + "/subjects/" + subjectId + "/overview")
			.json()
			.get("restricted")
			.asBoolean()).isTrue();
	}

	@Test
	void aRectificationTellsTheRecipientsWhatWasCorrected() throws IOException {
		String code = setUp();
		String request = executed("rectification", code, "Il cognome corretto è Valli, non Vallli");
		assertThat(messageOf(request)).isNotNull();
		assertThat(this.jdbc.sql("SELECT m.subject_line FROM mailing m WHERE m.reference = :r")
			.param("r", "request-" + request)
			.query(String.class)
			.single()).contains("Rectification");
	}

	@Test
	void aRequestForSomeoneUnknownCannotBeExecutedOnTheirData() throws IOException {
		setUp();
		Http.Response created = admin().postJson("/api/v1/controllers/" + ID + "/requests",
				Map.of("type", "restriction", "subject", "nobody@example.org", "channel", "email"));
		String path = "/api/v1/controllers/" + ID + "/requests/" + created.json().get("id").asString();
		assertThat(admin().postJson(path + "/verify-identity", Map.of()).status()).isEqualTo(200);
		Http.Response refused = admin().postJson(path + "/execute", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:tutela:problem:request-subject-unknown");
		assertThat(admin().get(path).json().get("state").asString()).isEqualTo("identity_verified");
	}

}
