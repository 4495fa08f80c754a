package io.tutela.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retention engine on every record kind, on dated scenarios from the notices: a
 * record one day before and one day after each boundary, on Europe/Rome calendar dates,
 * across the daylight-saving change of 29 March 2026 (and 28 March 2021).
 */
@TutelaIntegrationTest
class RetentionEngineIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RetentionRuns runs;

	@Autowired
	RetentionSchedule schedule;

	static String runs(String controllerId) {
		return "/api/v1/controllers/" + controllerId + "/retention/runs";
	}

	static JsonNode run(Http admin, String controllerId, String asOf, boolean dryRun) {
		Http.Response run = admin.postJson(runs(controllerId), Map.of("asOf", asOf, "dryRun", dryRun));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		return run.json();
	}

	static JsonNode rule(JsonNode report, String id) {
		return RetentionRunIntegrationTest.rule(report, id);
	}

	/**
	 * Nanosystems: pseudonymised the day after the contract ends, anonymised 72 months
	 * later; the key stays apart and only the DPO re-identifies.
	 */
	@Test
	void nanosystemsPseudonymisesAfterTheContractThenAnonymisesAfter72Months() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-nano";
		RetentionFixtures.controller(admin, "nanosystems", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		// the contract ends on Saturday 28 March 2026; Rome moves to summer time that
		// night
		UUID subject = data.subject(c, "support_ticket", "maria.verdi@example.org", LocalDate.of(2026, 3, 28));
		UUID ticket = data.ticket(c, subject, "support_ticket", "maria.verdi@example.org");

		JsonNode before = run(admin, c, "2026-03-28", false);
		assertThat(rule(before, "support-ticket-pseudonymise").get("due").asLong()).isZero();
		assertThat(data.text("SELECT email FROM support_ticket WHERE id = ?", ticket))
			.isEqualTo("maria.verdi@example.org");

		JsonNode dry = run(admin, c, "2026-03-29", true);
		// the ticket and the subject (whose category is the same)
		assertThat(rule(dry, "support-ticket-pseudonymise").get("due").asLong()).isEqualTo(2);
		assertThat(rule(dry, "support-ticket-pseudonymise").get("done").asLong()).isZero();
		assertThat(data.text("SELECT email FROM support_ticket WHERE id = ?", ticket))
			.isEqualTo("maria.verdi@example.org");

		JsonNode after = run(admin, c, "2026-03-29", false);
		assertThat(rule(after, "support-ticket-pseudonymise").get("done").asLong()).isEqualTo(2);
		String token = data.text("SELECT email FROM support_ticket WHERE id = ?", ticket);
		assertThat(token).startsWith("ps-").doesNotContain("maria");
		assertThat(data.text("SELECT message FROM support_ticket WHERE id = ?", ticket)).doesNotContain("maria.verdi")
			.doesNotContain("1234567");
		assertThat(data.text("SELECT coalesce(given_name, '') FROM subject WHERE id = ?", subject)).startsWith("ps-");

		// the operational path cannot re-identify: the subject 360 and the table of
		// values
		String overview = admin.get("/api/v1/controllers/" + c + "/subjects/" + subject).body();
		assertThat(overview).doesNotContain("maria.verdi@example.org").contains(token);
		assertThatThrownBy(() -> this.jdbc.sql("SELECT count(*) FROM reidentification.pseudonym").query().singleValue())
			.rootCause()
			.hasMessageContaining("permission denied");
		Staff.Created operator = Staff.create(this.port, "ret-nano-operator", List.of("operator"), List.of(c));
		Http session = Http.session(this.port);
		session.login(operator.username(), operator.password());
		assertThat(session
			.post("/api/v1/controllers/" + c + "/retention/reidentify", "application/json",
					"{\"token\":\"" + token + "\"}")
			.status()).isEqualTo(403);
		Http.Response revealed = admin.postJson("/api/v1/controllers/" + c + "/retention/reidentify",
				Map.of("token", token));
		assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
		assertThat(revealed.json().get("value").asString()).isEqualTo("maria.verdi@example.org");
		assertThat(data.count("SELECT count(*) FROM audit_event WHERE action = 'retention.reidentify'")).isPositive();

		JsonNode again = run(admin, c, "2026-03-29", false);
		assertThat(rule(again, "support-ticket-pseudonymise").get("due").asLong()).isZero();
		assertThat(data.text("SELECT email FROM support_ticket WHERE id = ?", ticket)).isEqualTo(token);

		// pseudonymised on 29 March 2026: kept 72 months through 29 March 2032,
		// anonymised from the 30th
		assertThat(rule(run(admin, c, "2032-03-29", false), "support-ticket-anonymise").get("due").asLong()).isZero();
		JsonNode anonymised = run(admin, c, "2032-03-30", false);
		assertThat(rule(anonymised, "support-ticket-anonymise").get("done").asLong()).isEqualTo(2);
		assertThat(data.count("SELECT count(*) FROM support_ticket WHERE id = ? AND subject_id IS NULL "
				+ "AND name = 'anonymous' AND opened_at = '2016-05-02T09:00:00Z'", ticket))
			.isEqualTo(1);
	}

	/** Connext: 10 years after the contract, unless a legal hold keeps the subject. */
	@Test
	void connextDeletesTenYearsAfterTheContractExceptWhatAHoldKeeps() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-connext";
		RetentionFixtures.controller(admin, "connext", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		UUID kept = data.subject(c, "identity", "kept@example.org", LocalDate.of(2016, 3, 28));
		UUID gone = data.subject(c, "identity", "gone@example.org", LocalDate.of(2016, 3, 28));
		UUID held = data.subject(c, "identity", "held@example.org", LocalDate.of(2016, 3, 28));
		Http.Response hold = admin.postJson("/api/v1/controllers/" + c + "/legal-holds",
				Map.of("kind", "dispute", "subjectId", held.toString(), "reason", "Bill 2016/118 disputed"));
		assertThat(hold.status()).as(hold.body()).isEqualTo(200);
		Http.Response wrong = admin.postJson("/api/v1/controllers/" + c + "/legal-holds",
				Map.of("kind", "court_order", "recordKind", "nothing", "reason", " "));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("kind").contains("recordKind").contains("reason");

		// kept through 28 March 2026, deleted from the 29th (the day Rome changes to
		// summer time)
		JsonNode before = run(admin, c, "2026-03-28", false);
		assertThat(rule(before, "identity-civil-10y").get("due").asLong()).isZero();
		assertThat(rule(before, "identity-civil-10y").get("held").asLong()).isZero();
		JsonNode preview = admin.get("/api/v1/controllers/" + c + "/retention/preview?asOf=2026-03-29").json();
		assertThat(rule(preview, "identity-civil-10y").get("due").asLong()).isEqualTo(2);
		assertThat(rule(preview, "identity-civil-10y").get("held").asLong()).isEqualTo(1);
		JsonNode after = run(admin, c, "2026-03-29", false);
		assertThat(rule(after, "identity-civil-10y").get("due").asLong()).isEqualTo(2);
		assertThat(rule(after, "identity-civil-10y").get("done").asLong()).isEqualTo(2);
		assertThat(rule(after, "identity-civil-10y").get("held").asLong()).isEqualTo(1);
		assertThat(rule(after, "contract-civil-10y").get("done").asLong()).isEqualTo(2);
		assertThat(data.count("SELECT count(*) FROM subject WHERE id IN (?, ?, ?)", kept, gone, held)).isEqualTo(1);
		assertThat(data.count("SELECT count(*) FROM subject WHERE id = ?", held)).isEqualTo(1);

		String holdId = hold.json().get("id").asString();
		assertThat(
				admin.postJson("/api/v1/controllers/" + c + "/legal-holds/" + holdId + "/release", Map.of()).status())
			.isEqualTo(200);
		JsonNode released = run(admin, c, "2026-03-29", false);
		assertThat(rule(released, "identity-civil-10y").get("done").asLong()).isEqualTo(1);
		assertThat(data.count("SELECT count(*) FROM subject WHERE id = ?", held)).isZero();
		assertThat(rule(run(admin, c, "2026-03-29", false), "identity-civil-10y").get("due").asLong()).isZero();
	}

	/**
	 * MySegretaria: the portal account is anonymised 5 years after the last activity
	 * (counted from the contract's end at the earliest), on the Rome date: an activity at
	 * 23:30 UTC on 27 March 2021 is on the 28th in Rome.
	 */
	@Test
	void mySegretariaAnonymisesAfterFiveYearsOfInactivityOnRomeDates() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-myseg";
		RetentionFixtures.controller(admin, "mysegretaria", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		UUID subject = data.subject(c, "portal_account", "client@example.org", LocalDate.of(2020, 1, 10));
		UUID account = data.portalAccount(c, subject, "portal_account", Instant.parse("2021-03-27T23:30:00Z"));

		assertThat(rule(run(admin, c, "2026-03-28", false), "account-inactive-5y").get("due").asLong()).isZero();
		assertThat(data.text("SELECT username FROM portal_account WHERE id = ?", account)).startsWith("user-");
		JsonNode after = run(admin, c, "2026-03-29", false);
		assertThat(rule(after, "account-inactive-5y").get("due").asLong()).isEqualTo(2);
		assertThat(rule(after, "account-inactive-5y").get("done").asLong()).isEqualTo(2);
		assertThat(data.text("SELECT username FROM portal_account WHERE id = ?", account))
			.isEqualTo("anonymous-" + account);
		assertThat(data.count("SELECT count(*) FROM subject WHERE id = ? AND email IS NULL AND given_name IS NULL",
				subject))
			.isEqualTo(1);
		assertThat(rule(run(admin, c, "2026-03-29", false), "account-inactive-5y").get("due").asLong()).isZero();
	}

	/**
	 * A run cut off between any two batches resumes to the same records changed and the
	 * same report as a run never cut off, on two controllers with the same records.
	 */
	@Test
	void aRunCutOffBetweenBatchesResumesToTheSameResult() throws Exception {
		Http admin = Http.admin(this.port);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		for (String c : List.of("ret-whole", "ret-cut")) {
			RetentionFixtures.controller(admin, "nanosystems", c);
			for (int i = 0; i < 7; i++) {
				LocalDate end = LocalDate.of(2026, 3, 20 + i);
				UUID subject = data.subject(c, "support_ticket", "p" + i + "@example.org", end);
				data.ticket(c, subject, "support_ticket", "p" + i + "@example.org");
			}
		}
		LocalDate asOf = LocalDate.of(2026, 3, 25);
		RetentionRuns.Report whole = this.runs.run("ret-whole", asOf, false, "test", 2, Integer.MAX_VALUE);
		assertThat(whole.state()).isEqualTo("finished");
		RetentionRuns.Report cut = this.runs.run("ret-cut", asOf, false, "test", 2, 1);
		assertThat(cut.state()).isEqualTo("running");
		// the first batch holds the two subjects first by id, which may both be not yet
		// due
		assertThat(cut.rules().get(0).done()).isLessThan(whole.rules().get(0).done());
		int resumes = 0;
		while (!cut.state().equals("finished")) {
			cut = this.runs.run("ret-cut", asOf, false, "test", 2, 1);
			resumes++;
		}
		assertThat(resumes).isGreaterThanOrEqualTo(3);
		assertThat(cut.rules()).isEqualTo(whole.rules());
		assertThat(cut.subjects()).isEqualTo(7);
		assertThat(rule(admin.get("/api/v1/controllers/ret-cut/retention/runs/" + cut.id()).json(),
				"support-ticket-pseudonymise")
			.get("done")
			.asLong()).isEqualTo(10);
		String tokens = "SELECT count(*) FROM support_ticket WHERE controller_id = ? AND email LIKE 'ps-%'";
		assertThat(data.count(tokens, "ret-cut")).isEqualTo(data.count(tokens, "ret-whole")).isEqualTo(5);
	}

	/**
	 * Conecto: calls move into the justice vault 6 months after the call, on the Rome
	 * date (a call at 22:30 UTC on 25 April 2026 is on the 26th in Rome), across the
	 * change back to winter time of 25 October 2026; a court order's window keeps its
	 * calls where they are.
	 */
	@Test
	void conectoMovesCallsAfterSixMonthsExceptThoseAHoldKeeps() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-conecto";
		RetentionFixtures.controller(admin, "conecto", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		Http.Response imported = admin.post("/api/v1/controllers/" + c + "/imports/cdr", "text/csv",
				"caller,callee,start,duration_seconds,answered\n347 900 8101,06 9008101,2026-04-25T22:30:00Z,10,true\n"
						+ "347 900 8102,06 9008102,2026-04-20T10:00:00Z,10,true\n");
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		Http.Response hold = admin.postJson("/api/v1/controllers/" + c + "/legal-holds", Map.of("kind", "court_order",
				"recordKind", "cdr", "from", "2026-04-20", "until", "2026-04-20", "reason", "Decree 12/2026"));
		assertThat(hold.status()).as(hold.body()).isEqualTo(200);
		String calls = "SELECT count(*) FROM cdr WHERE controller_id = ? AND callee = ?";

		JsonNode before = run(admin, c, "2026-10-26", false);
		assertThat(rule(before, "telephone-traffic-billing").get("due").asLong()).isZero();
		assertThat(rule(before, "telephone-traffic-billing").get("held").asLong()).isEqualTo(1);
		assertThat(data.count(calls, c, "+39069008101")).isEqualTo(1);
		JsonNode after = run(admin, c, "2026-10-27", false);
		assertThat(rule(after, "telephone-traffic-billing").get("due").asLong()).isEqualTo(1);
		assertThat(rule(after, "telephone-traffic-billing").get("done").asLong()).isEqualTo(1);
		assertThat(rule(after, "telephone-traffic-billing").get("held").asLong()).isEqualTo(1);
		assertThat(data.count(calls, c, "+39069008101")).isZero();
		assertThat(data.count(calls, c, "+39069008102")).isEqualTo(1);
		assertThat(rule(after, "marketing-contacts").get("status").asString())
			.isEqualTo("no records of this category in Tutela");
	}

	/**
	 * The pages: preview as of a day, a run started from it, holds placed and refused.
	 */
	@Test
	void pagesShowThePreviewTheRunAndTheHoldsInBothLanguages() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-pages";
		RetentionFixtures.controller(admin, "connext", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		data.subject(c, "identity", "page@example.org", LocalDate.of(2016, 3, 28));
		Staff.Created dpo = Staff.create(this.port, "ret-pages-dpo", List.of("dpo"), List.of(c));
		Http session = Http.session(this.port);
		session.login(dpo.username(), dpo.password());
		String preview = session.get("/controllers/" + c + "/retention?asOf=2026-03-29&lang=en").body();
		assertThat(preview).contains(": preview").contains("id=\"rule-identity-civil-10y\"");
		assertThat(preview).containsPattern("id=\"total-due\">2<");
		assertThat(session.get("/controllers/" + c + "/retention?asOf=2026-03-28&lang=it").body())
			.contains(": anteprima")
			.containsPattern("id=\"total-due\">0<");
		Http.Response started = session.submit("/controllers/" + c + "/retention?asOf=2026-03-29",
				"/controllers/" + c + "/retention/runs", Map.of("asOf", "2026-03-29", "dryRun", "true"));
		assertThat(started.status()).isIn(200, 302);
		assertThat(data.count("SELECT count(*) FROM subject WHERE controller_id = ?", c)).isEqualTo(1);
		String runs = session.get("/controllers/" + c + "/retention/runs?lang=en").body();
		assertThat(runs).contains("Dry run").contains("finished");

		Http.Response refused = session.submit("/controllers/" + c + "/legal-holds",
				"/controllers/" + c + "/legal-holds",
				Map.of("kind", "dispute", "subjectId", "not-an-id", "reason", "x"));
		assertThat(refused.body()).contains("id=\"error-subjectId\"");
		assertThat(data.count("SELECT count(*) FROM legal_hold WHERE controller_id = ?", c)).isZero();
		session.submit("/controllers/" + c + "/legal-holds", "/controllers/" + c + "/legal-holds",
				Map.of("kind", "dispute", "reason", "Every bill of 2016 disputed"));
		assertThat(session.get("/controllers/" + c + "/legal-holds?lang=it").body()).contains("Blocchi legali")
			.contains("Every bill of 2016 disputed");
		assertThat(data.count("SELECT count(*) FROM legal_hold WHERE controller_id = ?", c)).isEqualTo(1);
	}

	/** A scheduled run resumes the controller's unfinished run, then runs as of today. */
	@Test
	void theScheduleResumesAnUnfinishedRunThenRunsAsOfToday() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-schedule";
		RetentionFixtures.controller(admin, "nanosystems", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		for (int i = 0; i < 3; i++) {
			UUID subject = data.subject(c, "support_ticket", "s" + i + "@example.org", LocalDate.of(2026, 3, 20));
			data.ticket(c, subject, "support_ticket", "s" + i + "@example.org");
		}
		RetentionRuns.Report cut = this.runs.run(c, LocalDate.of(2026, 3, 25), false, "test", 1, 1);
		assertThat(cut.state()).isEqualTo("running");
		this.schedule.scheduled(c);
		List<RetentionRuns.Report> runs = this.runs.list(c, 10);
		assertThat(runs).hasSize(2).allMatch((r) -> r.state().equals("finished"));
		assertThat(runs).extracting(RetentionRuns.Report::asOf)
			.containsExactlyInAnyOrder(LocalDate.of(2026, 3, 25), LocalDate.now(java.time.ZoneId.of("Europe/Rome")));
		assertThat(data.count("SELECT count(*) FROM support_ticket WHERE controller_id = ? AND email LIKE 'ps-%'", c))
			.isEqualTo(3);
	}

	/**
	 * IPKOM: call recordings are kept 10 years from the recording, on the Rome date (a
	 * recording at 23:30 UTC on 30 October 2016, the night winter time began, is on the
	 * 31st in Rome).
	 */
	@Test
	void ipkomDeletesCallRecordingsTenYearsAfterTheRomeDate() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-ipkom";
		RetentionFixtures.controller(admin, "ipkom", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		UUID subject = data.subject(c, "identity", "caller@example.org", null);
		this.jdbc.sql("""
				INSERT INTO call_recording (id, controller_id, call_reference, subject_id, number, recorded_at,
				  duration_seconds, announcement_played, category, purposes, source, collected_at)
				VALUES (gen_random_uuid(), :c, 'REC-1', :s, '+393331234567', '2016-10-30T23:30:00Z', 60, TRUE,
				  'call_recording', '{}', 'service_generated', '2016-10-30T23:30:00Z')""")
			.param("c", c)
			.param("s", subject)
			.update();
		String recordings = "SELECT count(*) FROM call_recording WHERE controller_id = ?";
		assertThat(rule(run(admin, c, "2026-10-31", false), "call-recordings").get("due").asLong()).isZero();
		assertThat(data.count(recordings, c)).isEqualTo(1);
		JsonNode after = run(admin, c, "2026-11-01", false);
		assertThat(rule(after, "call-recordings").get("done").asLong()).isEqualTo(1);
		assertThat(data.count(recordings, c)).isZero();
	}

	/**
	 * Studio Rossi (a MySegretaria client): the call log is kept 24 months from the call
	 * (23:30 UTC on 30 March 2024 is the 31st in Rome, the day summer time began); the
	 * subject, due earlier, goes only once no call refers to it.
	 */
	@Test
	void studioRossiDeletesTheCallLogAfter24MonthsAndTheSubjectOnceNothingRefersToIt() throws Exception {
		Http admin = Http.admin(this.port);
		String c = "ret-rossi";
		RetentionFixtures.controller(admin, "mysegretaria-studio-rossi", c);
		RetentionFixtures data = new RetentionFixtures(this.jdbc);
		UUID subject = data.subject(c, "call_log", "rossi-caller@example.org", null);
		this.jdbc.sql("""
				INSERT INTO call_log (id, controller_id, subject_id, caller_name, number, called_at, request, category,
				  purposes, source, collected_at)
				VALUES (gen_random_uuid(), :c, :s, 'Maria Verdi', '+393331234567', '2024-03-30T23:30:00Z',
				  'Call back', 'call_log', '{}', 'service_generated', '2024-03-30T23:30:00Z')""")
			.param("c", c)
			.param("s", subject)
			.update();
		JsonNode before = run(admin, c, "2026-03-31", false);
		assertThat(rule(before, "call-log-24m").get("due").asLong()).isEqualTo(1);
		assertThat(rule(before, "call-log-24m").get("done").asLong()).isZero();
		assertThat(data.count("SELECT count(*) FROM call_log WHERE controller_id = ?", c)).isEqualTo(1);
		assertThat(data.count("SELECT count(*) FROM subject WHERE id = ?", subject)).isEqualTo(1);
		JsonNode after = run(admin, c, "2026-04-01", false);
		assertThat(rule(after, "call-log-24m").get("due").asLong()).isEqualTo(2);
		assertThat(rule(after, "call-log-24m").get("done").asLong()).isEqualTo(2);
		assertThat(data.count("SELECT count(*) FROM subject WHERE id = ?", subject)).isZero();
	}

}
