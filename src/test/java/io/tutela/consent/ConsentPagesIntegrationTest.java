package io.tutela.consent;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class ConsentPagesIntegrationTest {

	@LocalServerPort
	int port;

	Http login(String name, String role, String controller) {
		Staff.Created created = Staff.create(this.port, name, List.of(role), List.of(controller));
		Http session = Http.session(this.port);
		session.login(created.username(), created.password());
		return session;
	}

	@Test
	void anOperatorRecordsAConsentSeesItsHistoryAndTestsADecision() {
		Http session = login("consent-pages-operator", "operator", "conecto");
		Http.Response subject = Http.admin(this.port)
			.postJson("/api/v1/controllers/conecto/subjects",
					Map.of("customerCode", "PAGE-C1", "familyName", "Pagine", "phone", "+39 347 222 3344"));
		String id = subject.json().get("id").asString();
		Http.Response overview = session.get("/controllers/conecto/subjects/" + id);
		assertThat(overview.body()).contains("id=\"link-consents\"", "/controllers/conecto/consents?subject=" + id);

		String page = "/controllers/conecto/consents?subject=" + id;
		Http.Response refused = session.submit(page, "/controllers/conecto/consents",
				Map.of("subject", id, "scope", "pigeon", "event", "given", "method", ""));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"errors\"", "<code>scope</code>", "<code>method</code>");

		Http.Response recorded = session.submit(page, "/controllers/conecto/consents", Map.of("subject", id, "scope",
				"automated", "event", "given", "occurredAt", "2025-06-01T10:30", "method", "signed_form"));
		assertThat(recorded.status()).isEqualTo(302);
		Http.Response history = session.get(recorded.location().replaceFirst("^https?://[^/]+", "") + "&lang=it");
		String html = HtmlUtils.htmlUnescape(history.body());
		assertThat(html).contains("id=\"recorded\"", "01/06/2025 10:30", "consenso prestato",
				"canali automatizzati (e tradizionali)", "signed_form");

		Http.Response decision = session.get("/controllers/conecto/contact-decision?subject=" + id
				+ "&channel=operator_call&purpose=marketing&asOf=2025-07-01T09:00&lang=en");
		assertThat(decision.body()).contains("id=\"decision\"", "Contact allowed", "a consent covers the channel");
		Http.Response expired = session.get("/controllers/conecto/contact-decision?subject=" + id
				+ "&channel=operator_call&purpose=marketing&asOf=2026-06-02T09:00&lang=it");
		assertThat(HtmlUtils.htmlUnescape(expired.body())).contains("Contatto non consentito",
				"dati di contatto per il marketing scaduti");
		assertThat(session.get("/controllers/ipkom/consents").status()).as("another controller").isEqualTo(404);
	}

	@Test
	void theDpoImportsASnapshotChecksAListAndDownloadsTheDialList() {
		Http session = login("consent-pages-dpo", "dpo", "connext");
		LocalDate today = LocalDate.now(ZoneId.of("Europe/Rome"));
		Http.Response bad = session.upload("/controllers/connext/register-snapshots",
				"/controllers/connext/register-snapshots", Map.of("takenOn", today.toString()), "file", "rpo.csv",
				"number,registered_on\nabc,2024-01-01\n");
		assertThat(HtmlUtils.htmlUnescape(bad.body())).contains("id=\"rejected\"", "riga 2, number");
		Http.Response imported = session.upload("/controllers/connext/register-snapshots",
				"/controllers/connext/register-snapshots", Map.of("takenOn", today.toString()), "file", "rpo.csv",
				"number,registered_on\n3475550001,2024-01-01\n");
		assertThat(imported.body()).contains("id=\"imported\"", "rpo.csv");

		Http.Response checked = session.upload("/controllers/connext/campaign-checks",
				"/controllers/connext/campaign-checks", Map.of("name", "spring", "channel", "operator_call"), "file",
				"list.csv", "number,provenance\n3475550001,public_directory\n3475550002,public_directory\n");
		assertThat(checked.status()).isEqualTo(302);
		Http.Response check = session.get(checked.location().replaceFirst("^https?://[^/]+", "") + "?lang=en");
		assertThat(check.body()).contains("id=\"fresh\"", "registered in the opposition register",
				"public directory number not in the opposition register", "id=\"dial-list\"");
		String dial = check.body().replaceAll("(?s).*id=\"dial-list\" href=\"([^\"]+)\".*", "$1");
		Http.Response list = session.get(HtmlUtils.htmlUnescape(dial));
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).isEqualTo("number,provenance\n+393475550002,public_directory\n");
		assertThat(session.get("/controllers/connext/campaign-checks").body()).contains("spring");
	}

	@Test
	void anAuditorReadsButDoesNotWrite() {
		Http session = login("consent-pages-auditor", "auditor", "conecto");
		Http.Response ledger = session.get("/controllers/conecto/consents");
		assertThat(ledger.status()).isEqualTo(200);
		assertThat(ledger.body()).doesNotContain("id=\"record-form\"");
		assertThat(session.get("/controllers/conecto/contact-decision").status()).isEqualTo(200);
		Http.Response post = session.submit("/controllers/conecto/consents", "/controllers/conecto/consents",
				Map.of("phone", "+393470001111", "scope", "automated", "event", "given", "method", "x"));
		assertThat(post.status()).isEqualTo(403);
	}

}
