package io.tutela.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objections by e-mail: messages handed in through the API and the page or read from an
 * IMAP mailbox (GreenMail) land once per Message-ID; one subject and a request to stop
 * are proposed and confirmed in one click; ambiguous and unmatched messages wait for a
 * person, who chooses the subject or says it is no objection.
 */
@TutelaIntegrationTest
class ObjectionInboxIntegrationTest {

	static final GreenMail MAIL = new GreenMail(new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(),
			ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort() });

	static {
		MAIL.start();
	}

	@AfterAll
	static void stop() {
		MAIL.stop();
	}

	static final String INBOX = "/api/v1/controllers/conecto/consent-inbox";

	@LocalServerPort
	int port;

	@Autowired
	PollingMailboxes polling;

	@Autowired
	ReceivingObjections receiving;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	String subject(String code, String email) {
		Http.Response created = admin().postJson("/api/v1/controllers/conecto/subjects",
				Map.of("customerCode", code, "familyName", "Inbox", "email", email));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		admin().postJson("/api/v1/controllers/conecto/consents", Map.of("subject", id, "scope", "automated", "event",
				"given", "method", "web_form", "occurredAt", "2026-01-10T10:00:00Z"));
		return id;
	}

	static String message(String messageId, String from, String subjectLine, String body) {
		return "Message-ID: " + messageId + "\r\nDate: Tue, 17 Nov 2026 10:15:00 +0100\r\nFrom: " + from
				+ "\r\nTo: privacy@conecto.example\r\nSubject: " + subjectLine
				+ "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
	}

	Http.Response handIn(String raw) {
		return admin().post(INBOX, "message/rfc822", raw);
	}

	String reason(String subject, String channel) {
		return admin().get("/api/v1/controllers/conecto/contact-decision?subject=" + subject + "&channel=" + channel)
			.json()
			.get("reason")
			.asString();
	}

	@Test
	void aReplyFromOneSubjectAskingToStopIsProposedAndRecordedInOneClick() {
		String id = subject("INBOX-1", "carla.inbox@example.org");
		assertThat(reason(id, "email")).isEqualTo("consent");
		String raw = message("<reply-1@mail.example.org>", "Carla <carla.inbox@example.org>", "Re: Offerta fibra",
				"Non voglio più ricevere queste offerte, cancellatemi.\r\n\r\n> Offerta fibra a 19 euro");
		Http.Response received = handIn(raw);
		assertThat(received.status()).as(received.body()).isEqualTo(201);
		JsonNode message = received.json();
		assertThat(message.get("state").asString()).isEqualTo("proposed");
		assertThat(message.get("match").asString()).isEqualTo("sender");
		assertThat(message.get("proposedSubject").asString()).isEqualTo(id);
		assertThat(message.get("objectionLike").asBoolean()).isTrue();
		assertThat(message.get("sentAt").asString()).isEqualTo("2026-11-17T09:15:00Z");

		Http.Response again = handIn(raw);
		assertThat(again.status()).as("the same Message-ID is kept once").isEqualTo(200);
		assertThat(again.json().get("id").asString()).isEqualTo(message.get("id").asString());
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM consent_inbox_message WHERE controller_id = 'conecto' AND message_id = :m")
			.param("m", "<reply-1@mail.example.org>")
			.query(Long.class)
			.single()).isEqualTo(1);

		String path = INBOX + "/" + message.get("id").asString();
		Http.Response objection = admin().post(path + "/objection", "application/json", "");
		assertThat(objection.status()).as(objection.body()).isEqualTo(201);
		JsonNode entry = objection.json();
		assertThat(entry.get("event").asString()).isEqualTo("objected");
		assertThat(entry.get("subjectId").asString()).isEqualTo(id);
		assertThat(entry.get("occurredAt").asString()).as("from when it was sent").isEqualTo("2026-11-17T09:15:00Z");
		assertThat(entry.at("/evidence/method").asString()).isEqualTo("email");
		assertThat(entry.at("/evidence/collectedBy").asString()).contains("<reply-1@mail.example.org>",
				"2026-11-17T09:15:00Z", message.get("id").asString());
		assertThat(reason(id, "email")).isEqualTo("objected");
		assertThat(reason(id, "operator_call")).as("an objection to automated channels reaches traditional ones")
			.isEqualTo("objected");

		JsonNode decided = admin().get(path).json();
		assertThat(decided.get("state").asString()).isEqualTo("objection");
		assertThat(decided.get("consentEvent").asString()).isEqualTo(entry.get("id").asString());
		assertThat(admin().post(path + "/objection", "application/json", "").status()).as("decided already")
			.isEqualTo(409);
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM audit_event WHERE action = 'consent_inbox.objection' AND controller_id = 'conecto'"
						+ " AND CAST(:id AS text) = ANY (target_ids)")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void ambiguousAndUnmatchedMessagesWaitForAPersonWhoDecides() {
		String first = subject("INBOX-2A", "shared.inbox@example.org");
		String second = subject("INBOX-2B", "shared.inbox@example.org");
		JsonNode ambiguous = handIn(
				message("<shared-1@example.org>", "shared.inbox@example.org", "Stop", "Please stop writing to me."))
			.json();
		assertThat(ambiguous.get("state").asString()).isEqualTo("pending");
		assertThat(ambiguous.get("match").asString()).isEqualTo("ambiguous");
		assertThat(ambiguous.get("candidates").valueStream().map(JsonNode::asString).toList())
			.containsExactlyInAnyOrder(first, second);
		String path = INBOX + "/" + ambiguous.get("id").asString();
		Http.Response refused = admin().post(path + "/objection", "application/json", "");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("subject");
		Http.Response stranger = admin().postJson(path + "/objection", Map.of("subject", UUID.randomUUID()));
		assertThat(stranger.status()).isEqualTo(400);
		Http.Response chosen = admin().postJson(path + "/objection", Map.of("subject", second));
		assertThat(chosen.status()).as(chosen.body()).isEqualTo(201);
		assertThat(reason(second, "sms")).isEqualTo("objected");
		assertThat(reason(first, "sms")).as("the other subject is untouched").isEqualTo("consent");

		JsonNode unmatched = handIn(
				message("<nobody-1@example.org>", "nobody.known@example.org", "Cancellami", "Cancellatemi per favore"))
			.json();
		assertThat(unmatched.get("match").asString()).isEqualTo("none");
		assertThat(unmatched.get("state").asString()).isEqualTo("pending");

		String id = subject("INBOX-2C", "question.inbox@example.org");
		JsonNode question = handIn(message("<question-1@example.org>", "question.inbox@example.org",
				"Domanda sulla fattura", "Buongiorno, quando arriva la fattura di ottobre?"))
			.json();
		assertThat(question.get("match").asString()).isEqualTo("sender");
		assertThat(question.get("objectionLike").asBoolean()).isFalse();
		assertThat(question.get("state").asString()).as("not a request to stop: a person decides").isEqualTo("pending");
		String questionPath = INBOX + "/" + question.get("id").asString();
		Http.Response dismissed = admin().post(questionPath + "/dismissal", "application/json", "");
		assertThat(dismissed.status()).isEqualTo(200);
		assertThat(dismissed.json().get("state").asString()).isEqualTo("not_objection");
		assertThat(admin().post(questionPath + "/objection", "application/json", "").status()).isEqualTo(409);
		assertThat(reason(id, "email")).isEqualTo("consent");

		List<String> open = admin().get(INBOX + "?open=true&size=500")
			.json()
			.get("items")
			.valueStream()
			.map((m) -> m.get("id").asString())
			.toList();
		assertThat(open).contains(unmatched.get("id").asString())
			.doesNotContain(question.get("id").asString(), ambiguous.get("id").asString());

		Http.Response bad = admin().post(INBOX, "message/rfc822", "");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("message");
		assertThat(admin().get("/api/v1/controllers/ipkom/consent-inbox/" + unmatched.get("id").asString()).status())
			.as("another controller's inbox does not hold it")
			.isEqualTo(404);
	}

	@Test
	void aQuotedUnsubscribeLinkNamesTheSubjectWhateverTheSender() {
		String id = subject("INBOX-3", "link.inbox@example.org");
		Http.Response link = admin().postJson("/api/v1/controllers/conecto/unsubscribe-links", Map.of("subject", id,
				"scope", "email", "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()));
		String path = link.json().get("path").asString();
		JsonNode message = handIn(message("<forwarded-1@example.net>", "someone.else@example.net", "Fwd: newsletter",
				"Remove me from this list please.\r\n\r\n> To unsubscribe: https://tutela.example" + path + "\r\n"))
			.json();
		assertThat(message.get("match").asString()).isEqualTo("link");
		assertThat(message.get("proposedSubject").asString()).isEqualTo(id);
		assertThat(message.get("linkPurpose").asString()).isEqualTo("marketing");
		assertThat(message.get("state").asString()).isEqualTo("proposed");
	}

	@Test
	void aProspectIsProposedByItsLinkOrRecordedByTheSendersAddress() {
		Http.Response link = admin().postJson("/api/v1/controllers/conecto/unsubscribe-links",
				Map.of("email", "prospect.inbox@example.org", "scope", "email", "expiresAt",
						Instant.now().plus(30, ChronoUnit.DAYS).toString()));
		JsonNode byLink = handIn(message("<prospect-1@example.org>", "prospect.inbox@example.org", "unsubscribe",
				"> https://tutela.example" + link.json().get("path").asString()))
			.json();
		assertThat(byLink.get("match").asString()).isEqualTo("link");
		assertThat(byLink.get("proposedEmail").asString()).isEqualTo("prospect.inbox@example.org");
		assertThat(byLink.get("proposedSubject").isNull()).isTrue();
		assertThat(byLink.get("state").asString()).isEqualTo("proposed");
		Http.Response recorded = admin().post(INBOX + "/" + byLink.get("id").asString() + "/objection",
				"application/json", "");
		assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
		assertThat(recorded.json().get("email").asString()).isEqualTo("prospect.inbox@example.org");
		assertThat(admin()
			.get("/api/v1/controllers/conecto/contact-decision?email=prospect.inbox%40example.org&channel=email")
			.json()
			.get("reason")
			.asString()).isEqualTo("objected");

		JsonNode unknown = handIn(
				message("<stranger-1@example.org>", "Stranger <stranger.inbox@Example.ORG>", "basta", "Basta email."))
			.json();
		assertThat(unknown.get("match").asString()).isEqualTo("none");
		String path = INBOX + "/" + unknown.get("id").asString();
		Http.Response bySender = admin().postJson(path + "/objection", Map.of("sender", true));
		assertThat(bySender.status()).as(bySender.body()).isEqualTo(201);
		assertThat(bySender.json().get("email").asString()).isEqualTo("stranger.inbox@example.org");
		assertThat(bySender.json().get("subjectId").isNull()).isTrue();
		JsonNode noSender = handIn("Message-ID: <no-sender-1@example.org>\r\nSubject: stop\r\n\r\nstop\r\n").json();
		Http.Response refused = admin().postJson(INBOX + "/" + noSender.get("id").asString() + "/objection",
				Map.of("sender", true));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("sender");
	}

	@Test
	void messagesAreReadFromAnImapMailboxOnce() throws Exception {
		String id = subject("INBOX-4", "imap.inbox@example.org");
		MAIL.setUser("opposizioni@conecto.example", "opposizioni", "secret");
		GreenMailUtil.sendTextEmail("opposizioni@conecto.example", "imap.inbox@example.org", "STOP",
				"Non contattatemi più.", MAIL.getSmtp().getServerSetup());
		InboxProperties.Mailbox mailbox = new InboxProperties.Mailbox("conecto", "imap", "localhost",
				MAIL.getImap().getPort(), "opposizioni", "secret", "INBOX");
		assertThat(this.polling.poll(mailbox)).isEqualTo(1);
		assertThat(this.polling.poll(mailbox)).as("read messages are not read again").isZero();
		JsonNode found = admin().get(INBOX + "?open=true&size=500")
			.json()
			.get("items")
			.valueStream()
			.filter((m) -> id.equals(m.path("proposedSubject").asString(null)))
			.findFirst()
			.orElseThrow();
		assertThat(found.get("source").asString()).isEqualTo("mailbox");
		assertThat(found.get("state").asString()).isEqualTo("proposed");

		GreenMailUtil.sendTextEmail("opposizioni@conecto.example", "imap.inbox@example.org", "Re: offerta",
				"Cancellatemi dalla lista.", MAIL.getSmtp().getServerSetup());
		InboxProperties.Mailbox pop3 = new InboxProperties.Mailbox("conecto", "pop3", "localhost",
				MAIL.getPop3().getPort(), "opposizioni", "secret", "INBOX");
		assertThat(this.polling.poll(pop3)).as("POP3 lists both; the first is known by its Message-ID").isEqualTo(1);
		GreenMailUtil.sendTextEmail("opposizioni@conecto.example", "imap.inbox@example.org", "STOP", "Stop.",
				MAIL.getSmtp().getServerSetup());
		long before = count();
		new PollingMailboxes(new InboxProperties(Duration.ofMinutes(5), List.of(mailbox, pop3)), this.receiving)
			.pollAll();
		assertThat(count()).as("the scheduled round reads every mailbox named").isEqualTo(before + 1);
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM consent_inbox_message WHERE controller_id = 'conecto'")
			.query(Long.class)
			.single();
	}

	@Test
	void anOperatorHandsInAMessageAndConfirmsOnThePagesAnAuditorOnlyReads() {
		String id = subject("INBOX-5", "page.inbox@example.org");
		Staff.Created operator = Staff.create(this.port, "inbox-operator", List.of("operator"), List.of("conecto"));
		Http session = Http.session(this.port);
		session.login(operator.username(), operator.password());
		String page = "/controllers/conecto/consent-inbox";
		assertThat(session.get("/controllers/conecto/consents").body()).contains("id=\"nav-inbox\"");
		Http.Response uploaded = session.upload(page, page, Map.of(), "file", "reply.eml", message(
				"<page-1@example.org>", "page.inbox@example.org", "Disiscrizione", "Vi prego di disiscrivermi"));
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(302);
		String detail = uploaded.location().replaceFirst("^https?://[^/]+", "");
		String html = HtmlUtils.htmlUnescape(session.get(detail + "?lang=it").body());
		assertThat(html).contains("id=\"confirm-form\"", "id=\"proposed-subject\"", id, "opposizione proposta",
				"l'indirizzo del mittente", "Vi prego di disiscrivermi");
		assertThat(HtmlUtils.htmlUnescape(session.get(detail + "?lang=en").body())).contains("objection proposed",
				"the sender's address");

		Http.Response pasted = session.submit(page, page,
				Map.of("pasted", message("<page-2@example.org>", "page.inbox@example.org", "x", "y")));
		assertThat(pasted.status()).isEqualTo(302);
		Http.Response empty = session.submit(page, page, Map.of("pasted", ""));
		assertThat(empty.body()).contains("id=\"errors\"", "<code>message</code>");

		Staff.Created auditor = Staff.create(this.port, "inbox-auditor", List.of("auditor"), List.of("conecto"));
		Http reader = Http.session(this.port);
		reader.login(auditor.username(), auditor.password());
		assertThat(reader.get(detail).status()).isEqualTo(200);
		assertThat(reader.submit(detail, detail + "/objection", Map.of()).status()).isEqualTo(403);

		Http.Response confirmed = session.submit(detail, detail + "/objection", Map.of());
		assertThat(confirmed.status()).isEqualTo(302);
		assertThat(session.get(detail + "?recorded=true&lang=en").body()).contains("id=\"recorded\"",
				"objection recorded", "id=\"ledger-entry\"");
		assertThat(reason(id, "email")).isEqualTo("objected");
		assertThat(session.get("/controllers/ipkom/consent-inbox").status()).isEqualTo(404);
	}

}
