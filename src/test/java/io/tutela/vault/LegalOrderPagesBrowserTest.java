package io.tutela.vault;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;
import io.tutela.identity.Liaison;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judicial liaison's console in Chromium: logged in with the second factor, the
 * liaison registers an order (a wrong one first), queries the vault under it and reads
 * the signed answer.
 */
@TutelaIntegrationTest
class LegalOrderPagesBrowserTest {

	static final String CONTROLLER = "vault-pages";

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	@LocalServerPort
	int port;

	@Autowired
	JusticeVault vault;

	@Test
	void aLiaisonRegistersAnOrderAndReadsItsAnswer() {
		assertThat(Http.admin(this.port).shippedPolicy("ipkom", CONTROLLER).status()).isIn(200, 201);
		Instant start = Instant.now().minus(Duration.ofDays(40)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		this.vault.store(CONTROLLER,
				List.of(new VaultCall("+393351112223", "+390298765432", start, 75, true, "222-01-77-88",
						"telephone_traffic"),
						new VaultCall("+393351112299", "+390298765432", start, 75, true, null, "telephone_traffic")));
		Staff.Created liaison = Staff.create(this.port, "liaison-pages", List.of("judicial_liaison"),
				List.of(CONTROLLER));
		try (Browser browser = Browser.open(this.port)) {
			browser.login(liaison.username(), liaison.password());
			browser.waitForUrl("/login/enrol");
			byte[] secret = new Base32().decode(browser.text("#totp-secret"));
			browser.find("#code").sendKeys(Liaison.code(secret, 0));
			browser.find("#enrol-submit").click();
			browser.waitFor("#recovery-continue").click();
			browser.waitForUrl("/controllers");

			browser.go("/controllers/" + CONTROLLER);
			browser.find("#link-legal-orders").click();
			browser.waitFor("#new-order");
			assertThat(browser.bodyText()).contains("Nessun provvedimento registrato");
			browser.find("#authority").sendKeys("Procura della Repubblica di Roma");
			browser.find("#authorisedOrganisation").sendKeys("PROC-RM");
			browser.find("#number").sendKeys("RGNR 4321/2026");
			set(browser, "#issuedAt", LocalDate.now(ROME).minusDays(1) + "T10:30");
			set(browser, "#from", LocalDate.now(ROME).minusMonths(3).toString());
			set(browser, "#to", LocalDate.now(ROME).minusMonths(6).toString());
			browser.find("#numbers").sendKeys("335 111 2223\nnot a number");
			browser.find("#register").click();
			assertThat(browser.waitFor("#form-errors").getText()).contains("targets[1].value", "to:");
			browser.screenshot("legal-order-errors");

			set(browser, "#to", LocalDate.now(ROME).toString());
			browser.find("#numbers").clear();
			browser.find("#numbers").sendKeys("335 111 2223");
			browser.find("#register").click();
			assertThat(browser.waitFor("#state").getText()).contains("In vigore");
			assertThat(browser.text("#targets")).contains("+393351112223");
			browser.screenshot("legal-order");

			browser.find("#ask").click();
			WebElement records = browser.waitFor("#records");
			assertThat(records.getText()).contains("+393351112223", "+390298765432", "222-01-77-88")
				.doesNotContain("+393351112299");
			assertThat(browser.text("#integrity")).contains("Ed25519");
			String download = browser.find("#download").getAttribute("href");
			assertThat(download).endsWith("/document");
			browser.screenshot("legal-order-answer");
			// the download, with the liaison's session: the signed document, which an
			// authority checks with the published key
			List<?> fetched = (List<?>) browser.driver()
				.executeAsyncScript("const done = arguments[arguments.length - 1]; fetch(arguments[0]).then((r) => "
						+ "r.text().then((t) => done([r.status, r.headers.get('Content-Disposition') || '', t])));",
						download);
			assertThat(((Number) fetched.get(0)).intValue()).isEqualTo(200);
			assertThat((String) fetched.get(1)).startsWith("attachment").contains("handover-1-");
			JsonNode document = Http.JSON.readTree((String) fetched.get(2));
			assertThat(document.toString()).contains("+393351112223").doesNotContain("+393351112299");
			byte[] digest = HandoverAnswers.sha256(HandoverAnswers.canonical(Map.of("retainedDataHeader",
					Http.JSON.treeToValue(document.get("retainedDataHeader"), Map.class), "retainedDataPayload",
					Http.JSON.treeToValue(document.get("retainedDataPayload"), List.class))));
			assertThat(Base64.getEncoder().encodeToString(digest))
				.isEqualTo(document.at("/integrity/digest").asString());
			PublicKey key = AnswerSigning
				.publicKey(Http.anonymous(this.port).get("/api/v1/justice/" + CONTROLLER + "/signing-key").body());
			assertThat(AnswerSigning.verify(key, digest, document.at("/integrity/signature").asString())).isTrue();

			browser.find("main p a").click();
			browser.waitFor("#revoke").click();
			assertThat(browser.waitForText("#state", "Revocato")).contains("Revocato");
			assertThat(browser.all("#query")).as("a revoked order is not queried").isEmpty();
			assertThat(browser.text("#answers")).contains("liaison-pages");
		}
	}

	static void set(Browser browser, String css, String value) {
		browser.driver().executeScript("arguments[0].value = arguments[1]", browser.find(css), value);
	}

}
