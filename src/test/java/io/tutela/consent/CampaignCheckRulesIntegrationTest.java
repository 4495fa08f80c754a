package io.tutela.consent;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules a campaign list meets besides those of {@link CampaignCheckIntegrationTest}'s
 * list: a withdrawal, a restricted subject, a consent given after the registration (which
 * the registration does not cancel), the registration's own day (which it does), an
 * inbound callback from someone who objected, a consented third-party number that is
 * registered, and a channel the notice does not name; and a stale check's dial list is
 * refused on the page as in the API.
 */
@TutelaIntegrationTest
class CampaignCheckRulesIntegrationTest {

	static final String API = "/api/v1/controllers/connext";

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	static final LocalDate TODAY = LocalDate.now(ROME);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	void consent(String phone, String scope, String event, LocalDate on, Map<String, Object> more) {
		Map<String, Object> body = new LinkedHashMap<>(more);
		body.put("phone", phone);
		body.put("scope", scope);
		body.put("event", event);
		body.put("occurredAt", on.atTime(10, 0).atZone(ROME).toInstant().toString());
		body.put("method", "recorded_call");
		Http.Response response = admin().postJson(API + "/consents", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	@Test
	void everyOtherRuleGivesItsReasonOnAList() {
		LocalDate registered = TODAY.minusDays(60);
		Http.Response subject = admin().postJson(API + "/subjects",
				Map.of("customerCode", "RULES-1", "familyName", "Ristretto", "phone", "+39 348 100 0001"));
		String restricted = subject.json().get("id").asString();
		Http.Response given = admin().postJson(API + "/consents", Map.of("subject", restricted, "scope", "automated",
				"event", "given", "method", "recorded_call", "occurredAt", "2026-01-05T10:00:00Z"));
		assertThat(given.status()).isEqualTo(201);
		this.jdbc.sql("UPDATE subject SET restricted = true WHERE controller_id = 'connext' AND id = CAST(:id AS uuid)")
			.param("id", restricted)
			.update();
		consent("+393481000002", "automated", "given", TODAY.minusDays(200), Map.of());
		consent("+393481000002", "operator_call", "withdrawn", TODAY.minusDays(10), Map.of());
		consent("+393481000003", "automated", "given", registered.plusDays(1), Map.of());
		consent("+393481000004", "automated", "given", registered, Map.of());
		consent("+393481000005", "automated", "objected", TODAY.minusDays(3), Map.of());
		consent("+393481000006", "automated", "given", TODAY.minusDays(90),
				Map.of("listProvenance", "Liste Srl, lista 2026/2", "thirdPartyUse", true));
		Http.Response snapshot = admin().post(API + "/register-snapshots?takenOn=" + TODAY, "text/csv",
				"number,registered_on\n3481000003," + registered + "\n3481000004," + registered + "\n3481000006,"
						+ registered + "\n");
		assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(201);

		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("+39 348 100 0001,own_archive", "restricted");
		expected.put("348 1000002,own_archive", "withdrawn");
		expected.put("348 1000003,own_archive", "consent");
		expected.put("348 1000004,own_archive", "opposition_register");
		expected.put("348 1000005,inbound_callback", "objected");
		expected.put("348 1000006,third_party_list", "opposition_register");
		Http.Response checked = admin().post(API + "/campaign-checks?name=rules", "text/csv",
				"number,provenance\n" + String.join("\n", expected.keySet()) + "\n");
		assertThat(checked.status()).as(checked.body()).isEqualTo(201);
		JsonNode check = admin().get(API + "/campaign-checks/" + checked.json().at("/check/id").asString()).json();
		assertThat(check.get("results")).extracting((r) -> r.get("reason").asString())
			.containsExactlyElementsOf(expected.values());
		assertThat(check.get("results")).extracting((r) -> r.get("callable").asBoolean())
			.containsExactly(false, false, true, false, false, false);
	}

	/** The reason of the one number of a list checked now. */
	String reasonNow(String number) {
		Http.Response checked = admin().postJson(API + "/campaign-checks",
				Map.of("rows", List.of(Map.of("number", number, "provenance", "own_archive"))));
		assertThat(checked.status()).as(checked.body()).isEqualTo(201);
		return admin().get(API + "/campaign-checks/" + checked.json().at("/check/id").asString())
			.json()
			.at("/results/0/reason")
			.asString();
	}

	@Test
	void aCheckRightAfterAChangeSeesIt() {
		assertThat(admin()
			.post(API + "/register-snapshots?takenOn=" + TODAY, "text/csv",
					"number,registered_on\n3489999998,2020-01-01\n")
			.status()).isEqualTo(201);
		consent("+393481000030", "automated", "given", TODAY.minusDays(20), Map.of());
		assertThat(reasonNow("348 1000030")).isEqualTo("consent");

		consent("+393481000030", "automated", "objected", TODAY.minusDays(1), Map.of());
		assertThat(reasonNow("348 1000030")).as("the objection recorded a moment before").isEqualTo("objected");

		Http.Response subject = admin().postJson(API + "/subjects",
				Map.of("customerCode", "RULES-30", "familyName", "Nuovo", "phone", "+39 348 100 0031"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		consent("+393481000031", "automated", "given", TODAY.minusDays(20), Map.of());
		assertThat(reasonNow("348 1000031")).isEqualTo("consent");
		this.jdbc.sql("UPDATE subject SET restricted = true WHERE controller_id = 'connext' AND id = CAST(:id AS uuid)")
			.param("id", subject.json().get("id").asString())
			.update();
		assertThat(reasonNow("348 1000031")).as("the restriction made a moment ago").isEqualTo("restricted");
	}

	@Test
	void aChannelTheNoticeDoesNotNameCallsNobody() {
		Http.Response checked = admin().postJson("/api/v1/controllers/conecto/campaign-checks", Map.of("channel", "fax",
				"rows", List.of(Map.of("number", "3481000010", "provenance", "public_directory"))));
		assertThat(checked.status()).as(checked.body()).isEqualTo(201);
		assertThat(checked.json().at("/check/callable").asLong()).isZero();
		JsonNode check = admin()
			.get("/api/v1/controllers/conecto/campaign-checks/" + checked.json().at("/check/id").asString())
			.json();
		assertThat(check.at("/results/0/reason").asString()).isEqualTo("channel_not_in_notice");
	}

	@Test
	void aStaleCheckCannotBeDialledFromThePageEither() {
		assertThat(admin()
			.post(API + "/register-snapshots?takenOn=" + TODAY, "text/csv",
					"number,registered_on\n3489999999,2020-01-01\n")
			.status()).isEqualTo(201);
		Http.Response checked = admin().postJson(API + "/campaign-checks", Map.of("name", "rules-stale", "rows",
				List.of(Map.of("number", "3481000020", "provenance", "inbound_callback"))));
		assertThat(checked.status()).as(checked.body()).isEqualTo(201);
		String id = checked.json().at("/check/id").asString();
		assertThat(admin().get(API + "/campaign-checks/" + id + "/dial-list").status()).isEqualTo(200);
		this.jdbc
			.sql("UPDATE campaign_check SET checked_at = checked_at - interval '16 days' WHERE id = CAST(:id AS uuid)")
			.param("id", id)
			.update();
		assertThat(admin().get(API + "/campaign-checks/" + id + "/dial-list").status()).isEqualTo(409);
		Staff.Created dpo = Staff.create(this.port, "rules-dpo", List.of("dpo"), List.of("connext"));
		Http session = Http.session(this.port);
		session.login(dpo.username(), dpo.password());
		assertThat(session.get("/controllers/connext/campaign-checks/" + id).body()).as("the page offers no dial list")
			.contains("id=\"stale\"")
			.doesNotContain("id=\"dial-list\"");
		assertThat(session.get("/controllers/connext/campaign-checks?stale=true").body())
			.contains("/controllers/connext/campaign-checks/" + id);
	}

}
