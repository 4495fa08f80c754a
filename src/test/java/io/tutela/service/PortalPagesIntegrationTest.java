package io.tutela.service;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static io.tutela.service.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor-client portal: a client controller's user reads its call log, deletes a
 * note for good, gives the receptionist its instructions and manages its caller list, and
 * sees nothing of another controller.
 */
@TutelaIntegrationTest
class PortalPagesIntegrationTest {

	static final String API = "/api/v1/controllers/" + ServiceTests.CLIENT + "/";

	static final String PAGES = "/controllers/" + ServiceTests.CLIENT + "/";

	@LocalServerPort
	int port;

	@Test
	void aClientUserUsesItsPortalPages() {
		Http admin = Http.admin(this.port);
		Http.Response call = admin.postJson(API + "calls", json("callerName", "Ilaria Galli", "number",
				"+39 347 555 6677", "calledAt", "2024-09-03T08:15:00Z", "request", "Chiede un preventivo"));
		assertThat(call.status()).as(call.body()).isEqualTo(201);
		String callId = call.json().get("id").asString();
		Http.Response kept = admin.postJson(API + "calls/" + callId + "/notes", json("note", "Richiamare domani"));
		Http.Response doomed = admin.postJson(API + "calls/" + callId + "/notes",
				json("note", "Ha parlato della sua salute"));
		assertThat(doomed.status()).as(doomed.body()).isEqualTo(201);
		String noteId = doomed.json().get("id").asString();

		Staff.Created client = Staff.create(this.port, "portal-client", List.of("client_user"),
				List.of(ServiceTests.CLIENT));
		Http session = Http.session(this.port);
		session.login(client.username(), client.password());

		Http.Response controller = session.get(PAGES.substring(0, PAGES.length() - 1));
		assertThat(controller.body()).contains("id=\"link-calls\"", "id=\"link-receptionist\"", "id=\"link-callers\"",
				"id=\"link-contacts\"");

		String log = PAGES + "calls?number=%2B393475556677";
		Http.Response page = session.get(log);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Ilaria Galli", "+393475556677",
				"Chiede un preventivo", "Richiamare domani", "Ha parlato della sua salute");

		Http.Response deleted = session.submit(log, PAGES + "calls/" + callId + "/notes/" + noteId + "/delete",
				Map.of("number", "+393475556677"));
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(302);
		Http.Response after = session.get(deleted.location().replaceFirst("^https?://[^/]+", ""));
		assertThat(after.status()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(after.body())).contains("id=\"note-deleted\"", "Richiamare domani")
			.doesNotContain("Ha parlato della sua salute");
		assertThat(admin.get(API + "calls/" + callId + "/notes/" + noteId).status()).isEqualTo(404);
		assertThat(kept.status()).isEqualTo(201);

		Http.Response invalid = session.submit(PAGES + "receptionist", PAGES + "receptionist", Map.of("availability",
				"mon 09:00-13:00", "forward_busy", "12", "notificationEmail", "studio@example.org"));
		assertThat(invalid.status()).as(invalid.body()).isEqualTo(200);
		assertThat(invalid.body()).contains("id=\"receptionist-invalid\"", "id=\"error-forwarding\"")
			.doesNotContain("id=\"error-notification_email\"");
		assertThat(HtmlUtils.htmlUnescape(invalid.body())).contains("the number for 'busy'");

		Http.Response saved = session.submit(PAGES + "receptionist", PAGES + "receptionist",
				Map.of("availability", "mon 09:00-13:00\ntue 14:00-18:00", "forward_busy", "06 1234 5678",
						"notificationEmail", "studio@example.org"));
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		assertThat(session.get(PAGES + "receptionist").body()).contains("tue 14:00-18:00", "+390612345678",
				"studio@example.org");

		Http.Response added = session.submit(PAGES + "receptionist/callers", PAGES + "receptionist/callers",
				Map.of("number", "333 987 6543", "name", "Avv. Neri", "kind", "vip"));
		assertThat(added.status()).as(added.body()).isEqualTo(302);
		Http.Response callers = session.get(PAGES + "receptionist/callers");
		assertThat(callers.body()).contains("+393339876543", "Avv. Neri");
		Http.Response badCaller = session.submit(PAGES + "receptionist/callers", PAGES + "receptionist/callers",
				Map.of("number", "", "name", "Nessuno", "kind", "vip"));
		assertThat(badCaller.body()).contains("id=\"error-number\"");

		assertThat(session.get(PAGES + "receptionist/contacts").status()).isEqualTo(200);

		assertThat(session.get("/controllers/ipkom/calls").status()).as("another controller's call log").isEqualTo(404);
		assertThat(session.get("/controllers/ipkom/receptionist").status()).isEqualTo(404);
	}

}
