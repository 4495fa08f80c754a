package io.tutela;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people do reaches the audit log: logins, administrators' actions, reads and writes
 * of personal data.
 */
@TutelaIntegrationTest
class AuditTrailIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	List<Map<String, Object>> events(String action) {
		return this.jdbc.sql("SELECT * FROM audit_event WHERE action = :a ORDER BY seq")
			.param("a", action)
			.query()
			.listOfRows();
	}

	@Test
	void loginsAndAdministratorsActionsAreAudited() {
		Staff.Created created = Staff.create(this.port, "audited-operator", List.of("operator"), List.of("ipkom"));
		Map<String, Object> creation = events("account.create").get(events("account.create").size() - 1);
		assertThat(creation.get("actor")).isEqualTo("admin");
		assertThat(creation.get("actor_role")).isEqualTo("SYSTEM_ADMINISTRATOR");

		Http.session(this.port)
			.submit("/login", "/login", Map.of("username", created.username(), "password", "wrong-one"));
		Http.session(this.port).login(created.username(), created.password());
		List<Map<String, Object>> logins = this.jdbc
			.sql("SELECT * FROM audit_event WHERE action = 'login.password' AND :id = ANY (target_ids) ORDER BY seq")
			.param("id", created.id())
			.query()
			.listOfRows();
		assertThat(logins).extracting((e) -> e.get("outcome")).containsSubsequence("failure", "success");
		assertThat(logins.get(logins.size() - 1).get("actor")).isEqualTo(created.username());
	}

	@Test
	void readsAndWritesOfPersonalDataAreAuditedWithTheirRecords() {
		Http admin = Http.admin(this.port);
		JsonNode subject = admin
			.postJson("/api/v1/controllers/nanosystems/subjects",
					Map.of("licenceNumber", "LIC-AUDIT-1", "email", "audit@example.org"))
			.json();
		String id = subject.get("id").asString();
		admin.get("/api/v1/controllers/nanosystems/subjects/" + id);
		admin.get("/api/v1/controllers/nanosystems/subjects/" + id + "/overview");
		for (String action : List.of("subject.create", "subject.read", "subject_360.read")) {
			assertThat(this.jdbc
				.sql("SELECT count(*) FROM audit_event WHERE action = :a AND controller_id = 'nanosystems' "
						+ "AND :id = ANY (target_ids)")
				.param("a", action)
				.param("id", id)
				.query(Long.class)
				.single()).as(action).isPositive();
		}
		assertThat(admin.get("/api/v1/audit/verify").json().get("ok").asBoolean()).isTrue();
	}

	@Test
	void theWholeLogIsOnlyForAccountsThatSeeEveryController() {
		Staff.Created scoped = Staff.create(this.port, "scoped-auditor", List.of("auditor"), List.of("ipkom"));
		Http session = Http.session(this.port);
		session.login(scoped.username(), scoped.password());
		assertThat(session.get("/audit").status()).isEqualTo(403);
		assertThat(session.get("/api/v1/controllers/ipkom/audit").status()).isEqualTo(200);
		assertThat(session.get("/api/v1/controllers/conecto/audit").status()).isEqualTo(404);
		assertThat(Http.admin(this.port).get("/api/v1/audit/verify").status()).isEqualTo(200);
	}

}
