package io.tutela.oversight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import io.tutela.outbox.Outbox;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor register from a policy with known recipients and deliveries. */
@TutelaIntegrationTest
class ProcessorRegisterIntegrationTest {

	static final String ID = "acme-processors";

	@LocalServerPort
	int port;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	static String policy() throws IOException {
		try (InputStream in = ProcessorRegisterIntegrationTest.class
			.getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("acme-test", ID)
				.replace("locations:", """
						  - id: crm
						    name: {it: CRM in cloud, en: Cloud CRM}
						    kind: processor
						    country: US
						    transfer:
						      safeguard: scc
						      reference: "Clausole 2021/914, modulo 2"
						    dpa: pending
						    categories: [identity]
						    purposes: [contract]
						    contact: privacy@crm.example
						locations:""");
		}
	}

	@Test
	void eachProcessorShowsItsAgreementTransferAndDeliveriesAndWhatNeedsAttention() throws IOException {
		Http admin = Http.admin(this.port);
		Http.Response uploaded = admin.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", policy());
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			UUID mailing = this.outbox.mailing(ID, "rights-notice", "test-1", "Rettifica", "Testo");
			this.outbox.send(ID, mailing, List.of(new Outbox.Recipient(null, "privacy@crm.example")));
		});
		this.jdbc.sql("UPDATE outbox_message SET state = 'failed', attempts = 8 WHERE controller_id = :c")
			.param("c", ID)
			.update();

		JsonNode entries = admin.get("/api/v1/controllers/" + ID + "/processors").json();
		assertThat(entries).hasSize(2);
		JsonNode mailer = entries.get(0);
		assertThat(mailer.get("id").asString()).isEqualTo("mailer");
		assertThat(mailer.get("dpa").asString()).isEqualTo("signed");
		assertThat(mailer.get("safeguard").isNull()).isTrue();
		assertThat(mailer.get("attention")).extracting(JsonNode::asString).containsExactly("no-contact");
		JsonNode crm = entries.get(1);
		assertThat(crm.get("country").asString()).isEqualTo("US");
		assertThat(crm.get("safeguard").asString()).isEqualTo("scc");
		assertThat(crm.get("deliveries").get("failed").asLong()).isEqualTo(1);
		assertThat(crm.get("attention")).extracting(JsonNode::asString)
			.containsExactly("dpa-pending", "deliveries-failed");

		Staff.Created auditor = Staff.create(this.port, "auditor-processors", List.of("auditor"), List.of(ID));
		Http session = Http.session(this.port);
		session.login(auditor.username(), auditor.password());
		Http.Response page = session.get("/controllers/" + ID + "/processors?lang=en");
		assertThat(page.status()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Cloud CRM", "standard contractual clauses",
				"agreement pending", "deliveries failed", "no address for art. 19 notices");
		Staff.Created operator = Staff.create(this.port, "operator-processors", List.of("operator"), List.of(ID));
		Http other = Http.session(this.port);
		other.login(operator.username(), operator.password());
		assertThat(other.get("/controllers/" + ID + "/processors").status()).isEqualTo(403);
	}

}
