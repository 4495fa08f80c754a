package io.tutela.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees of each shipped provider's notice, in Chromium. */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticePagesBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	Policies policies;

	Browser browser;

	@BeforeAll
	void openBrowser() {
		this.browser = Browser.open(this.port);
		Staff.Created dpo = Staff.create(this.port, "notice-reader", List.of("dpo"), List.of());
		this.browser.login(dpo.username(), dpo.password());
	}

	@AfterAll
	void closeBrowser() {
		this.browser.close();
	}

	List<String> shipped() throws Exception {
		return ShippedPoliciesUnitTest.shipped();
	}

	@ParameterizedTest
	@MethodSource("shipped")
	void theNoticeOfEachProviderShowsItsPromisesInItalianAndEnglish(String controllerId) {
		Policy policy = this.policies.current(controllerId);
		String date = policy.notice().date().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));

		this.browser.go("/controllers/" + controllerId + "/notice?lang=it");
		assertThat(this.browser.text("h1")).isEqualTo(policy.notice().title().it());
		assertThat(this.browser.text("#notice-date")).isEqualTo("Data di aggiornamento: " + date);
		assertThat(this.browser.text("#controller")).contains(policy.controller().name());
		for (Policy.Category category : policy.categories()) {
			assertThat(this.browser.text("#category-" + category.id())).contains(category.name().it());
		}
		for (Policy.Purpose purpose : policy.purposes()) {
			assertThat(this.browser.text("#purpose-" + purpose.id())).contains(purpose.name().it());
		}
		assertThat(this.browser.all("#retention tbody tr")).isNotEmpty();
		assertThat(this.browser.text("#rights")).contains("accesso (art. 15)");
		assertThat(this.browser.text("#rights-deadline")).startsWith("Rispondiamo entro");
		this.browser.screenshot("notice-" + controllerId + "-it");

		this.browser.go("/controllers/" + controllerId + "/notice?lang=en");
		assertThat(this.browser.text("h1")).isEqualTo(policy.notice().title().en());
		assertThat(this.browser.text("#notice-date")).isEqualTo("Last updated: " + date);
		assertThat(this.browser.find("html").getAttribute("lang")).isEqualTo("en");
		assertThat(this.browser.text("#rights-deadline")).startsWith("We answer within");
		this.browser.screenshot("notice-" + controllerId + "-en");
	}

	@Test
	void aPersonFindsANoticeFromTheListOfControllers() throws Exception {
		this.browser.go("/controllers?lang=it");
		assertThat(this.browser.all("#controllers tbody tr")).hasSizeGreaterThanOrEqualTo(shipped().size());
		this.browser.find("#controller-conecto a").click();
		this.browser.waitFor("#link-notice").click();
		assertThat(this.browser.waitForUrl("/controllers/conecto/notice")).contains("/controllers/conecto/notice");
		this.browser.waitFor("#retention");
		assertThat(this.browser.text("#retention")).contains("6 mesi");
		Path shot = this.browser.screenshot("controllers-to-notice");
		assertThat(Files.size(shot)).isPositive();
	}

}
