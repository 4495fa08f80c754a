package io.tutela.policy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class PolicyApiIntegrationTest {

	@LocalServerPort
	int port;

	Http http() {
		return Http.admin(this.port);
	}

	@Test
	void uploadsVersionsAndDiffsAPolicy() {
		String v1 = PolicyValidationUnitTest.minimal().replace("acme-test", "acme-versions");
		Http.Response first = http().post("/api/v1/controllers/acme-versions/policy", "application/yaml", v1);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.json().get("version").asInt()).isEqualTo(1);

		Http.Response same = http().post("/api/v1/controllers/acme-versions/policy", "application/yaml", v1);
		assertThat(same.status()).as("the same file again changes nothing").isEqualTo(200);
		assertThat(same.json().get("version").asInt()).isEqualTo(1);

		String v2 = v1.replace("duration: P6M", "duration: P3M").replace("date: 2024-03-01", "date: 2025-01-10");
		Http.Response second = http().post("/api/v1/controllers/acme-versions/policy", "application/yaml", v2);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.json().get("version").asInt()).isEqualTo(2);

		JsonNode versions = http().get("/api/v1/controllers/acme-versions/policy/versions").json();
		assertThat(versions).hasSize(2);
		assertThat(versions.get(1).get("noticeDate").asString()).isEqualTo("2025-01-10");

		JsonNode current = http().get("/api/v1/controllers/acme-versions/policy").json();
		assertThat(current.get("version").asInt()).isEqualTo(2);
		assertThat(current.at("/policy/retention/1/duration").asString()).isEqualTo("P3M");
		JsonNode old = http().get("/api/v1/controllers/acme-versions/policy/versions/1").json();
		assertThat(old.at("/policy/retention/1/duration").asString()).isEqualTo("P6M");

		JsonNode diff = http().get("/api/v1/controllers/acme-versions/policy/diff?from=1&to=2").json();
		assertThat(diff.get("changes")).anySatisfy((c) -> {
			assertThat(c.get("section").asString()).isEqualTo("retention");
			assertThat(c.get("id").asString()).isEqualTo("traffic-billing");
			assertThat(c.get("kind").asString()).isEqualTo("changed");
			assertThat(c.get("field").asString()).isEqualTo("duration");
			assertThat(c.get("before").asString()).isEqualTo("P6M");
			assertThat(c.get("after").asString()).isEqualTo("P3M");
		});
		assertThat(diff.get("changes")).anySatisfy((c) -> assertThat(c.get("field").asString()).isEqualTo("date"));

		JsonNode controllers = http().get("/api/v1/controllers").json();
		assertThat(controllers).anySatisfy((c) -> {
			assertThat(c.get("id").asString()).isEqualTo("acme-versions");
			assertThat(c.get("role").asString()).isEqualTo("controller");
			assertThat(c.get("currentVersion").asInt()).isEqualTo(2);
		});
	}

	@Test
	void aBrokenPolicyIsRefusedWith422ListingEveryProblemAndNothingIsSaved() {
		String yaml = PolicyValidationUnitTest.minimal()
			.replace("acme-test", "acme-broken")
			.replace("duration: P6M", "duration: six months")
			.replace("country: IE", "country: US")
			.replace("then: traffic-justice", "then: nowhere");
		Http.Response response = http().post("/api/v1/controllers/acme-broken/policy", "application/yaml", yaml);
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:tutela:problem:policy-invalid");
		assertThat(problem.get("errors")).hasSizeGreaterThanOrEqualTo(3);
		assertThat(problem.get("errors")).allSatisfy((e) -> {
			assertThat(e.get("path").asString()).isNotEmpty();
			assertThat(e.get("line").asInt()).isPositive();
			assertThat(e.get("message").asString()).isNotEmpty();
		});
		assertThat(http().get("/api/v1/controllers/acme-broken/policy").status()).isEqualTo(404);
	}

	@Test
	void aPolicyUploadedToAnotherControllersPathIsRefused() {
		String yaml = PolicyValidationUnitTest.minimal().replace("acme-test", "acme-elsewhere");
		Http.Response response = http().post("/api/v1/controllers/acme-other/policy", "application/yaml", yaml);
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains("not of 'acme-other'");
	}

	@Test
	void unknownControllersAndVersionsAreProblemDetails404() {
		Http.Response response = http().get("/api/v1/controllers/nobody/policy");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("type").asString()).isEqualTo("urn:tutela:problem:not-found");
		assertThat(http().get("/api/v1/controllers/nobody/policy/versions/3").status()).isEqualTo(404);
	}

	@Test
	void servesHealthAndTheApiDocument() {
		assertThat(http().get("/actuator/health").body()).contains("UP");
		JsonNode api = http().get("/v3/api-docs").json();
		assertThat(api.get("paths").has("/api/v1/controllers/{controllerId}/policy")).isTrue();
		assertThat(http().get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

}
