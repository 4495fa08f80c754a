package io.tutela.consent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stale campaigns on the dashboard: the same campaigns the list shows with stale=true.
 */
@TutelaIntegrationTest
class CampaignFiguresIntegrationTest {

	static final String ID = "acme-campaigns";

	static final String API = "/api/v1/controllers/" + ID;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	String check(Http admin, String name) {
		Http.Response checked = admin.postJson(API + "/campaign-checks", Map.of("name", name, "channel",
				"operator_call", "rows", List.of(Map.of("number", "3471234567", "provenance", "public_directory"))));
		assertThat(checked.status()).as(checked.body()).isEqualTo(201);
		return checked.json().at("/check/id").asString();
	}

	static long stale(String dashboard) {
		int start = dashboard.indexOf("id=\"figure-" + ID + "-campaigns-stale\"");
		assertThat(start).isPositive();
		Matcher m = Pattern.compile("class=\"value\" href=\"[^\"]+\">(\\d+)<").matcher(dashboard.substring(start));
		assertThat(m.find()).isTrue();
		return Long.parseLong(m.group(1));
	}

	@Test
	void aCampaignWhoseNewestCheckIsStaleIsCountedUntilItIsCheckedAgain() throws IOException {
		Http admin = Http.admin(this.port);
		try (InputStream in = getClass().getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("acme-test", ID)
				.replace("  channels: [email, operator_call]\n",
						"  channels: [email, operator_call]\n"
								+ "  opposition_register: true\n  opposition_register_grace: P30D\n"
								+ "  campaign_check_validity: P15D\n");
			Http.Response uploaded = admin.post(API + "/policy", "application/yaml", yaml);
			assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		}
		Http.Response snapshot = admin.post(API + "/register-snapshots?takenOn=" + java.time.LocalDate.now(),
				"text/csv", "number,registered_on\n3470000001,2024-01-01\n");
		assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(201);
		String spring = check(admin, "primavera");
		check(admin, "autunno");
		this.jdbc
			.sql("UPDATE campaign_check SET checked_at = checked_at - interval '20 days' WHERE id = CAST(:id AS uuid)")
			.param("id", spring)
			.update();

		Staff.Created dpo = Staff.create(this.port, "dpo-campaigns", List.of("dpo"), List.of(ID));
		Http session = Http.session(this.port);
		session.login(dpo.username(), dpo.password());
		assertThat(stale(session.get("/dashboard").body())).isEqualTo(1);
		String list = session.get("/controllers/" + ID + "/campaign-checks?stale=true").body();
		assertThat(list).contains("primavera").doesNotContain("autunno");

		check(admin, "primavera");
		assertThat(stale(session.get("/dashboard").body())).as("checked again").isZero();
		assertThat(session.get("/controllers/" + ID + "/campaign-checks?stale=true").body())
			.doesNotContain("primavera");
	}

}
