package io.tutela.subject;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class SubjectApiIntegrationTest {

	@LocalServerPort
	int port;

	Http admin() {
		return Http.admin(this.port);
	}

	@Test
	void registersFindsAndRectifiesASubject() {
		Http.Response created = admin().postJson("/api/v1/controllers/conecto/subjects",
				Map.of("customerCode", "API-1", "givenName", "Lucia", "familyName", "Verdi", "phone",
						"+39 347 765 4321", "email", "lucia.verdi@example.org"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("phone").asString()).isEqualTo("+393477654321");
		assertThat(created.json().get("category").asString()).isEqualTo("identity");

		assertThat(admin().get("/api/v1/controllers/conecto/subjects?q=%2B393477654321")
			.json()
			.at("/items/0/id")
			.asString()).isEqualTo(id);
		assertThat(admin().get("/api/v1/controllers/conecto/subjects?q=verd").json().get("items")).hasSize(1);

		Http.Response rectified = admin().put("/api/v1/controllers/conecto/subjects/" + id,
				Map.of("customerCode", "API-1", "givenName", "Lucia", "familyName", "Verdi-Neri"));
		assertThat(rectified.status()).isEqualTo(200);
		assertThat(admin().get("/api/v1/controllers/conecto/subjects/" + id).json().get("familyName").asString())
			.isEqualTo("Verdi-Neri");

		Http.Response invalid = admin().postJson("/api/v1/controllers/conecto/subjects",
				Map.of("codiceFiscale", "RSSMRA85T10A562X", "email", "nope", "category", "telepathy"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors")).extracting((e) -> e.get("field").asString())
			.contains("codice_fiscale", "email", "category");
	}

	@Test
	void theSubject360ShowsEveryRecordWithItsPurposesRecipientsAndRetentionDates() {
		Http.Response imported = admin().post("/api/v1/controllers/ipkom/imports/subjects", "text/csv", """
				customer_code,given_name,family_name,collected_at
				O360-1,Giulia,Neri,2020-03-31
				""");
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		admin().post("/api/v1/controllers/ipkom/imports/contracts", "text/csv", """
				contract_number,subject,start_date,end_date
				O360-K1,O360-1,2020-03-31,2023-03-31
				""");
		String id = admin().get("/api/v1/controllers/ipkom/subjects?q=O360-1").json().at("/items/0/id").asString();

		JsonNode overview = admin()
			.get("/api/v1/controllers/ipkom/subjects/" + id + "/overview?asOf=2033-04-01T10:00:00Z")
			.json();
		JsonNode identity = category(overview, "identity");
		assertThat(identity.at("/name/it").asString()).isNotEmpty();
		assertThat(identity.get("purposes")).extracting((p) -> p.get("id").asString()).contains("contract");
		assertThat(identity.get("purposes").get(0).get("legalBasis").toString()).contains("art. 6(1)");
		JsonNode step = identity.at("/records/0/retention/0");
		assertThat(step.get("rule").asString()).isEqualTo("identity-after-contract");
		assertThat(step.get("dueOn").asString())
			.as("10 years after the contract ended on 31 March 2023, from the next day")
			.isEqualTo("2033-04-01");
		assertThat(step.get("due").asBoolean()).isTrue();

		JsonNode earlier = admin()
			.get("/api/v1/controllers/ipkom/subjects/" + id + "/overview?asOf=2033-03-31T21:00:00Z")
			.json();
		assertThat(category(earlier, "identity").at("/records/0/retention/0/due").asBoolean())
			.as("31 March 2033 23:00 in Rome is still the last day kept")
			.isFalse();
		assertThat(category(overview, "contract").at("/records/0/fields/contract_number").asString())
			.isEqualTo("O360-K1");
	}

	@Test
	void aRunningContractKeepsTheRetentionWaiting() {
		admin().post("/api/v1/controllers/ipkom/imports/subjects", "text/csv", "customer_code\nRUN-1\n");
		admin().post("/api/v1/controllers/ipkom/imports/contracts", "text/csv",
				"contract_number,subject,start_date\nRUN-K1,RUN-1,2024-01-01\n");
		String id = admin().get("/api/v1/controllers/ipkom/subjects?q=RUN-1").json().at("/items/0/id").asString();
		JsonNode step = category(admin().get("/api/v1/controllers/ipkom/subjects/" + id + "/overview").json(),
				"identity")
			.at("/records/0/retention/0");
		assertThat(step.get("dueOn").isNull()).isTrue();
		assertThat(step.get("waitingFor").asString()).isEqualTo("contract_end");
	}

	static JsonNode category(JsonNode overview, String id) {
		for (JsonNode category : overview.get("categories")) {
			if (category.get("id").asString().equals(id)) {
				return category;
			}
		}
		throw new AssertionError("no category " + id + " in " + overview);
	}

}
