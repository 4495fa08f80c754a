package io.tutela.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API answers in JSON: records are not rendered as XML or YAML by the other libraries
 * on the class path, and a contact decision is JSON whatever the request accepts.
 */
@TutelaIntegrationTest
class AnswersAreJsonIntegrationTest {

	private static final String DECISION = "/api/v1/controllers/connext/contact-decision?channel=operator_call"
			+ "&phone=%2B393480000001";

	@LocalServerPort
	int port;

	@Test
	void recordsAreNotRenderedAsXmlOrYaml() {
		for (String type : new String[] { "application/yaml", "application/xml", "text/xml" }) {
			Http.Response me = Http.admin(this.port).header("Accept", type).get("/api/v1/me");
			assertThat(me.status()).as(type + ": " + me.body()).isEqualTo(406);
		}
		Http.Response json = Http.admin(this.port).header("Accept", "application/json").get("/api/v1/me");
		assertThat(json.status()).isEqualTo(200);
		assertThat(json.contentType()).startsWith("application/json");
	}

	@Test
	void aDecisionIsJsonWhateverTheRequestAccepts() {
		for (String type : new String[] { "*/*", "application/json", "application/xml", "text/csv" }) {
			Http.Response decision = Http.admin(this.port).header("Accept", type).get(DECISION);
			assertThat(decision.status()).as(type + ": " + decision.body()).isEqualTo(200);
			assertThat(decision.contentType()).as(type).startsWith("application/json");
			assertThat(decision.body()).contains("\"allowed\"");
		}
		Http.Response refused = Http.admin(this.port)
			.header("Accept", "application/xml")
			.get("/api/v1/controllers/connext/contact-decision?channel=pigeon&phone=%2B393480000001");
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("channel");
	}

}
