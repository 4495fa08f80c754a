package io.tutela.subject;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class SubjectPagesIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void anOperatorImportsFindsAndSeesASubjectWhole() {
		Staff.Created operator = Staff.create(this.port, "pages-operator", List.of("operator"), List.of("conecto"));
		Http session = Http.session(this.port);
		session.login(operator.username(), operator.password());

		Http.Response refused = session.upload("/controllers/conecto/imports", "/controllers/conecto/imports",
				Map.of("kind", "subjects"), "file", "bad.csv", "customer_code,email\nPG-1,not-an-email\n");
		assertThat(refused.body()).contains("id=\"import-rejected\"", "<td>2</td>", "<td>email</td>");

		Http.Response imported = session.upload("/controllers/conecto/imports", "/controllers/conecto/imports",
				Map.of("kind", "subjects"), "file", "good.csv",
				"customer_code,given_name,family_name,email,collected_at\nPG-1,Carla,Zanetti,carla@example.org,2022-05-10\n");
		assertThat(imported.body()).contains("id=\"import-report\"");

		Http.Response found = session.get("/controllers/conecto/subjects?q=zanet");
		assertThat(found.body()).contains("Zanetti");
		String link = found.body().replaceAll("(?s).*href=\"(/controllers/conecto/subjects/[0-9a-f-]{36})\".*", "$1");
		Http.Response overview = session.get(link + "?lang=it");
		assertThat(overview.status()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(overview.body())).contains("Vista 360", "Carla Zanetti", "Dati anagrafici",
				"carla@example.org", "art. 6(1)(b)");
		assertThat(session.get("/controllers/ipkom/subjects").status()).as("another controller's subjects")
			.isEqualTo(404);

		assertThat(session.get("/controllers/conecto/imports").body()).contains("value=\"subjects\"")
			.doesNotContain("value=\"cdr\"");
		long calls = Http.admin(this.port).get("/api/v1/controllers/conecto/cdrs").json().get("items").size();
		Http.Response traffic = session.upload("/controllers/conecto/imports", "/controllers/conecto/imports",
				Map.of("kind", "cdr"), "file", "calls.csv",
				"caller,callee,start,duration_seconds,answered\n+393471234567,+390612345678,"
						+ java.time.LocalDate.now().minusDays(3) + "T10:00:00Z,60,true\n");
		assertThat(traffic.body()).as("traffic data are imported only through the API, under their own rules")
			.doesNotContain("id=\"import-report\"");
		assertThat(Http.admin(this.port).get("/api/v1/controllers/conecto/cdrs").json().get("items").size())
			.isEqualTo(calls);
	}

}
