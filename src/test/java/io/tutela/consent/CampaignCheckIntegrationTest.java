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
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-built campaign list that covers every provenance and every rule, checked against
 * a register snapshot and the ledger of Connext (which uses the register).
 */
@TutelaIntegrationTest
class CampaignCheckIntegrationTest {

	static final String API = "/api/v1/controllers/connext";

	static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Rome"));

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	String at(int daysAgo) {
		return TODAY.minusDays(daysAgo).atTime(12, 0).atZone(ZoneId.of("Europe/Rome")).toInstant().toString();
	}

	void consent(String who, String value, String scope, String event, int daysAgo, Map<String, Object> more) {
		Map<String, Object> body = new LinkedHashMap<>(more);
		body.put(who, value);
		body.put("scope", scope);
		body.put("event", event);
		body.put("occurredAt", at(daysAgo));
		body.put("method", "recorded_call");
		Http.Response response = admin().postJson(API + "/consents", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	String subject(String code, String phone) {
		Http.Response created = admin().postJson(API + "/subjects",
				Map.of("customerCode", code, "familyName", "Campagna", "phone", phone));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	Http.Response snapshot(String csv) {
		return admin().post(API + "/register-snapshots?takenOn=" + TODAY, "text/csv", csv);
	}

	@Test
	void everyNumberOfAListIsCallableOrNotForItsReason() {
		String registered = TODAY.minusDays(100).toString();
		String s1 = subject("CC-1", "+39 06 1111 0001");
		String s2 = subject("CC-2", "+39 06 1111 0002");
		String s3 = subject("CC-3", "+39 06 1111 0003");
		Http.Response contracts = admin().post(API + "/imports/contracts", "text/csv",
				"contract_number,subject,start_date,end_date\nCC-K1,CC-1,2020-01-01,\nCC-K2,CC-2,2020-01-01,"
						+ TODAY.minusDays(10) + "\nCC-K3,CC-3,2020-01-01," + TODAY.minusDays(40) + "\n");
		assertThat(contracts.status()).as(contracts.body()).isEqualTo(200);
		for (String id : List.of(s1, s2, s3)) {
			consent("subject", id, "automated", "given", 200, Map.of());
		}
		consent("phone", "+393470000004", "automated", "given", 30, Map.of());
		consent("phone", "+393470000005", "automated", "given", 200, Map.of());
		consent("phone", "+393470000006", "traditional", "given", 50, Map.of());
		consent("phone", "+393470000009", "automated", "given", 30,
				Map.of("listProvenance", "Liste Srl, lista 2025/7", "thirdPartyUse", true));
		consent("phone", "+393470000010", "automated", "given", 30, Map.of());
		consent("phone", "+393470000012", "traditional", "objected", 5, Map.of());
		consent("phone", "+393470000014", "automated", "given", 365 * 3, Map.of());

		Http.Response imported = snapshot(
				"number,registered_on\n"
						+ String
							.join("\n",
									List.of("0611110001", "0611110002", "0611110003", "3470000005", "3470000006",
											"3470000008", "+393470000011"))
							.replaceAll("(?m)$", "," + registered)
						+ "\n");
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.json().get("entries").asLong()).isEqualTo(7);

		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("06 1111 0001,own_archive", "consent");
		expected.put("06 1111 0002,own_archive", "consent");
		expected.put("06 1111 0003,own_archive", "opposition_register");
		expected.put("347 0000004,own_archive", "consent");
		expected.put("347 0000005,own_archive", "opposition_register");
		expected.put("347 0000006,own_archive", "consent");
		expected.put("347 0000007,public_directory", "public_directory");
		expected.put("347 0000008,public_directory", "opposition_register");
		expected.put("347 0000009,third_party_list", "consent");
		expected.put("347 0000010,third_party_list", "no_third_party_consent");
		expected.put("347 0000011,inbound_callback", "inbound_callback");
		expected.put("347 0000012,public_directory", "objected");
		expected.put("347 0000013,own_archive", "no_consent");
		expected.put("347 0000014,own_archive", "contact_expired");
		expected.put("12345,public_directory", "invalid_number");
		Http.Response checked = admin().post(API + "/campaign-checks?name=autumn", "text/csv",
				"number,provenance\n" + String.join("\n", expected.keySet()) + "\n");
		assertThat(checked.status()).as(checked.body()).isEqualTo(201);
		String id = checked.json().at("/check/id").asString();
		assertThat(checked.json().at("/check/numbers").asLong()).isEqualTo(15);
		assertThat(checked.json().at("/check/callable").asLong()).isEqualTo(7);

		JsonNode check = admin().get(API + "/campaign-checks/" + id).json();
		assertThat(check.get("staleReason").isNull()).isTrue();
		assertThat(check.get("results")).extracting((r) -> r.get("reason").asString())
			.containsExactlyElementsOf(expected.values());
		assertThat(check.at("/results/0/number").asString()).isEqualTo("+390611110001");
		assertThat(check.get("results")).allSatisfy((r) -> assertThat(r.get("callable").asBoolean()).isEqualTo(
				List.of("consent", "public_directory", "inbound_callback").contains(r.get("reason").asString())));

		Http.Response csv = admin().get(API + "/campaign-checks/" + id + "/results.csv");
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).startsWith("line,number,provenance,callable,reason\n")
			.contains("3,+390611110003,own_archive,false,opposition_register\n")
			.contains("15,12345,public_directory,false,invalid_number\n");
		Http.Response dial = admin().get(API + "/campaign-checks/" + id + "/dial-list");
		assertThat(dial.status()).isEqualTo(200);
		assertThat(dial.body().lines().skip(1)).hasSize(7).contains("+393470000007,public_directory");

		this.jdbc
			.sql("UPDATE campaign_check SET checked_at = checked_at - interval '15 days' WHERE id = CAST(:id AS uuid)")
			.param("id", id)
			.update();
		assertThat(admin().get(API + "/campaign-checks/" + id + "/dial-list").status())
			.as("checked 15 days ago: still the last day")
			.isEqualTo(200);
		this.jdbc
			.sql("UPDATE campaign_check SET checked_at = checked_at - interval '1 day' WHERE id = CAST(:id AS uuid)")
			.param("id", id)
			.update();
		Http.Response stale = admin().get(API + "/campaign-checks/" + id + "/dial-list");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("type").asString()).isEqualTo("urn:tutela:problem:campaign-check-stale");
		assertThat(admin().get(API + "/campaign-checks/" + id).json().get("staleReason").asString()).contains("P15D");
	}

	@Test
	void aNewerSnapshotMakesACheckStale() {
		assertThat(snapshot("number,registered_on\n3471234567,2024-01-01\n").status()).isEqualTo(201);
		Http.Response checked = admin().postJson(API + "/campaign-checks",
				Map.of("rows", List.of(Map.of("number", "3471234567", "provenance", "public_directory"),
						Map.of("number", "3471234568", "provenance", "public_directory"))));
		assertThat(checked.status()).as(checked.body()).isEqualTo(201);
		String id = checked.json().at("/check/id").asString();
		assertThat(admin().get(API + "/campaign-checks/" + id + "/dial-list").body().lines().skip(1))
			.containsExactly("+393471234568,public_directory");
		assertThat(snapshot("number,registered_on\n3471234568,2024-01-01\n").status()).isEqualTo(201);
		Http.Response stale = admin().get(API + "/campaign-checks/" + id + "/dial-list");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("detail").asString()).contains("newer register snapshot");
	}

	@Test
	void aBadSnapshotOrListIsRefusedWholeWithItsRowsAndFields() {
		long before = this.jdbc.sql("SELECT count(*) FROM register_snapshot").query(Long.class).single();
		Http.Response bad = snapshot("number,registered_on\n3471234567,2024-01-01\nabc,2024-01-01\n3471234569,"
				+ TODAY.plusDays(1) + "\n3471234569,someday\n");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.json().get("errors")).extracting((e) -> e.get("line").asLong() + ":" + e.get("field").asString())
			.containsExactly("3:number", "4:registered_on", "5:registered_on");
		assertThat(this.jdbc.sql("SELECT count(*) FROM register_snapshot").query(Long.class).single())
			.isEqualTo(before);
		assertThat(admin()
			.post("/api/v1/controllers/conecto/register-snapshots?takenOn=" + TODAY, "text/csv",
					"number,registered_on\n")
			.json()
			.at("/errors/0/field")
			.asString()).as("Conecto's policy does not use the register").isEqualTo("marketing.opposition_register");
		Http.Response list = admin().postJson(API + "/campaign-checks",
				Map.of("channel", "pigeon", "rows", List.of(Map.of("number", "3471234567", "provenance", "friend"))));
		assertThat(list.status()).isEqualTo(400);
		assertThat(list.json().get("errors")).extracting((e) -> e.get("field").asString())
			.contains("channel", "rows[0].provenance");
	}

}
