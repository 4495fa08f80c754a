package io.tutela.oversight;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in Chromium: its figures, their charts, and a figure's link to its list.
 */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

	static final String ID = "acme-dashboard-browser";

	@LocalServerPort
	int port;

	Browser browser;

	@BeforeAll
	void setUp() throws Exception {
		Http admin = Http.admin(this.port);
		assertThat(admin
			.post("/api/v1/controllers/" + ID + "/policy", "application/yaml",
					DashboardIntegrationTest.policy().replace(DashboardIntegrationTest.ID, ID))
			.status()).isEqualTo(201);
		assertThat(
				admin
					.postJson("/api/v1/controllers/" + ID + "/breaches",
							DashboardIntegrationTest.breach("Server di posta compromesso", Duration.ofHours(60),
									"risk"))
					.status())
			.isEqualTo(201);
		this.browser = Browser.open(this.port);
	}

	@AfterAll
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void aDpoSeesWhatIsDueAndFollowsAFigureToItsList() {
		Staff.Created dpo = Staff.create(this.port, "dashboard-browser-dpo", List.of("dpo"), List.of(ID));
		this.browser.login(dpo.username(), dpo.password());
		this.browser.go("/dashboard?lang=it");
		assertThat(this.browser.text("h1")).isEqualTo("Cruscotto del DPO");
		String figure = "#figure-" + ID + "-breaches-open";
		assertThat(this.browser.text(figure + " .headline")).isEqualTo("1");
		assertThat(this.browser.text(figure + " .bars")).contains("scadono entro 24 h: 1");
		assertThat(this.browser.all(figure + " svg.bar")).hasSize(3);
		this.browser.screenshot("dashboard");
		this.browser.find(figure + " .headline a").click();
		assertThat(this.browser.waitForUrl("/breaches")).contains("open=true");
		assertThat(this.browser.all("#breaches tbody tr")).hasSize(1);
		assertThat(this.browser.text("#breaches")).contains("Server di posta compromesso", "scade tra 12 h");
		this.browser.screenshot("dashboard-breaches");
	}

}
