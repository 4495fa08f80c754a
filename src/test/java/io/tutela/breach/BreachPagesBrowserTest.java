package io.tutela.breach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breach flow as a DPO goes through it, in Chromium, with a screenshot of each page.
 */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreachPagesBrowserTest {

	static final String ID = "acme-breach-browser";

	@LocalServerPort
	int port;

	Browser browser;

	@BeforeAll
	void openBrowser() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("acme-test", ID)
				.replace("records:", "breach:\n  authority_deadline: PT72H\n  authority: Garante per la protezione "
						+ "dei dati personali\nrecords:");
			assertThat(Http.admin(this.port)
				.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", yaml)
				.status()).isEqualTo(201);
		}
		this.browser = Browser.open(this.port);
	}

	@AfterAll
	void closeBrowser() {
		this.browser.close();
	}

	/** Submits with the button and waits for the next page to replace this one. */
	void submit(String css) {
		WebElement button = this.browser.find(css);
		button.click();
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(15)).until((driver) -> {
			try {
				button.isEnabled();
				return false;
			}
			catch (WebDriverException gone) {
				// stale, or no longer in the document: the next page has replaced it
				return true;
			}
		});
	}

	void type(String css, String value) {
		WebElement field = this.browser.find(css);
		this.browser.driver().executeScript("arguments[0].value = arguments[1]", field, value);
	}

	@Test
	void aDpoRecordsALateBreachDecidesAndNotifiesWithTheReasonsForTheDelay() {
		Staff.Created dpo = Staff.create(this.port, "breach-browser-dpo", List.of("dpo"), List.of(ID));
		this.browser.login(dpo.username(), dpo.password());
		this.browser.go("/controllers/" + ID + "/breaches?lang=it");
		this.browser.find("#new-breach").click();
		this.browser.waitFor("#record-breach");
		type("#title", "Accesso abusivo alla posta aziendale");
		type("#awareAt",
				LocalDateTime.now(ZoneId.of("Europe/Rome"))
					.minusHours(72)
					.minusMinutes(30)
					.truncatedTo(ChronoUnit.MINUTES)
					.toString());
		this.browser.find("#nature-confidentiality").click();
		type("#description", "Credenziali sottratte con phishing; lette le caselle di due operatori.");
		new Select(this.browser.find("#categories")).selectByValue("identity");
		type("#subjectsApprox", "250");
		type("#consequences", "Esposizione di nomi e recapiti dei clienti.");
		type("#measuresTaken", "Password reimpostate, secondo fattore obbligatorio.");
		new Select(this.browser.find("#risk")).selectByValue("risk");
		this.browser.screenshot("breach-new");
		submit("#record-breach");
		this.browser.waitFor("#clock");
		assertThat(this.browser.text("#clock")).contains("in ritardo di 1 h");
		this.browser.screenshot("breach-late");

		this.browser.find("#na-yes").click();
		type("#authorityReason", "Probabile rischio per i clienti");
		this.browser.find("#ns-no").click();
		type("#subjectsReason", "Rischio non elevato");
		submit("#decide");
		assertThat(this.browser.waitFor("#history").getText()).contains("decision");

		submit("#mark-authority");
		assertThat(this.browser.waitFor("#step-errors").getText()).contains("latenessReason");
		type("#latenessReason", "Il phishing è stato scoperto da un cliente solo dopo tre giorni.");
		submit("#mark-authority");
		assertThat(this.browser.waitFor("#authority-notified").getText()).contains("solo dopo tre giorni");
		assertThat(this.browser.text("#clock")).contains("notificata in ritardo");
		assertThat(this.browser.text("#draft")).contains("a) Natura della violazione", "Motivi del ritardo",
				"solo dopo tre giorni");
		this.browser.screenshot("breach-notified");

		this.browser.go("/controllers/" + ID + "/breaches?lang=en");
		assertThat(this.browser.text("#breaches")).contains("Accesso abusivo alla posta aziendale", "notified late");
		this.browser.screenshot("breach-register");
	}

}
