package io.tutela.service;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static io.tutela.service.ServiceTests.errors;
import static io.tutela.service.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record pages of tickets, remote sessions, contracts and invoices, and the complaint
 * handler's view of Conecto's complaints without identifying elements (Conecto §5).
 */
@TutelaIntegrationTest
class RecordPagesIntegrationTest {

	@LocalServerPort
	int port;

	Http session(String username, List<String> roles, List<String> controllers) {
		Staff.Created user = Staff.create(this.port, username, roles, controllers);
		Http session = Http.session(this.port);
		session.login(user.username(), user.password());
		return session;
	}

	static String text(Http.Response page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return HtmlUtils.htmlUnescape(page.body());
	}

	@Test
	void theLicenceNumberIsMandatoryOnlyWhereThePolicySaysSo() {
		Http admin = Http.admin(this.port);
		Http.Response helpdesk = admin.postJson("/api/v1/controllers/nanosystems/support-tickets",
				json("ticketNumber", 700001, "name", "Aldo Neri", "email", "aldo.neri@example.org", "subjectLine",
						"Help", "message", "Please help", "openedAt", "2025-01-10T10:00:00Z"));
		assertThat(helpdesk.status()).as(helpdesk.body()).isEqualTo(400);
		assertThat(errors(helpdesk)).containsExactly("licence_number");

		Http.Response operator = admin.postJson("/api/v1/controllers/conecto/support-tickets",
				json("ticketNumber", 700001, "name", "Aldo Neri", "email", "aldo.neri@example.org", "subjectLine",
						"Linea lenta", "message", "La linea è lenta la sera", "openedAt", "2025-01-10T10:00:00Z"));
		assertThat(operator.status()).as(operator.body()).isEqualTo(201);
		assertThat(operator.json().get("licenceNumber").isNull()).isTrue();
	}

	@Test
	void aComplaintHandlerSeesComplaintsWithoutWhoMadeThem() {
		Http admin = Http.admin(this.port);
		Http.Response complaint = admin.postJson("/api/v1/controllers/conecto/support-tickets",
				json("ticketNumber", 810001, "name", "Gianluca Ferraresi", "email", "g.ferraresi@example.org",
						"subjectLine", "Reclamo di Ferraresi per addebiti", "message",
						"Sono Gianluca Ferraresi (FRRGLC80A01H501U), mi avete addebitato 12,50 euro il 03/02/2025; "
								+ "richiamatemi al +39 347 555 1234 o scrivete a gianluca@ferraresi.example.org.",
						"openedAt", "2025-02-04T10:00:00Z", "category", "complaints"));
		assertThat(complaint.status()).as(complaint.body()).isEqualTo(201);
		Http.Response request = admin.postJson("/api/v1/controllers/conecto/support-tickets",
				json("ticketNumber", 810002, "name", "Marta Riva", "email", "marta.riva@example.org", "subjectLine",
						"Modem da sostituire", "message", "Il modem non si accende", "openedAt", "2025-02-05T10:00:00Z",
						"category", "support_requests"));
		assertThat(request.status()).as(request.body()).isEqualTo(201);

		Http handler = session("complaints-conecto", List.of("complaint_handler"), List.of("conecto"));
		String controller = text(handler.get("/controllers/conecto"));
		assertThat(controller).contains("id=\"link-complaints\"").doesNotContain("id=\"link-tickets\"");

		String list = text(handler.get("/controllers/conecto/complaints"));
		assertThat(list).contains("810001", "Reclamo di " + Deidentified.MASK + " per addebiti")
			.doesNotContain("Ferraresi")
			.doesNotContain("810002");

		String one = text(handler.get("/controllers/conecto/complaints/810001"));
		assertThat(one).contains("mi avete addebitato 12,50 euro il 03/02/2025", "richiamatemi al " + Deidentified.MASK)
			.doesNotContain("Gianluca")
			.doesNotContain("Ferraresi")
			.doesNotContain("FRRGLC80A01H501U")
			.doesNotContain("347 555")
			.doesNotContain("g.ferraresi@example.org")
			.doesNotContain("id=\"subject-link\"");

		assertThat(handler.get("/controllers/conecto/complaints/810002").status()).isEqualTo(404);
		assertThat(handler.get("/controllers/conecto/support-tickets").status()).isEqualTo(403);
		assertThat(handler.get("/controllers/conecto/support-tickets/810001").status()).isEqualTo(403);
		assertThat(handler.get("/controllers/ipkom/complaints").status()).isEqualTo(404);

		Http.Response audit = admin.get("/api/v1/controllers/conecto/audit?action=support_ticket.read-deidentified");
		assertThat(audit.status()).as(audit.body()).isEqualTo(200);
		assertThat(audit.body()).contains("complaints-conecto");
	}

	@Test
	void anOperatorListsAndOpensTicketsAndSessions() {
		Http admin = Http.admin(this.port);
		assertThat(admin
			.postJson("/api/v1/controllers/nanosystems/support-tickets",
					json("ticketNumber", 820001, "name", "Sara Conti", "email", "sara.conti@example.org", "subjectLine",
							"Licenza scaduta", "message", "Non riesco a rinnovare", "licenceNumber", "LIC-P-820001",
							"openedAt", "2025-03-01T08:00:00Z"))
			.status()).isEqualTo(201);
		Http.Response session = admin.postJson("/api/v1/controllers/nanosystems/remote-sessions",
				json("remoteId", "RID-820001", "ipAddress", "198.51.100.7", "startedAt", "2025-03-01T08:30:00Z",
						"endedAt", "2025-03-01T08:55:00Z"));
		assertThat(session.status()).as(session.body()).isEqualTo(201);

		Http operator = session("operator-nanosystems", List.of("operator"), List.of("nanosystems"));
		String controller = text(operator.get("/controllers/nanosystems"));
		assertThat(controller).contains("id=\"link-tickets\"", "id=\"link-sessions\"")
			.doesNotContain("id=\"link-complaints\"")
			.doesNotContain("id=\"link-calls\"");

		String tickets = text(operator.get("/controllers/nanosystems/support-tickets?email=sara.conti@example.org"));
		assertThat(tickets).contains("820001", "Sara Conti", "Licenza scaduta");
		assertThat(tickets).doesNotContain("LIC-NS");
		String ticket = text(operator.get("/controllers/nanosystems/support-tickets/820001"));
		assertThat(ticket).contains("Non riesco a rinnovare", "LIC-P-820001", "01/03/2025");
		assertThat(text(
				operator.get("/controllers/nanosystems/support-tickets?state=closed&email=sara.conti@example.org")))
			.contains("id=\"no-records\"");

		String sessions = text(operator.get("/controllers/nanosystems/remote-sessions?remoteId=RID-820001"));
		assertThat(sessions).contains("RID-820001", "198.51.100.7", "01/03/2025 08:30", "01/03/2025 08:55");
		String id = session.json().get("id").asString();
		assertThat(text(operator.get("/controllers/nanosystems/remote-sessions/" + id))).contains("198.51.100.7");

		assertThat(operator.get("/controllers/conecto/support-tickets").status()).isEqualTo(404);
		assertThat(operator.get("/controllers/nanosystems/support-tickets/999999").status()).isEqualTo(404);
	}

	@Test
	void contractsAndInvoicesHavePagesLinkedToTheirSubject() {
		Http admin = Http.admin(this.port);
		Http.Response subject = admin.postJson("/api/v1/controllers/ipkom/subjects", json("customerCode", "IPK-830001",
				"givenName", "Luca", "familyName", "Bassi", "email", "luca.bassi@example.org"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		String subjectId = subject.json().get("id").asString();
		Http.Response contract = admin.postJson("/api/v1/controllers/ipkom/contracts", json("subjectId", subjectId,
				"contractNumber", "CT-830001", "service", "Fibra 1 Gbit", "startDate", "2021-06-01"));
		assertThat(contract.status()).as(contract.body()).isEqualTo(201);
		Http.Response invoice = admin.postJson("/api/v1/controllers/ipkom/invoices",
				json("subjectId", subjectId, "contractId", contract.json().get("id").asString(), "invoiceNumber",
						"FT-830001", "issuedOn", "2021-07-01", "amount", "29.90", "currency", "EUR", "disputed", true));
		assertThat(invoice.status()).as(invoice.body()).isEqualTo(201);

		Http dpo = session("dpo-ipkom-records", List.of("dpo"), List.of("ipkom"));
		String contracts = text(dpo.get("/controllers/ipkom/contracts?from=2021-06-01&to=2021-06-01"));
		assertThat(contracts).contains("CT-830001", "Fibra 1 Gbit", "01/06/2021");
		String one = text(dpo.get("/controllers/ipkom/contracts/" + contract.json().get("id").asString()));
		assertThat(one).contains("Fibra 1 Gbit", "/controllers/ipkom/subjects/" + subjectId);

		String invoices = text(dpo.get("/controllers/ipkom/invoices?from=2021-07-01&to=2021-07-01"));
		assertThat(invoices).contains("FT-830001", "29.90 EUR", "✔");
		assertThat(text(dpo.get("/controllers/ipkom/invoices?from=2021-13-01"))).contains("id=\"list-note\"");
		assertThat(dpo.get("/controllers/ipkom/invoices/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
	}

}
