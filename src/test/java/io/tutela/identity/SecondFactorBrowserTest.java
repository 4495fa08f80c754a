package io.tutela.identity;

import java.time.Instant;
import java.util.List;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP end to end in Chromium: enrolment by QR code, login with a code, with a recovery
 * code.
 */
@TutelaIntegrationTest
class SecondFactorBrowserTest {

	@LocalServerPort
	int port;

	@Test
	void aJudicialLiaisonEnrolsAndLogsInWithTheSecondFactor() {
		Staff.Created liaison = Staff.create(this.port, "liaison-totp", List.of("judicial_liaison"), List.of("ipkom"));
		String password = liaison.password() + "-own";
		try (Browser browser = Browser.open(this.port)) {
			browser.login(liaison.username(), liaison.password());
			assertThat(browser.waitForUrl("/login/enrol")).as("the role requires a second factor")
				.endsWith("/login/enrol");
			assertThat(browser.find(".qr svg").getAttribute("role")).isEqualTo("img");
			browser.screenshot("totp-enrol");
			byte[] secret = new Base32().decode(browser.text("#totp-secret"));

			browser.find("#code").sendKeys("000000".equals(code(secret, 0)) ? "111111" : "000000");
			browser.find("#enrol-submit").click();
			assertThat(browser.waitFor("#enrol-error").getText()).isNotEmpty();

			browser.find("#code").sendKeys(code(secret, 0));
			browser.find("#enrol-submit").click();
			browser.waitFor("#recovery-codes li");
			List<WebElement> codes = browser.all("#recovery-codes li");
			assertThat(codes).hasSize(10);
			String recovery = codes.get(0).getText();
			browser.screenshot("totp-recovery-codes");
			browser.find("#recovery-continue").click();
			assertThat(browser.waitForUrl("/controllers")).endsWith("/controllers");

			logout(browser);
			passwordStep(browser, liaison.username(), password);
			browser.screenshot("totp-code");
			browser.find("#code").sendKeys(code(secret, 30));
			browser.find("#code-submit").click();
			assertThat(browser.waitForUrl("/controllers")).endsWith("/controllers");
			assertThat(browser.bodyText()).contains("IPKOM");

			logout(browser);
			passwordStep(browser, liaison.username(), password);
			browser.find("#code").sendKeys(recovery);
			browser.find("#code-submit").click();
			assertThat(browser.waitForUrl("/controllers")).as("a recovery code stands in for the app")
				.endsWith("/controllers");

			logout(browser);
			passwordStep(browser, liaison.username(), password);
			browser.find("#code").sendKeys(recovery);
			browser.find("#code-submit").click();
			new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
				.until((d) -> !d.findElements(org.openqa.selenium.By.id("code-error")).isEmpty());
			assertThat(browser.text("#code-error")).as("a recovery code works once").isNotEmpty();
			assertThat(browser.waitForUrl("/login/code")).endsWith("/login/code");
		}
	}

	static String code(byte[] secret, int secondsAhead) {
		return Totp.DEFAULT.code(secret, Instant.now().plusSeconds(secondsAhead));
	}

	/** Logs in with the password and arrives at the second factor's page. */
	static void passwordStep(Browser browser, String username, String password) {
		browser.go("/login");
		browser.find("#username").sendKeys(username);
		browser.find("#password").sendKeys(password);
		browser.find("#login-submit").click();
		assertThat(browser.waitForUrl("/login/code")).endsWith("/login/code");
	}

	static void logout(Browser browser) {
		browser.find("form[action$='/logout'] button").click();
		assertThat(browser.waitForUrl("/login?logout")).contains("/login?logout");
	}

}
