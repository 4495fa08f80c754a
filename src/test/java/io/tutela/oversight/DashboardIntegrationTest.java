package io.tutela.oversight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;
import io.tutela.outbox.Outbox;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's figures on known data, each equal to the list it links to. */
@TutelaIntegrationTest
class DashboardIntegrationTest {

	static final String ID = "acme-dashboard";

	@LocalServerPort
	int port;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	static String policy() throws IOException {
		try (InputStream in = DashboardIntegrationTest.class.getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("acme-test", ID)
				.replace("records:", "breach:\n  authority_deadline: PT72H\n  authority: Garante\nrecords:");
		}
	}

	static Map<String, Object> breach(String title, Duration sinceAwareness, String risk) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("awareAt", Instant.now().minus(sinceAwareness).toString());
		body.put("nature", List.of("availability"));
		body.put("description", "d");
		body.put("categories", List.of("identity"));
		body.put("consequences", "c");
		body.put("measuresTaken", "m");
		body.put("risk", risk);
		return body;
	}

	/** The number a figure's part shows, by the label of the part. */
	static long bar(String figure, String label) {
		Matcher m = Pattern.compile(Pattern.quote(label) + "</span>: <span class=\"bar-value\">(\\d+)<")
			.matcher(figure);
		assertThat(m.find()).as(label + " in " + figure).isTrue();
		return Long.parseLong(m.group(1));
	}

	static String figure(String page, String id) {
		int start = page.indexOf("id=\"figure-" + ID + "-" + id + "\"");
		assertThat(start).as(id).isPositive();
		return page.substring(start, page.indexOf("</article>", start));
	}

	static long headline(String figure) {
		Matcher m = Pattern.compile("class=\"value\" href=\"([^\"]+)\">(\\d+)<").matcher(figure);
		assertThat(m.find()).isTrue();
		return Long.parseLong(m.group(2));
	}

	static String link(String figure) {
		Matcher m = Pattern.compile("class=\"value\" href=\"([^\"]+)\"").matcher(figure);
		assertThat(m.find()).isTrue();
		return HtmlUtils.htmlUnescape(m.group(1));
	}

	static int rows(String page, String rowPattern) {
		Matcher m = Pattern.compile(rowPattern).matcher(page);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	@Test
	void everyFigureEqualsTheListItLinksTo() throws IOException {
		Http admin = Http.admin(this.port);
		assertThat(admin.post("/api/v1/controllers/" + ID + "/policy", "application/yaml", policy()).status())
			.isEqualTo(201);
		String api = "/api/v1/controllers/" + ID + "/breaches";
		assertThat(admin.postJson(api, breach("Late", Duration.ofHours(73), "risk")).status()).isEqualTo(201);
		assertThat(admin.postJson(api, breach("Near", Duration.ofHours(60), "risk")).status()).isEqualTo(201);
		assertThat(admin.postJson(api, breach("Later", Duration.ofHours(1), "high")).status()).isEqualTo(201);
		Http.Response unlikely = admin.postJson(api, breach("Not to notify", Duration.ofHours(2), "unlikely"));
		assertThat(admin
			.postJson(api + "/" + unlikely.json().at("/breach/number").asInt() + "/decision", Map.of("notifyAuthority",
					false, "authorityReason", "no risk", "notifySubjects", false, "subjectsReason", "no risk"))
			.status()).isEqualTo(200);

		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			UUID mailing = this.outbox.mailing(ID, "test", "dashboard", "S", "B");
			this.outbox.send(ID, mailing, List.of(new Outbox.Recipient(null, "a@example.org"),
					new Outbox.Recipient(null, "b@example.org"), new Outbox.Recipient(null, "c@example.org")));
		});
		this.jdbc.sql("""
				UPDATE outbox_message SET state = 'failed', attempts = 8, next_attempt_at = now() + interval '1 day'
				WHERE controller_id = :c AND recipient = 'a@example.org'""").param("c", ID).update();
		this.jdbc.sql("UPDATE outbox_message SET next_attempt_at = now() + interval '1 day' WHERE controller_id = :c")
			.param("c", ID)
			.update();

		String requests = "/api/v1/controllers/" + ID + "/requests";
		for (Duration ago : List.of(Duration.ofDays(40), Duration.ofDays(27), Duration.ofDays(2))) {
			Http.Response received = admin.postJson(requests, Map.of("type", "access", "subject", "someone@example.org",
					"channel", "email", "receivedAt", Instant.now().minus(ago).toString()));
			assertThat(received.status()).as(received.body()).isEqualTo(201);
		}

		// contracts whose 10 years end 3 days ago, in 5, 50 and 200 days (Rome dates)
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Rome"));
		for (int days : new int[] { -4, 5, 50, 200 }) {
			UUID subject = UUID.randomUUID();
			this.jdbc.sql("""
					INSERT INTO subject (id, controller_id, subject_key, category, purposes, source, collected_at)
					VALUES (:id, :c, :key, 'identity', '{contract}', 'data_subject', now())""")
				.param("id", subject)
				.param("c", ID)
				.param("key", "dash-" + days)
				.update();
			this.jdbc
				.sql("""
						INSERT INTO contract (id, controller_id, subject_id, contract_number, start_date, end_date, category,
						  purposes, source, collected_at)
						VALUES (:id, :c, :s, :n, '2000-01-01', :end, 'identity', '{contract}', 'data_subject', now())""")
				.param("id", UUID.randomUUID())
				.param("c", ID)
				.param("s", subject)
				.param("n", "dash-" + days)
				.param("end", today.minusYears(10).plusDays(days))
				.update();
		}

		Staff.Created dpo = Staff.create(this.port, "dpo-dashboard", List.of("dpo"), List.of(ID));
		Http session = Http.session(this.port);
		session.login(dpo.username(), dpo.password());
		String page = session.get("/dashboard?lang=en").body();
		assertThat(page).contains("panel-" + ID).doesNotContain("panel-conecto");

		String breaches = figure(page, "breaches-open");
		assertThat(headline(breaches)).isEqualTo(3);
		assertThat(bar(breaches, "late")).isEqualTo(1);
		assertThat(bar(breaches, "due within 24 h")).isEqualTo(1);
		assertThat(bar(breaches, "due later")).isEqualTo(1);
		String breachList = session.get(link(breaches)).body();
		assertThat(rows(breachList, "<tr id=\"breach-\\d+\"")).isEqualTo(3);

		String outbox = figure(page, "outbox-failed");
		assertThat(headline(outbox)).isEqualTo(1);
		assertThat(bar(outbox, "pending")).isEqualTo(2);
		String failedList = session.get(link(outbox)).body();
		assertThat(rows(failedList.substring(failedList.indexOf("<tbody>")), "<tr>")).isEqualTo(1);

		String open = figure(page, "requests-open");
		assertThat(headline(open)).isEqualTo(3);
		assertThat(bar(open, "overdue")).isEqualTo(1);
		assertThat(bar(open, "due within 7 days or overdue")).isEqualTo(2);
		assertThat(rows(session.get(link(open)).body(), "<tr id=\"request-")).isEqualTo(3);
		Matcher overdueLink = Pattern.compile("href=\"([^\"]+show=overdue)\"").matcher(open);
		assertThat(overdueLink.find()).isTrue();
		assertThat(rows(session.get(HtmlUtils.htmlUnescape(overdueLink.group(1))).body(), "<tr id=\"request-"))
			.isEqualTo(1);

		for (String horizon : List.of("30", "90")) {
			String retention = figure(page, "retention-" + horizon);
			String preview = session.get(link(retention)).body();
			Matcher total = Pattern.compile("id=\"total-due\">(\\d+)<").matcher(preview);
			assertThat(total.find()).isTrue();
			assertThat(headline(retention)).isEqualTo(Long.parseLong(total.group(1)));
			assertThat(bar(retention, "identity-after-contract")).isEqualTo(headline(retention));
		}
		// the subject and the contract (in the same category) whose period ends within
		// the days
		assertThat(headline(figure(page, "retention-30"))).isEqualTo(4);
		assertThat(headline(figure(page, "retention-90"))).isEqualTo(6);

		assertThat(page).as("alerts span every controller").doesNotContain("figure-alerts");
		this.jdbc.sql("""
				INSERT INTO audit_alert (kind, actor, actor_role, window_start, window_end, record_count, raised_at,
				  last_read_at) VALUES ('off-hours', 'night-owl', 'OPERATOR', now() - interval '2 hours',
				  now() - interval '1 hour', 12, now() - interval '1 hour', now() - interval '1 hour')""").update();
		long alerts = this.jdbc.sql("SELECT count(*) FROM audit_alert WHERE raised_at >= now() - interval '30 days'")
			.query(Long.class)
			.single();
		Staff.Created everyController = Staff.create(this.port, "dpo-dashboard-all", List.of("dpo"), List.of());
		Http all = Http.session(this.port);
		all.login(everyController.username(), everyController.password());
		String whole = all.get("/dashboard?lang=en").body();
		String alertFigure = whole.substring(whole.indexOf("id=\"figure-alerts\""));
		assertThat(headline(alertFigure)).isEqualTo(alerts).isPositive();
		assertThat(bar(alertFigure, "reads outside working hours")).isPositive();

		assertThat(session.get("/controllers/" + ID + "/dashboard").status()).isEqualTo(200);
		assertThat(session.get("/controllers/conecto/dashboard").status()).isEqualTo(404);
		Staff.Created operator = Staff.create(this.port, "operator-dashboard", List.of("operator"), List.of(ID));
		Http other = Http.session(this.port);
		other.login(operator.username(), operator.password());
		assertThat(other.get("/dashboard").status()).isEqualTo(403);
	}

}
