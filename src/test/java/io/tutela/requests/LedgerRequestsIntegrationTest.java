package io.tutela.requests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * Objection and consent withdrawal executed on the consent ledger, so that the contact
 * decision refuses afterwards; directory removal executed by instructing the recipients
 * of the directory's category.
 */
@TutelaIntegrationTest
class LedgerRequestsIntegrationTest {

	static final String ID = "acme-ledger";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	/** A new subject of the test controller; answers its id. */
	String subject() throws IOException {
		RequestTests.controller(admin(), ID, (yaml) -> yaml
			.replace("    dpa: signed", "    dpa: signed\n    contact: directory@mailer.example")
			.replace("  offered: [",
					"  directory_category: identity\n  offered: [consent_withdrawal, " + "directory_removal, "));
		String code = "L-" + System.nanoTime();
		Http.Response subject = admin().postJson("/api/v1/controllers/" + ID + "/subjects", Map.of("customerCode", code,
				"givenName", "Nora", "familyName", "Greco", "email", code.toLowerCase() + "@example.org"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		return subject.json().get("id").asString();
	}

	void given(String subjectId, String scope) {
		Map<String, Object> body = new HashMap<>();
		body.put("subject", subjectId);
		body.put("scope", scope);
		body.put("event", "given");
		body.put("occurredAt", "2025-01-10T09:00:00Z");
		body.put("method", "web_form");
		Http.Response given = admin().postJson("/api/v1/controllers/" + ID + "/consents", body);
		assertThat(given.status()).as(given.body()).isEqualTo(201);
	}

	JsonNode decision(String subjectId, String channel) {
		return admin()
			.get("/api/v1/controllers/" + ID + "/contact-decision?subject=" + subjectId + "&channel=" + channel)
			.json();
	}

	/**
	 * Executes a request of the type for the subject; answers the request with its
	 * history.
	 */
	String executed(String controllerId, String type, String subjectId) {
		String path = RequestTests.executed(admin(), controllerId, Map.of("type", type, "subject", subjectId),
				RequestTests.json("proofs",
						java.util.List.of(RequestTests.proof("identity_document", "carta d'identità"))));
		return admin().get(path).body();
	}

	@Test
	void anObjectionIsRecordedOnTheLedgerAndStopsMarketingOnEveryChannel() throws IOException {
		String id = subject();
		given(id, "automated");
		assertThat(decision(id, "email").get("allowed").asBoolean()).isTrue();
		assertThat(decision(id, "operator_call").get("allowed").asBoolean()).isTrue();

		assertThat(executed(ID, "objection", id)).contains("consent ledger, objected: marketing/automated");

		for (String channel : new String[] { "email", "operator_call" }) {
			JsonNode after = decision(id, channel);
			assertThat(after.get("allowed").asBoolean()).as(channel).isFalse();
			assertThat(after.get("reason").asString()).as(channel).isEqualTo("objected");
		}
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM consent_event
				WHERE controller_id = :c AND subject_id = CAST(:s AS uuid) AND event = 'objected'
				  AND method = 'rights_request'""").param("c", ID).param("s", id).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aWithdrawalWithdrawsWhatWasGivenAndOnlyThat() throws IOException {
		String id = subject();
		given(id, "email");
		assertThat(decision(id, "email").get("allowed").asBoolean()).isTrue();

		assertThat(executed(ID, "consent_withdrawal", id)).contains("consent ledger, withdrawn: marketing/email");
		assertThat(decision(id, "email").get("allowed").asBoolean()).isFalse();

		String without = subject();
		assertThat(executed(ID, "consent_withdrawal", without)).contains("nothing to record on the consent ledger");
	}

	@Test
	void aDirectoryRemovalInstructsTheRecipientsOfTheDirectorysData() throws IOException {
		String id = subject();
		assertThat(executed(ID, "directory_removal", id)).contains("directory removal; notified: mailer");
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
				WHERE m.controller_id = :c AND o.recipient = 'directory@mailer.example'
				  AND m.kind = 'rights-directory_removal'""").param("c", ID).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void atIpkomTheDirectoryRemovalNamesTheRecipientsWithoutAnAddress() {
		String code = "IPK-DBU-" + System.nanoTime();
		Http.Response subject = admin().postJson("/api/v1/controllers/ipkom/subjects",
				Map.of("customerCode", code, "givenName", "Piero", "familyName", "Sala"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		assertThat(executed("ipkom", "directory_removal", subject.json().get("id").asString()))
			.contains("directory removal; notified: -; no address:")
			.contains("dbu");
	}

}
