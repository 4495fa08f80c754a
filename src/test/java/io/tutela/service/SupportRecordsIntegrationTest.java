package io.tutela.service;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static io.tutela.service.ServiceTests.category;
import static io.tutela.service.ServiceTests.errors;
import static io.tutela.service.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Support tickets and remote-assistance sessions of Nanosystems. */
@TutelaIntegrationTest
class SupportRecordsIntegrationTest {

	static final String API = "/api/v1/controllers/nanosystems/";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE controller_id = 'nanosystems'")
			.query(Long.class)
			.single();
	}

	String subject(String licence, String email) {
		Http.Response created = admin().postJson(API + "subjects",
				json("licenceNumber", licence, "givenName", "Paola", "familyName", "Greco", "email", email));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	@Test
	void aTicketRoundTripsThroughTheApiLinkedToItsSubject() {
		String subjectId = subject("LIC-T-1", "paola.greco@example.org");
		Http.Response created = admin().postJson(API + "support-tickets",
				json("ticketNumber", 900001, "subject", "LIC-T-1", "name", "Paola Greco", "email",
						"Paola.Greco@Example.ORG", "subjectLine", "The licence does not activate", "message",
						"Activation fails with code 12", "licenceNumber", "LIC-T-1", "attachmentNames",
						List.of("screenshot.png"), "openedAt", "2024-03-01T09:00:00Z"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.location()).endsWith("/support-tickets/900001");
		JsonNode ticket = created.json();
		assertThat(ticket.get("subjectId").asString()).isEqualTo(subjectId);
		assertThat(ticket.get("email").asString()).isEqualTo("Paola.Greco@example.org");
		assertThat(ticket.get("attachmentCount").asInt()).isEqualTo(1);
		assertThat(ticket.get("category").asString()).isEqualTo("support_ticket");
		assertThat(ticket.get("purposes")).extracting(JsonNode::asString)
			.containsExactly("customer_care", "administration");
		assertThat(ticket.get("source").asString()).isEqualTo("subject");
		assertThat(admin().get(API + "support-tickets/900001").json().get("subjectLine").asString())
			.isEqualTo("The licence does not activate");

		Http.Response closed = admin().put(API + "support-tickets/900001",
				json("subject", subjectId, "name", "Paola Greco", "email", "paola.greco@example.org", "subjectLine",
						"The licence does not activate", "message", "Activation fails with code 12", "licenceNumber",
						"LIC-T-1", "openedAt", "2024-03-01T09:00:00Z", "closedAt", "2024-03-02T10:00:00Z"));
		assertThat(closed.status()).as(closed.body()).isEqualTo(200);
		assertThat(admin().get(API + "support-tickets/900001").json().get("closedAt").asString())
			.isEqualTo("2024-03-02T10:00:00Z");
		assertThat(admin().get(API + "support-tickets?open=false&subjectId=" + subjectId).json().get("items"))
			.extracting((t) -> t.get("ticketNumber").asLong())
			.containsExactly(900001L);
		assertThat(admin().get(API + "support-tickets?open=true&subjectId=" + subjectId).json().get("items")).isEmpty();
		assertThat(admin()
			.put(API + "support-tickets/900001", json("ticketNumber", 900002, "name", "x", "email", "x@example.org"))
			.status()).isEqualTo(400);

		JsonNode overview = admin().get(API + "subjects/" + subjectId + "/overview").json();
		assertThat(category(overview, "support_ticket").get("records"))
			.anyMatch((r) -> r.get("kind").asString().equals("support_ticket")
					&& r.at("/fields/ticket_number").asLong() == 900001);
	}

	@Test
	void anInvalidTicketIsRefusedWithEveryFieldNamed() {
		Http.Response invalid = admin().postJson(API + "support-tickets", json("ticketNumber", -5, "email", "nope",
				"subject", "NOBODY-AT-ALL", "openedAt", "2024-03-01T09:00:00Z", "closedAt", "2024-02-01T09:00:00Z"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(errors(invalid)).contains("ticket_number", "name", "email", "subject_line", "message",
				"licence_number", "closed_at", "subject");
		assertThat(admin().get(API + "support-tickets/424242").status()).isEqualTo(404);

		Object[] ticket = { "ticketNumber", 900100, "name", "A", "email", "a@example.org", "subjectLine", "S",
				"message", "M", "licenceNumber", "L-1", "openedAt", "2024-03-01T09:00:00Z" };
		assertThat(admin().postJson(API + "support-tickets", json(ticket)).status()).isEqualTo(201);
		Http.Response again = admin().postJson(API + "support-tickets", json(ticket));
		assertThat(again.status()).isEqualTo(400);
		assertThat(errors(again)).containsExactly("ticket_number");
	}

	@Test
	void ticketsImportWholeOrNotAtAllAndAgainChangeNothing() {
		subject("LIC-T-IMP", "imported@example.org");
		String file = """
				ticket_number,subject,name,email,subject_line,message,licence_number,attachments,opened_at,closed_at
				910001,LIC-T-IMP,Ugo Sala,ugo.sala@example.org,Crash,"It crashes, every time",LIC-T-IMP,a.pdf;b.png,2024-04-01T08:00:00Z,
				910002,,Eva Riva,eva.riva@example.org,Question,How do I export?,LIC-T-9,,2024-04-02,2024-04-03T12:00:00+02:00
				""";
		Http.Response first = admin().post(API + "imports/support-tickets", "text/csv", file);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("inserted").asLong()).isEqualTo(2);
		JsonNode crash = admin().get(API + "support-tickets/910001").json();
		assertThat(crash.get("attachmentNames")).extracting(JsonNode::asString).containsExactly("a.pdf", "b.png");
		assertThat(crash.get("subjectId").isNull()).isFalse();
		assertThat(admin().get(API + "support-tickets/910002").json().get("subjectId").isNull()).isTrue();

		Http.Response again = admin().post(API + "imports/support-tickets", "text/csv", file);
		assertThat(again.json().get("unchanged").asLong()).isEqualTo(2);
		assertThat(again.json().get("inserted").asLong() + again.json().get("updated").asLong()).isZero();

		long before = count("support_ticket");
		Http.Response bad = admin().post(API + "imports/support-tickets", "text/csv", """
				ticket_number,name,email,subject_line,message,licence_number,opened_at
				910010,Ok,ok@example.org,S,M,L-1,2024-04-01
				910011,No licence,nolicence@example.org,S,M,,2024-04-01
				910012,Bad mail,not-a-mail,S,M,L-1,2024-04-01
				910001,Duplicate,dup@example.org,S,M,L-1,2024-04-01
				910010,Twice,twice@example.org,S,M,L-1,2024-04-01
				""");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(errors(bad)).contains("3:licence_number", "4:email");
		assertThat(count("support_ticket")).as("nothing of the file was written").isEqualTo(before);

		Http.Response duplicate = admin().post(API + "imports/support-tickets", "text/csv", """
				ticket_number,name,email,subject_line,message,licence_number,opened_at,subject
				910020,Ok,ok@example.org,S,M,L-1,2024-04-01,
				910020,Twice,twice@example.org,S,M,L-1,2024-04-01,
				910021,Nobody,nobody@example.org,S,M,L-1,2024-04-01,NO-SUCH-SUBJECT
				""");
		assertThat(duplicate.status()).isEqualTo(422);
		assertThat(errors(duplicate)).contains("3:ticket_number", "4:subject");
		assertThat(count("support_ticket")).isEqualTo(before);

		subject("LIC-T-SHARED", "shared-1@example.org");
		Http.Response other = admin().postJson(API + "subjects", json("licenceNumber", "LIC-T-OTHER", "customerCode",
				"LIC-T-SHARED", "givenName", "Rita", "familyName", "Greco", "email", "shared-2@example.org"));
		assertThat(other.status()).as(other.body()).isEqualTo(201);
		Http.Response ambiguous = admin().post(API + "imports/support-tickets", "text/csv", """
				ticket_number,name,email,subject_line,message,licence_number,opened_at,subject
				910030,Shared,shared-1@example.org,S,M,L-1,2024-04-01,LIC-T-SHARED
				910031,By e-mail,shared-2@example.org,S,M,L-1,2024-04-01,shared-2@example.org
				""");
		assertThat(ambiguous.status()).isEqualTo(422);
		assertThat(ambiguous.body()).contains("more than one subject has this identifier");
		assertThat(errors(ambiguous)).containsExactly("2:subject");
		assertThat(count("support_ticket")).isEqualTo(before);
	}

	@Test
	void remoteSessionsRoundTripWithTheirAddressesChecked() {
		String subjectId = subject("LIC-S-1", "session.user@example.org");
		Http.Response created = admin().postJson(API + "remote-sessions", json("subject", "LIC-S-1", "remoteId",
				"AnyDesk 123 456 789", "ipAddress", "2001:DB8:0:0:0:0:0:1", "startedAt", "2024-05-01T10:00:00+02:00"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode session = created.json();
		assertThat(session.get("ipAddress").asString()).isEqualTo("2001:db8::1");
		assertThat(session.get("startedAt").asString()).as("shown in UTC").isEqualTo("2024-05-01T08:00:00Z");
		assertThat(session.get("subjectId").asString()).isEqualTo(subjectId);
		assertThat(session.get("source").asString()).isEqualTo("service_generated");
		String id = session.get("id").asString();

		Http.Response ended = admin().put(API + "remote-sessions/" + id,
				json("subject", subjectId, "remoteId", "AnyDesk 123 456 789", "ipAddress", "192.0.2.10", "startedAt",
						"2024-05-01T08:00:00Z", "endedAt", "2024-05-01T08:45:00Z"));
		assertThat(ended.status()).as(ended.body()).isEqualTo(200);
		assertThat(ended.json().get("ipAddress").asString()).isEqualTo("192.0.2.10");
		assertThat(admin().get(API + "remote-sessions/" + id).json().get("endedAt").asString())
			.isEqualTo("2024-05-01T08:45:00Z");
		assertThat(admin().get(API + "remote-sessions?remoteId=AnyDesk%20123%20456%20789").json().get("items"))
			.hasSize(1);

		Http.Response invalid = admin().postJson(API + "remote-sessions", json("remoteId", "R-1", "ipAddress",
				"999.1.1.1", "startedAt", "2024-05-01T08:00:00Z", "endedAt", "2024-05-01T07:00:00Z"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(errors(invalid)).containsExactlyInAnyOrder("ip_address", "ended_at");
		assertThat(admin().get(API + "remote-sessions/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);

		String lines = """
				{"remote_id": "TV-1", "subject": "LIC-S-1", "ip_address": "203.0.113.7", "started_at": "2024-06-01T09:00:00Z", "ended_at": "2024-06-01T09:30:00Z"}
				{"remote_id": "TV-2", "ip_address": "fe80::1", "started_at": "2024-06-02T09:00:00Z"}
				""";
		Http.Response imported = admin().post(API + "imports/remote-sessions", "application/x-ndjson", lines);
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("inserted").asLong()).isEqualTo(2);
		assertThat(admin().post(API + "imports/remote-sessions", "application/x-ndjson", lines)
			.json()
			.get("unchanged")
			.asLong()).isEqualTo(2);

		long before = count("remote_session");
		Http.Response bad = admin().post(API + "imports/remote-sessions", "application/x-ndjson",
				"""
						{"remote_id": "TV-3", "ip_address": "203.0.113.8", "started_at": "2024-06-03T09:00:00Z"}
						{"remote_id": "TV-4", "ip_address": "host.example.org", "started_at": "2024-06-04"}
						{"remote_id": "TV-5", "ip_address": "203.0.113.9", "started_at": "2024-06-05T09:00:00Z", "ended_at": "2024-06-05T08:00:00Z"}
						""");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(errors(bad)).containsExactlyInAnyOrder("2:ip_address", "2:started_at", "3:ended_at");
		assertThat(count("remote_session")).isEqualTo(before);

		JsonNode overview = admin().get(API + "subjects/" + subjectId + "/overview").json();
		assertThat(category(overview, "remote_session").get("records")).hasSize(2)
			.allMatch((r) -> r.get("kind").asString().equals("remote_session"));
	}

}
