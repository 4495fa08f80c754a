package io.tutela.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class UnsubscribeIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	UnsubscribeLinks links;

	@Test
	void aSignedLinkRecordsAnObjectionInOneClickWithoutLogin() {
		Http admin = Http.admin(this.port);
		admin.postJson("/api/v1/controllers/conecto/consents",
				Map.of("email", "unsub@example.org", "scope", "automated", "event", "given", "method", "web_form"));
		String decision = "/api/v1/controllers/conecto/contact-decision?email=unsub%40example.org&channel=email";
		assertThat(admin.get(decision).json().get("reason").asString()).isEqualTo("consent");

		Http.Response created = admin.postJson("/api/v1/controllers/conecto/unsubscribe-links",
				Map.of("email", "unsub@example.org", "scope", "email", "expiresAt",
						Instant.now().plus(30, ChronoUnit.DAYS).toString()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String path = created.json().get("path").asString();
		assertThat(path).startsWith("/unsubscribe/");

		Http person = Http.session(this.port);
		Http.Response page = person.get(path + "?lang=en");
		assertThat(page.status()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("id=\"unsubscribe-form\"", "by e-mail?");
		assertThat(admin.get(decision).json().get("reason").asString()).as("opening the page records nothing")
			.isEqualTo("consent");

		Http.Response done = person.submit(path, path, Map.of());
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("id=\"done\"");
		assertThat(admin.get(decision).json().get("reason").asString()).isEqualTo("objected");
		assertThat(admin.get("/api/v1/controllers/conecto/consents?email=unsub%40example.org")
			.json()
			.at("/items/0/evidence/method")
			.asString()).isEqualTo("unsubscribe_link");
		assertThat(admin.get(decision.replace("channel=email", "channel=sms")).json().get("reason").asString())
			.as("the link covered e-mail only")
			.isEqualTo("consent");
	}

	@Test
	void aTamperedOrExpiredLinkRecordsNothing() {
		String token = this.links.token(new UnsubscribeLinks.Link("conecto", "email", "other@example.org", "marketing",
				"automated", Instant.now().plus(1, ChronoUnit.DAYS)));
		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
		Http person = Http.session(this.port);
		Http.Response invalid = person.get("/unsubscribe/" + tampered);
		assertThat(invalid.status()).isEqualTo(404);
		assertThat(invalid.body()).contains("id=\"invalid\"");
		String forged = this.links.token(new UnsubscribeLinks.Link("conecto", "email", "other@example.org", "marketing",
				"automated", Instant.now().minus(1, ChronoUnit.MINUTES)));
		Http.Response expired = person.get("/unsubscribe/" + forged);
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.body()).contains("id=\"expired\"");
		assertThat(Http.admin(this.port)
			.get("/api/v1/controllers/conecto/consents?email=other%40example.org")
			.json()
			.get("items")).isEmpty();
		Http.Response past = Http.admin(this.port)
			.postJson("/api/v1/controllers/conecto/unsubscribe-links",
					Map.of("email", "other@example.org", "scope", "email", "expiresAt", "2020-01-01T00:00:00Z"));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.json().at("/errors/0/field").asString()).isEqualTo("expiresAt");
	}

}
