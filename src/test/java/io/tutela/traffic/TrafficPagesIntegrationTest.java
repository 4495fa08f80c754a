package io.tutela.traffic;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traffic search and a subscriber's calls of a billing period, as an operator sees
 * them.
 */
@TutelaIntegrationTest
class TrafficPagesIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void anOperatorSearchesCallsWithinTheWindowAndChecksASubscribersBill() {
		Http admin = Http.admin(this.port);
		Http.Response created = admin.postJson("/api/v1/controllers/conecto/subjects", Map.of("customerCode", "TRP-1",
				"givenName", "Dario", "familyName", "Fontana", "phone", "+39 347 200 7001"));
		String subjectId = created.json().get("id").asString();
		Instant recent = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS);
		Instant old = recent.minus(300, ChronoUnit.DAYS);
		Http.Response imported = admin.post("/api/v1/controllers/conecto/imports/cdr", "text/csv",
				"caller,callee,start,duration_seconds,answered\n347 200 7001,06 2007001," + recent + ",61,true\n"
						+ "347 200 7001,06 2007002," + old + ",62,true\n");
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);

		Staff.Created operator = Staff.create(this.port, "traffic-pages-operator", List.of("operator"),
				List.of("conecto"));
		Http session = Http.session(this.port);
		session.login(operator.username(), operator.password());
		assertThat(session.get("/controllers/conecto").body()).contains("id=\"link-traffic\"");

		Http.Response found = session.get("/controllers/conecto/traffic?number=347+200+7001");
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.body()).contains("id=\"calls\"", "+39062007001", "id=\"visible-from\"")
			.doesNotContain("+39062007002");
		Http.Response invalid = session.get("/controllers/conecto/traffic?number=12ab&lang=it");
		assertThat(HtmlUtils.htmlUnescape(invalid.body())).contains("id=\"invalid\"", "Il numero non è valido");

		Http.Response overview = session.get("/controllers/conecto/subjects/" + subjectId);
		assertThat(overview.body()).contains("/controllers/conecto/subjects/" + subjectId + "/cdrs");
		String period = YearMonth.from(recent.atZone(ZoneId.of("Europe/Rome"))).toString();
		Http.Response bill = session.get("/controllers/conecto/subjects/" + subjectId + "/cdrs?period=" + period);
		assertThat(bill.status()).isEqualTo(200);
		assertThat(bill.body()).contains("id=\"totals\"", "+39062007001");
		assertThat(session.get("/controllers/conecto/subjects/" + subjectId + "/cdrs?period=March").body())
			.contains("id=\"invalid\"");
		assertThat(session.get("/controllers/ipkom/traffic").status()).isEqualTo(404);

		Staff.Created auditor = Staff.create(this.port, "traffic-pages-auditor", List.of("auditor"),
				List.of("conecto"));
		Http auditorSession = Http.session(this.port);
		auditorSession.login(auditor.username(), auditor.password());
		assertThat(auditorSession.get("/controllers/conecto/traffic").status()).isEqualTo(403);
	}

}
