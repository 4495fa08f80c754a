package io.tutela.requests;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure leaves nothing of the subject but what a legal ground keeps, checked by
 * reading every row of every table the application can read for the subject's id and
 * identifiers (name, e-mail address, telephone number, customer code, licence number): a
 * row that names them must be a record the answer lists as kept, or belong to one of the
 * few tables whose purpose is to record the request itself
 * ({@link #RECORDS_OF_THE_ANSWER}). The subjects hold a record of every kind their
 * provider's policy holds: IPKOM's contract, portal account, invoice, payment, ticket,
 * call recording, calls and sessions; Studio Rossi's calls, notes, caller list and
 * imported contacts; Nanosystems' ticket and remote session.
 */
@TutelaIntegrationTest
class ErasureEveryTableIntegrationTest {

	/**
	 * Tables that may still name an erased subject, and why: the request and its history
	 * are the record of the answer (GDPR art. 5(2), 12); the audit log names records by
	 * id only; the recipients' notices must name the subject for the recipients to act on
	 * it (art. 17(2), 19).
	 */
	static final Map<String, String> RECORDS_OF_THE_ANSWER = Map.of("public.rights_request",
			"the request, unlinked from the subject", "public.rights_request_event", "the request's history",
			"public.rights_request_kept", "the list of what was kept", "public.audit_event", "the audit trail, by id",
			"public.mailing", "the recipients' notice (art. 19)", "public.outbox_message",
			"the recipients' notice (art. 19)", "public.event_publication", "the outbox of module events");

	/** The kinds of traffic data, held in tables partitioned by month. */
	static final Set<String> TRAFFIC = Set.of("cdr", "telematic_session");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	/** What identifies one test subject; unique to the run. */
	record Person(String code, String givenName, String familyName, String email, String national, String e164,
			String licence) {

		static Person unique() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			String letters = "";
			for (int i = 0; i < 8; i++) {
				letters += (char) ('a' + random.nextInt(26));
			}
			String digits = String.valueOf(1_000_000 + random.nextInt(8_999_999));
			String name = Character.toUpperCase(letters.charAt(0)) + letters.substring(1);
			return new Person("ER-" + letters.toUpperCase(Locale.ROOT), "Quirina" + letters.substring(0, 3),
					"Erased" + name, letters + ".erased@example.org", "347 " + digits, "+39347" + digits,
					"LIC-" + letters.toUpperCase(Locale.ROOT));
		}

		List<String> identifiers() {
			return List.of(this.code, this.familyName, this.email, this.e164, this.licence);
		}

	}

	String subject(String c, Person p) {
		Http.Response created = admin().postJson("/api/v1/controllers/" + c + "/subjects",
				Map.of("customerCode", p.code(), "givenName", p.givenName(), "familyName", p.familyName(), "email",
						p.email(), "phone", p.national(), "licenceNumber", p.licence()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	void imported(String c, String kind, String csv) {
		Http.Response response = admin().post("/api/v1/controllers/" + c + "/imports/" + kind, "text/csv", csv);
		assertThat(response.status()).as(kind + ": " + response.body()).isEqualTo(200);
		assertThat(response.json().get("inserted").asLong()).as(kind + ": " + response.body()).isPositive();
	}

	void created(String path, Map<String, Object> body) {
		Http.Response response = admin().postJson(path, body);
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(201);
	}

	/** The controller, a copy of the provider's shipped policy; made once. */
	String controller(String provider) {
		String id = provider + "-every-table";
		if (admin().get("/api/v1/controllers/" + id + "/policy").status() != 200) {
			Http.Response created = admin().shippedPolicy(provider, id);
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
		return id;
	}

	/**
	 * Tables the application can read, with the name of a column that names their rows.
	 */
	List<String> tables() {
		return this.jdbc.sql("""
				SELECT t.table_schema || '.' || t.table_name FROM information_schema.tables t
				WHERE t.table_type = 'BASE TABLE' AND t.table_schema NOT IN ('pg_catalog', 'information_schema')
				  AND has_table_privilege(quote_ident(t.table_schema) || '.' || quote_ident(t.table_name), 'SELECT')
				ORDER BY 1""").query(String.class).list();
	}

	/**
	 * Every row of every table that names one of the strings, as {@code table → row} (the
	 * row as JSON), the match case-insensitive.
	 */
	List<Map.Entry<String, JsonNode>> rowsNaming(List<String> needles) {
		List<String> patterns = needles.stream().map((n) -> "%" + n.toLowerCase(Locale.ROOT) + "%").toList();
		List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
		for (String table : tables()) {
			List<String> rows = this.jdbc
				.sql("SELECT CAST(to_jsonb(t) AS text) FROM " + table
						+ " t WHERE lower(CAST(t AS text)) LIKE ANY (CAST(:p AS text[]))")
				.param("p", patterns.toArray(String[]::new))
				.query(String.class)
				.list();
			rows.forEach((row) -> found.add(Map.entry(table, Http.JSON.readTree(row))));
		}
		return found;
	}

	/**
	 * The rows that name the subject and are neither kept nor a record of the answer.
	 * Traffic data is kept month by month (the answer lists a month of calls or sessions,
	 * not each one): a call or session row counts as kept when its kind is.
	 */
	List<String> leftOver(String subjectId, Person person, Set<String> keptIds, Set<String> keptKinds) {
		List<String> needles = new ArrayList<>(person.identifiers());
		needles.add(subjectId);
		List<String> left = new ArrayList<>();
		for (Map.Entry<String, JsonNode> row : rowsNaming(needles)) {
			JsonNode id = row.getValue().get("id");
			String kind = row.getKey().replaceFirst("^public\\.", "").replaceFirst("_y\\d{4}m\\d{2}$", "");
			boolean kept = (id != null) ? keptIds.contains(id.asString())
					: TRAFFIC.contains(kind) && keptKinds.contains(kind);
			if (!kept && !RECORDS_OF_THE_ANSWER.containsKey(row.getKey())) {
				left.add(row.getKey() + " " + row.getValue());
			}
		}
		return left;
	}

	/** The kinds of the rows naming the subject, by table, before the erasure. */
	Set<String> tablesNaming(String subjectId, Person person) {
		List<String> needles = new ArrayList<>(person.identifiers());
		needles.add(subjectId);
		Set<String> tables = new LinkedHashSet<>();
		rowsNaming(needles).forEach((row) -> tables.add(row.getKey()));
		return tables;
	}

	/** Executes an erasure of the subject; answers the request as the API shows it. */
	JsonNode erase(String c, String subjectId) {
		String path = RequestTests.executed(admin(), c, Map.of("type", "erasure", "subject", subjectId),
				Map.of("proofs", List.of(RequestTests.proof("identity_document", "carta d'identità"))));
		Http.Response request = admin().get(path);
		assertThat(request.status()).as(request.body()).isEqualTo(200);
		assertThat(request.json().get("state").asString()).isEqualTo("answered");
		return request.json();
	}

	static Set<String> keptIds(JsonNode request) {
		Set<String> ids = new LinkedHashSet<>();
		request.get("kept").forEach((k) -> ids.add(k.get("recordId").asString()));
		return ids;
	}

	static Set<String> keptKinds(JsonNode request, String ground) {
		Set<String> kinds = new LinkedHashSet<>();
		request.get("kept").forEach((k) -> {
			if (k.get("ground").asString().equals(ground)) {
				kinds.add(k.get("kind").asString());
			}
		});
		return kinds;
	}

	@Test
	void anOperatorsSubscriberKeepsOnlyWhatALegalObligationKeeps() {
		String c = controller("ipkom");
		Person p = Person.unique();
		String id = subject(c, p);
		String contract = p.code() + "-K";
		imported(c, "contracts", "contract_number,subject,start_date\n" + contract + "," + p.code() + ",2025-01-01\n");
		imported(c, "portal-accounts", "username,subject,opened_at,last_activity_at\n" + p.email() + "," + p.code()
				+ ",2025-01-02,2026-06-01T08:00:00Z\n");
		imported(c, "invoices", "invoice_number,subject,contract_number,issued_on,due_on,amount,currency,disputed\n"
				+ p.code() + "-F1," + p.code() + "," + contract + ",2026-02-01,2026-03-01,29.90,EUR,no\n");
		imported(c, "payments", "reference,subject,invoice_number,paid_at,amount,method\n" + p.code() + "-P1,"
				+ p.code() + "," + p.code() + "-F1,2026-02-10T09:00:00Z,29.90,SEPA\n");
		created("/api/v1/controllers/" + c + "/support-tickets",
				Map.of("ticketNumber", ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999), "subject",
						p.code(), "name", p.givenName() + " " + p.familyName(), "email", p.email(), "subjectLine",
						"Line down", "message", "Call me back on " + p.national(), "openedAt", "2026-03-01T09:00:00Z"));
		imported(c, "call-recordings",
				"call_reference,subject,number,recorded_at,duration_seconds,announcement_played\n" + p.code() + "-R1,"
						+ p.code() + "," + p.national() + ",2026-03-01T09:05:00Z,120,yes\n");
		imported(c, "cdr", "caller,callee,start,duration_seconds,answered\n" + p.national()
				+ ",06 6988 1234,2026-10-01T10:00:00Z,60,true\n");
		imported(c, "telematic-session", "subscriber,assigned_ip,start,end,bytes_up,bytes_down\n" + p.code()
				+ ",10.77.0.9,2026-10-01T10:00:00Z,2026-10-01T11:00:00Z,100,2000\n");
		assertThat(tablesNaming(id, p)).as("every kind holds a record of the subject")
			.contains("public.subject", "public.contract", "public.portal_account", "public.invoice", "public.payment",
					"public.support_ticket", "public.call_recording");
		assertThat(this.jdbc.sql("""
				SELECT (SELECT count(*) FROM cdr WHERE subject_id = CAST(:s AS uuid))
				     + (SELECT count(*) FROM telematic_session WHERE subject_id = CAST(:s AS uuid))""")
			.param("s", id)
			.query(Long.class)
			.single()).as("a call and a session linked to the subject").isEqualTo(2);

		JsonNode request = erase(c, id);

		assertThat(keptKinds(request, "legal_obligation"))
			.as("the contract, billing and traffic data serve a legal obligation whose period runs")
			.containsExactlyInAnyOrder("contract", "invoice", "payment", "cdr", "telematic_session");
		assertThat(keptKinds(request, "identifies_kept")).containsExactly("subject");
		request.get("kept").forEach((k) -> {
			if (k.get("ground").asString().equals("legal_obligation")) {
				assertThat(k.get("rule").asString()).as(k.toString()).isNotBlank();
				assertThat(k.get("until").isNull() && k.get("waitingFor").isNull()).as(k.toString()).isFalse();
			}
		});
		assertThat(leftOver(id, p, keptIds(request), keptKinds(request, "legal_obligation")))
			.as("rows naming the subject that nothing keeps")
			.isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM portal_account WHERE username = :u")
			.param("u", p.email())
			.query(Long.class)
			.single()).as("the portal account serves the contract only: gone").isZero();
		assertThat(admin().get("/api/v1/controllers/" + c + "/subjects/" + id).json().get("restricted").asBoolean())
			.isTrue();
	}

	@Test
	void aReceptionistsCallerLeavesNothingBehind() {
		String c = controller("mysegretaria-studio-rossi");
		Person p = Person.unique();
		String id = subject(c, p);
		created("/api/v1/controllers/" + c + "/calls", Map.of("callerName", p.givenName() + " " + p.familyName(),
				"number", p.national(), "calledAt", "2026-05-02T08:30:00Z", "request", "Write to " + p.email()));
		imported(c, "call-notes", "number,called_at,note,noted_at\n" + p.e164() + ",2026-05-02T08:30:00Z,Asks for "
				+ p.familyName() + " file,2026-05-02T08:35:00Z\n");
		imported(c, "caller-list", "number,name,kind\n" + p.national() + "," + p.familyName() + ",vip\n");
		imported(c, "imported-contacts", "name,number,email,consent_given_at\n" + p.givenName() + " " + p.familyName()
				+ "," + p.national() + "," + p.email() + ",2026-02-01\n");
		assertThat(tablesNaming(id, p)).contains("public.subject", "public.call_log", "public.call_note",
				"public.caller_list_entry", "public.imported_contact");

		JsonNode request = erase(c, id);

		assertThat(request.get("kept")).as("nothing rests on a legal obligation").isEmpty();
		assertThat(leftOver(id, p, Set.of(), Set.of())).as("rows naming the subject").isEmpty();
	}

	@Test
	void aSoftwareHousesCustomerLeavesNothingBehind() {
		String c = controller("nanosystems");
		Person p = Person.unique();
		String id = subject(c, p);
		created("/api/v1/controllers/" + c + "/support-tickets",
				Map.of("ticketNumber", ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999), "subject",
						p.licence(), "name", p.givenName() + " " + p.familyName(), "email", p.email(), "subjectLine",
						"Activation", "message", "Reach me at " + p.national(), "licenceNumber", p.licence(),
						"openedAt", "2026-03-01T09:00:00Z"));
		created("/api/v1/controllers/" + c + "/remote-sessions", Map.of("subject", p.licence(), "remoteId",
				"AnyDesk 555 " + p.code(), "ipAddress", "192.0.2.77", "startedAt", "2026-05-01T10:00:00+02:00"));
		assertThat(tablesNaming(id, p)).contains("public.subject", "public.support_ticket", "public.remote_session");

		JsonNode request = erase(c, id);

		assertThat(request.get("kept")).isEmpty();
		assertThat(leftOver(id, p, Set.of(), Set.of())).as("rows naming the subject").isEmpty();
	}

}
