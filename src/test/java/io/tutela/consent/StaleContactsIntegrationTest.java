package io.tutela.consent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic re-check of marketing contact data: Conecto's data expire 12 months
 * ({@code contact_expiry: P12M}) after the last contact, counted on calendar days in
 * Rome, Connext asks again every 12 months ({@code interest_recheck}) before its data
 * expire at 24; the list is on the consent pages.
 */
@TutelaIntegrationTest
class StaleContactsIntegrationTest {

	@LocalServerPort
	int port;

	Http admin() {
		return Http.admin(this.port);
	}

	String subjectWithConsent(String controller, String code, String givenAt) {
		Http.Response created = admin().postJson("/api/v1/controllers/" + controller + "/subjects",
				Map.of("customerCode", code, "familyName", "Stale", "phone",
						"+39 347 555 " + code.substring(code.length() - 4)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(admin()
			.postJson("/api/v1/controllers/" + controller + "/consents", Map.of("subject", id, "scope", "automated",
					"event", "given", "method", "web_form", "occurredAt", givenAt))
			.status()).isEqualTo(201);
		return id;
	}

	Optional<JsonNode> listed(String controller, String asOf, String subject) {
		Http.Response run = admin().post("/api/v1/controllers/" + controller + "/stale-contacts/recheck?asOf=" + asOf,
				"application/json", "");
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		return admin().get("/api/v1/controllers/" + controller + "/stale-contacts?size=500")
			.json()
			.get("items")
			.valueStream()
			.filter((s) -> s.get("subjectId").asString().equals(subject))
			.findFirst();
	}

	@Test
	void conectoDataGoStaleTheDayAfterTwelveMonthsFromTheLastContact() {
		// given on 10 March 2025 at 23:30 in Rome (22:30 UTC): the last day is 10 March
		// 2026
		String id = subjectWithConsent("conecto", "STALE-0001", "2025-03-10T22:30:00Z");
		String later = subjectWithConsent("conecto", "STALE-0002", "2025-06-01T10:00:00Z");
		assertThat(listed("conecto", "2026-03-10T22:59:00Z", id)).as("the last day, 23:59 in Rome").isEmpty();
		JsonNode stale = listed("conecto", "2026-03-10T23:00:00Z", id).orElseThrow();
		assertThat(stale.get("reason").asString()).isEqualTo("contact_expired");
		assertThat(stale.get("lastContact").asString()).isEqualTo("2025-03-10");
		assertThat(stale.get("dueOn").asString()).isEqualTo("2026-03-10");
		assertThat(listed("conecto", "2026-03-10T23:00:00Z", later)).as("contacted later").isEmpty();

		Staff.Created operator = Staff.create(this.port, "stale-operator", List.of("operator"), List.of("conecto"));
		Http session = Http.session(this.port);
		session.login(operator.username(), operator.password());
		String html = HtmlUtils.htmlUnescape(session.get("/controllers/conecto/stale-contacts?lang=it").body());
		assertThat(html).contains("id=\"stale\"", id, "dati di contatto scaduti", "10/03/2026", "P12M");
		assertThat(session.get("/controllers/conecto/consents").body()).contains("id=\"nav-stale\"");
		Http.Response rerun = session.submit("/controllers/conecto/stale-contacts",
				"/controllers/conecto/stale-contacts", Map.of());
		assertThat(rerun.status()).isEqualTo(302);
		assertThat(session.get("/controllers/conecto/stale-contacts?found=1&lang=en").body())
			.as("checked again today: both went stale since")
			.contains(id, later, "id=\"found\"");
		assertThat(session.get("/controllers/ipkom/stale-contacts").status()).isEqualTo(404);

		Staff.Created dpo = Staff.create(this.port, "stale-dpo", List.of("dpo"), List.of("conecto"));
		Http dashboard = Http.session(this.port);
		dashboard.login(dpo.username(), dpo.password());
		String page = dashboard.get("/controllers/conecto/dashboard").body();
		int start = page.indexOf("id=\"figure-conecto-contacts-stale\"");
		assertThat(start).isPositive();
		Matcher headline = Pattern.compile("class=\"value\" href=\"([^\"]+)\">(\\d+)<").matcher(page.substring(start));
		assertThat(headline.find()).isTrue();
		assertThat(headline.group(1)).isEqualTo("/controllers/conecto/stale-contacts");
		assertThat(Long.parseLong(headline.group(2))).as("the figure counts the list it links to")
			.isEqualTo(admin().get("/api/v1/controllers/conecto/stale-contacts?size=500").json().get("items").size())
			.isPositive();
	}

	@Test
	void connextAsksAgainAfterTwelveMonthsAndExpiresAfterTwentyFour() {
		String id = subjectWithConsent("connext", "STALE-0003", "2024-01-10T10:00:00Z");
		assertThat(listed("connext", "2025-01-10T12:00:00Z", id)).isEmpty();
		assertThat(listed("connext", "2025-01-11T12:00:00Z", id).orElseThrow().get("reason").asString())
			.isEqualTo("interest_recheck_due");
		assertThat(listed("connext", "2026-01-11T12:00:00Z", id).orElseThrow().get("reason").asString())
			.isEqualTo("contact_expired");
	}

}
