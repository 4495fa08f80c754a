package io.tutela.subject;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class DemoDataIntegrationTest {

	static final List<String> PROVIDERS = List.of("ipkom", "conecto", "connext", "mysegretaria", "nanosystems",
			"mysegretaria-studio-rossi");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyProviderHasDemoSubjectsWhoseSubject360IsComplete() {
		for (String controller : PROVIDERS) {
			JsonNode page = Http.admin(this.port).get("/api/v1/controllers/" + controller + "/subjects?size=5").json();
			assertThat(page.get("items")).as(controller).isNotEmpty();
			String id = page.at("/items/0/id").asString();
			JsonNode overview = Http.admin(this.port)
				.get("/api/v1/controllers/" + controller + "/subjects/" + id + "/overview")
				.json();
			assertThat(overview.get("categories")).as(controller).isNotEmpty();
			for (JsonNode category : overview.get("categories")) {
				assertThat(category.at("/name/it").asString()).as(controller).isNotEmpty();
				assertThat(category.get("purposes")).as(controller + " " + category.get("id")).isNotEmpty();
				for (JsonNode purpose : category.get("purposes")) {
					assertThat(purpose.get("legalBasis")).as(controller).isNotEmpty();
				}
				for (JsonNode record : category.get("records")) {
					assertThat(record.get("retention")).as(controller + " " + category.get("id") + " retention")
						.isNotEmpty();
					assertThat(record.get("source").asString()).isNotEmpty();
				}
			}
		}
	}

	@Test
	void demoSubjectsOfAHelpdeskAndAReceptionistClientHaveTheirServiceRecords() {
		assertThat(kinds("nanosystems")).contains("support_ticket", "remote_session");
		assertThat(kinds("mysegretaria-studio-rossi")).contains("call_log");
	}

	List<String> kinds(String controller) {
		String id = Http.admin(this.port)
			.get("/api/v1/controllers/" + controller + "/subjects?size=1")
			.json()
			.at("/items/0/id")
			.asString();
		JsonNode overview = Http.admin(this.port)
			.get("/api/v1/controllers/" + controller + "/subjects/" + id + "/overview")
			.json();
		List<String> kinds = new java.util.ArrayList<>();
		overview.get("categories").forEach((c) -> c.get("records").forEach((r) -> kinds.add(r.get("kind").asString())));
		return kinds;
	}

	@Test
	void demoCodiciFiscaliAreValidAndContractsBelongToTheirSubjects() {
		List<String> codes = this.jdbc
			.sql("SELECT codice_fiscale FROM subject WHERE controller_id = 'ipkom' AND codice_fiscale IS NOT NULL")
			.query(String.class)
			.list();
		assertThat(codes).isNotEmpty().allSatisfy((cf) -> assertThat(CodiceFiscale.parse(cf).isValid()).isTrue());
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM contract WHERE controller_id = 'ipkom'").query(Long.class).single())
			.isPositive();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM subject WHERE controller_id = 'connext' AND category = 'prospect_numbers'")
			.query(Long.class)
			.single()).as("a call centre holds prospects too").isPositive();
	}

}
