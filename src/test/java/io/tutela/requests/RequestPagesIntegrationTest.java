package io.tutela.requests;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class RequestPagesIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private Http login(String username, String role) {
		Staff.Created staff = Staff.create(this.port, username, List.of(role), List.of("ipkom", "conecto"));
		Http session = Http.session(this.port);
		session.login(staff.username(), staff.password());
		return session;
	}

	@Test
	void anOperatorRecordsARequestAndTheDpoVerifiesExecutesAndDownloads() throws IOException {
		Http operator = login("pages-req-operator", "operator");
		String form = "/controllers/ipkom/requests/new";
		Http.Response page = operator.get(form + "?lang=it");
		assertThat(page.status()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Registra una richiesta",
				"email, pec, registered_mail", "Documento d'identità");

		long before = count();
		Http.Response telephone = operator.submit(form, "/controllers/ipkom/requests",
				Map.of("type", "access", "subject", "pages.person@example.org", "channel", "telephone"));
		assertThat(telephone.status()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(telephone.body())).contains("id=\"request-invalid\"", "error-channel",
				"does not accept requests by telephone");
		Http.Response noDelegate = operator.submit(form, "/controllers/ipkom/requests", Map.of("type", "access",
				"subject", "pages.person@example.org", "channel", "email", "requester", "delegate"));
		assertThat(noDelegate.body()).contains("error-delegateName");
		assertThat(count()).isEqualTo(before);

		Http.Response received = operator.submit(form, "/controllers/ipkom/requests", Map.of("type", "access",
				"subject", "pages.person@example.org", "channel", "email", "details", "Copia dei dati"));
		assertThat(received.status()).isEqualTo(302);
		String path = received.location().replaceAll("\\?.*", "").replaceAll("^https?://[^/]+", "");
		assertThat(path).matches("/controllers/ipkom/requests/[0-9a-f-]{36}");
		Http.Response detail = operator.get(path + "?done=received&lang=it");
		assertThat(HtmlUtils.htmlUnescape(detail.body()))
			.contains("La richiesta è stata registrata", "Accesso (art. 15)",
					"non noto al titolare: pages.person@example.org", "id=\"days-left\">30<", "Cronologia")
			.doesNotContain("id=\"deny-form\"");

		Http.Response noDocument = operator.submit(path, path + "/verify-identity", Map.of());
		assertThat(HtmlUtils.htmlUnescape(noDocument.body())).contains("id=\"action-failed\"",
				"requires the subject's identity document");
		Http.Response verified = operator.upload(path, path + "/verify-identity", Map.of(), "identityDocument",
				"carta.pdf", "documento");
		assertThat(verified.status()).isEqualTo(302);
		String verifiedPage = operator.get(path + "?lang=en").body();
		assertThat(verifiedPage).contains("identity verified", "Identity document").doesNotContain("carta.pdf");
		String proofLink = verifiedPage.replaceAll("(?s).*href=\"(" + path + "/proofs/[0-9a-f-]{36})\".*", "$1");
		Http.Response proof = operator.get(proofLink);
		assertThat(proof.body()).isEqualTo("documento");
		assertThat(proof.header("Content-Disposition")).startsWith("attachment").contains("carta.pdf");
		Http auditor = login("pages-req-auditor", "auditor");
		assertThat(auditor.get(path).status()).isEqualTo(200);
		assertThat(auditor.get(proofLink).status()).isEqualTo(403);
		assertThat(operator.submit(path, path + "/deny", Map.of("reason", "x".repeat(300))).status())
			.as("only the DPO denies")
			.isEqualTo(403);

		Http.Response executed = operator.submit(path, path + "/execute", Map.of());
		assertThat(executed.status()).isEqualTo(302);
		Http.Response answered = operator.get(path + "?lang=en");
		assertThat(answered.body()).contains("answered", "id=\"download-result\"").doesNotContain("id=\"actions\"");
		Http.Response zip = operator.get(path + "/result");
		assertThat(zip.contentType()).startsWith("application/zip");
		assertThat(RequestApiIntegrationTest.unzip(zip.bytes())).containsKeys("data.json", "report.html");

		Http.Response again = operator.submit(path + "?lang=en", path + "/execute", Map.of());
		assertThat(again.body()).contains("id=\"refused\"", "The request is closed");
	}

	@Test
	void theDpoSeesOverdueAndNearDeadlineRequestsFirstAndExtendsOrDeniesWithReasons() {
		Http dpo = login("pages-req-dpo", "dpo");
		Http.Response old = dpo.submit("/controllers/conecto/requests/new", "/controllers/conecto/requests",
				Map.of("type", "erasure", "subject", "late.person@example.org", "channel", "registered_mail",
						"receivedOn", "2026-01-10"));
		assertThat(old.status()).isEqualTo(302);
		String late = old.location().replaceAll("\\?.*", "").replaceAll("^https?://[^/]+", "");
		Http.Response fresh = dpo.submit("/controllers/conecto/requests/new", "/controllers/conecto/requests",
				Map.of("type", "objection", "subject", "fresh.person@example.org", "channel", "email"));
		String recent = fresh.location().replaceAll("\\?.*", "").replaceAll("^https?://[^/]+", "");

		String all = dpo.get("/controllers/conecto/requests?lang=en").body();
		assertThat(all).contains("Rights requests of", "overdue");
		assertThat(all.indexOf(id(late))).isLessThan(all.indexOf(id(recent)));
		String overdue = dpo.get("/controllers/conecto/requests?show=overdue").body();
		assertThat(overdue).contains(id(late)).doesNotContain(id(recent));
		String near = dpo.get("/controllers/conecto/requests?show=near&within=7").body();
		assertThat(near).contains(id(late)).doesNotContain(id(recent));

		Http.Response tooLate = dpo.submit(late + "?lang=en", late + "/extend",
				Map.of("reason", "Richiesta complessa, servono verifiche"));
		assertThat(tooLate.body()).contains("id=\"refused\"", "The first deadline has passed");
		Http.Response noReason = dpo.submit(recent, recent + "/extend", Map.of("reason", ""));
		assertThat(noReason.body()).contains("error-reason");
		assertThat(dpo.submit(recent, recent + "/extend", Map.of("reason", "Richiesta complessa, servono verifiche"))
			.status()).isEqualTo(302);
		assertThat(HtmlUtils.htmlUnescape(dpo.get(recent + "?lang=it").body())).contains("termine prorogato",
				"Richiesta complessa, servono verifiche", "Prima scadenza");
		assertThat(
				dpo.submit(late, late + "/deny", Map.of("reason", "Il contratto è in corso e i dati servono")).status())
			.isEqualTo(302);
		assertThat(dpo.get("/controllers/conecto/requests").body()).doesNotContain(id(late));
		assertThat(dpo.get("/controllers/nanosystems/requests").status()).isEqualTo(404);
	}

	private static String id(String path) {
		return "request-" + path.substring(path.lastIndexOf('/') + 1);
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM rights_request").query(Long.class).single();
	}

}
