package io.tutela.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit pages as a person uses them, in Chromium. */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPagesBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	AuditLog auditLog;

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
	void aPersonSearchesTheLogVerifiesItAndSeesTheAlerts() {
		String actor = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		Instant night = LocalDateTime.parse("2025-03-11T22:15:00").atZone(ZoneId.of("Europe/Rome")).toInstant();
		this.auditLog.recordAll(List.of(
				AuditEvent.builder(night, actor, "OPERATOR", "ticket.read")
					.controller("nanosystems")
					.target(77)
					.build(),
				AuditEvent.builder(night.plusSeconds(5), actor, "OPERATOR", "ticket.update")
					.controller("nanosystems")
					.targets(IntStream.range(0, 3).boxed().toList())
					.build()));

		Staff.Created dpo = Staff.create(this.port, "audit-browser-dpo", List.of("dpo"), List.of());
		this.browser.login(dpo.username(), dpo.password());
		this.browser.go("/audit?lang=en");
		assertThat(this.browser.text("h1")).isEqualTo("Audit log");
		this.browser.find("#actor").sendKeys(actor);
		this.browser.find("#controller").sendKeys("nanosystems");
		this.browser.find("#audit-search button[type=submit]").click();
		assertThat(this.browser.waitForUrl("actor=" + actor)).contains("controller=nanosystems");
		assertThat(this.browser.all("#audit-events tbody tr")).hasSize(2);
		assertThat(this.browser.text("#audit-events tbody tr:first-child")).contains("ticket.update")
			.contains("11/03/2025 22:15:05")
			.contains("0, 1, 2");
		this.browser.screenshot("audit-search");

		this.browser.go("/audit/verify?lang=it");
		this.browser.find("main form button[type=submit]").click();
		assertThat(this.browser.waitFor("#verification").getText()).startsWith("La catena è integra");
		this.browser.screenshot("audit-verify");

		this.browser.go("/audit/alerts?lang=en");
		assertThat(this.browser.all("#audit-alerts tbody tr"))
			.anySatisfy((row) -> assertThat(row.getText()).contains(actor).contains("Outside working hours"));
		this.browser.screenshot("audit-alerts");
	}

}
