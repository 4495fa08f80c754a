package io.tutela.requests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delegate's request at IPKOM, from the operator's intake to the answer, in Chromium.
 */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestPagesBrowserTest {

	@LocalServerPort
	int port;

	Browser browser;

	@BeforeAll
	void openBrowser() {
		this.browser = Browser.open(this.port);
	}

	@AfterAll
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void aDelegatesAccessRequestIsRecordedVerifiedAndAnswered() throws IOException {
		Staff.Created dpo = Staff.create(this.port, "requests-browser-dpo", List.of("dpo"), List.of("ipkom"));
		this.browser.login(dpo.username(), dpo.password());
		this.browser.go("/controllers/ipkom/requests/new?lang=it");
		assertThat(this.browser.text("h1")).startsWith("Registra una richiesta");
		new Select(this.browser.find("#type")).selectByValue("access");
		this.browser.find("#subject").sendKeys("delegated.browser@example.org");
		new Select(this.browser.find("#channel")).selectByValue("registered_mail");
		this.browser.find("#requester-delegate").click();
		this.browser.find("#delegateName").sendKeys("Avv. Paola Ferri");
		this.browser.find("#details").sendKeys("Copia di tutti i dati, per conto dell'interessato");
		this.browser.find("#identityDocument").sendKeys(file("carta-identita.pdf"));
		this.browser.find("#proxy").sendKeys(file("delega.pdf"));
		this.browser.find("#delegateDocument").sendKeys(file("documento-delegato.pdf"));
		this.browser.find("#intake-submit").click();
		assertThat(this.browser.waitForUrl("done=received")).contains("/controllers/ipkom/requests/");
		assertThat(this.browser.text("#request-state")).isEqualTo("ricevuta");
		assertThat(this.browser.all("#proofs li")).hasSize(3);
		assertThat(this.browser.bodyText()).doesNotContain("carta-identita.pdf").contains("motivare analiticamente");

		this.browser.find("#verify-submit").click();
		this.browser.waitForUrl("done=identity_verified");
		assertThat(this.browser.text("#request-state")).isEqualTo("identità verificata");
		this.browser.find("#execute-submit").click();
		this.browser.waitForUrl("done=answered");
		assertThat(this.browser.text("#request-state")).isEqualTo("evasa");
		assertThat(this.browser.all("#timeline li")).hasSize(4);
		assertThat(this.browser.find("#download-result").getAttribute("href")).endsWith("/result");
		this.browser.screenshot("rights-request");

		this.browser.go("/controllers/ipkom/requests?lang=en");
		assertThat(this.browser.text("h1")).isEqualTo("Rights requests of IPKOM S.r.l.");
		this.browser.screenshot("rights-requests-list");
	}

	private static String file(String name) throws IOException {
		Path file = Files.createTempDirectory("tutela-proof").resolve(name);
		Files.writeString(file, "%PDF-1.4 test document " + name);
		return file.toAbsolutePath().toString();
	}

}
