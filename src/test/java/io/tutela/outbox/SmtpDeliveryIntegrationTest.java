package io.tutela.outbox;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery through a real SMTP server (GreenMail): a message arrives with its text; one
 * the server cannot take is retried, then listed as failed with its reason, and queued
 * again on request.
 */
@TutelaIntegrationTest
class SmtpDeliveryIntegrationTest {

	static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		SMTP.start();
	}

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		registry.add("tutela.outbox.max-attempts", () -> "2");
		registry.add("tutela.outbox.first-retry", () -> "PT0S");
		registry.add("tutela.outbox.poll", () -> "PT1H");
		registry.add("tutela.outbox.from", () -> "privacy@ipkom.example");
	}

	@AfterAll
	static void stop() {
		SMTP.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	Outbox outbox;

	@Autowired
	Delivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void deliversBySmtpAndListsWhatCannotBeDelivered() throws Exception {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			UUID mailing = this.outbox.mailing("ipkom", "test", "smtp-1", "Prova di consegna", "Testo della prova");
			this.outbox.send("ipkom", mailing, List.of(new Outbox.Recipient(null, "ugo.riva@example.org"),
					new Outbox.Recipient(null, "not an address")));
		});
		this.delivery.deliverDue();
		MimeMessage[] received = SMTP.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Prova di consegna");
		assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ugo.riva@example.org");
		assertThat(received[0].getFrom()[0].toString()).isEqualTo("privacy@ipkom.example");
		assertThat(GreenMailUtil.getBody(received[0])).contains("Testo della prova");

		Http admin = Http.admin(this.port);
		JsonNode pending = admin.get("/api/v1/controllers/ipkom/outbox?state=pending").json();
		assertThat(pending.get("items")).hasSize(1);
		assertThat(pending.get("items").get(0).get("attempts").asInt()).isEqualTo(1);

		this.delivery.deliverDue();
		JsonNode failed = admin.get("/api/v1/controllers/ipkom/outbox?state=failed").json();
		assertThat(failed.get("items")).hasSize(1);
		JsonNode message = failed.get("items").get(0);
		assertThat(message.get("attempts").asInt()).isEqualTo(2);
		assertThat(message.get("lastError").asString()).isNotBlank();
		assertThat(SMTP.getReceivedMessages()).as("nothing more arrived").hasSize(1);

		Http.Response retried = admin
			.postJson("/api/v1/controllers/ipkom/outbox/" + message.get("id").asString() + "/retry", Map.of());
		assertThat(retried.status()).as(retried.body()).isEqualTo(200);
		assertThat(retried.json().get("state").asString()).isEqualTo("pending");
		assertThat(retried.json().get("attempts").asInt()).isZero();
	}

}
