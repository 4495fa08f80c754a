package io.tutela.requests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure executed through the API: what no ground keeps is gone from every table; what a
 * legal hold or a legal obligation keeps stays, restricted, and the answer names it with
 * its ground; the recipients are told in the same transaction.
 */
@TutelaIntegrationTest
class ErasureIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	/** The schema's owner: only it may add the trigger that stops the erasure midway. */
	@Autowired
	@Qualifier("migrationDataSource")
	DataSource owner;

	Http admin() {
		return Http.admin(this.port);
	}

	/** The fixture under a new id, with contracts, and the contract purpose as given. */
	void controller(String id, String contractBasis) {
		RequestTests.controller(admin(), id, (yaml) -> yaml
			.replace("    dpa: signed", "    dpa: signed\n    contact: erasures@mailer.example")
			.replace("    legal_basis: [contract]", "    legal_basis: " + contractBasis)
			.replace("records:\n",
					"records:\n  - kind: contract\n    categories: [identity]\n" + "    purposes: [contract]\n"));
	}

	/** A subject with a running contract; answers the subject's id. */
	String subjectWithContract(String controllerId) {
		String code = "E-" + System.nanoTime();
		Http.Response subject = admin().postJson("/api/v1/controllers/" + controllerId + "/subjects",
				Map.of("customerCode", code, "givenName", "Ada", "familyName", "Neri", "email",
						code.toLowerCase() + "@example.org", "phone",
						"+39 347 " + (1000000 + (System.nanoTime() % 8999999))));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		Http.Response contract = admin().post("/api/v1/controllers/" + controllerId + "/imports/contracts", "text/csv",
				"contract_number,subject,start_date\n" + code + "-K," + code + ",2025-01-01\n");
		assertThat(contract.status()).as(contract.body()).isBetween(200, 201);
		return subject.json().get("id").asString();
	}

	String erased(String controllerId, String subjectId) {
		return admin()
			.get(RequestTests.executed(admin(), controllerId, Map.of("type", "erasure", "subject", subjectId),
					Map.of()))
			.body();
	}

	/**
	 * Every table with a subject_id column, and how many of its rows name the subject.
	 */
	List<String> rowsNaming(String subjectId) {
		List<String> found = new ArrayList<>();
		List<String> tables = this.jdbc
			.sql("""
					SELECT table_schema || '.' || table_name FROM information_schema.columns
					WHERE column_name = 'subject_id' AND table_schema NOT IN ('pg_catalog', 'information_schema')
					  AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')""")
			.query(String.class)
			.list();
		for (String table : tables) {
			long rows = this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE subject_id = CAST(:s AS uuid)")
				.param("s", subjectId)
				.query(Long.class)
				.single();
			if (rows > 0) {
				found.add(table + ": " + rows);
			}
		}
		long subject = this.jdbc.sql("SELECT count(*) FROM subject WHERE id = CAST(:s AS uuid)")
			.param("s", subjectId)
			.query(Long.class)
			.single();
		if (subject > 0) {
			found.add("subject: " + subject);
		}
		return found;
	}

	@Test
	void withoutAGroundToKeepItNothingOfTheSubjectIsLeftInAnyTable() throws IOException {
		controller("acme-erase", "[contract]");
		String id = subjectWithContract("acme-erase");
		assertThat(rowsNaming(id)).isNotEmpty();

		String answer = erased("acme-erase", id);

		assertThat(answer).startsWith("{\"id\":\"");
		assertThat(answer).contains("erased: 1 subject, 1 contract")
			.contains("nothing kept")
			.contains("notified: mailer");
		assertThat(rowsNaming(id)).isEmpty();
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
				WHERE m.controller_id = 'acme-erase' AND m.reference = :r
				  AND o.recipient = 'erasures@mailer.example'""")
			.param("r", "request-" + answer.substring(7, 43))
			.query(Long.class)
			.single()).as("the recipients' notice committed with the erasure").isEqualTo(1);
	}

	/** The recipients' notices of the request, with their delivery state. */
	List<String> notices(String controllerId, String requestId) {
		return this.jdbc.sql("""
				SELECT o.recipient || ' ' || o.state FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id
				WHERE m.controller_id = :c AND m.reference = :r""")
			.param("c", controllerId)
			.param("r", "request-" + requestId)
			.query(String.class)
			.list();
	}

	@Test
	void aCrashInTheErasureLosesNeitherTheRecordsNorTheNoticesAndTheNoticesOutliveTheProcess() throws Exception {
		controller("acme-erase", "[contract]");
		String id = subjectWithContract("acme-erase");
		String path = RequestTests.verified(admin(), "acme-erase", Map.of("type", "erasure", "subject", id), Map.of());
		String requestId = path.substring(path.lastIndexOf('/') + 1);
		// the process fails at the erasure's last step, the subject's own row, after the
		// notices were queued and the contract deleted
		JdbcClient owner = JdbcClient.create(this.owner);
		owner.sql("""
				CREATE FUNCTION erasure_crash() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF OLD.id = CAST('%s' AS uuid) THEN RAISE EXCEPTION 'the process stops here'; END IF;
				  RETURN OLD;
				END $$""".formatted(id)).update();
		owner.sql("CREATE TRIGGER erasure_crash BEFORE DELETE ON subject FOR EACH ROW EXECUTE FUNCTION erasure_crash()")
			.update();
		Http.Response crashed;
		try {
			crashed = admin().post(path + "/execute", "application/json", "{}");
		}
		finally {
			owner.sql("DROP TRIGGER erasure_crash ON subject").update();
			owner.sql("DROP FUNCTION erasure_crash()").update();
		}

		assertThat(crashed.status()).as(crashed.body()).isEqualTo(500);
		assertThat(rowsNaming(id)).as("nothing of the erasure took effect")
			.contains("subject: 1", "public.contract: 1");
		assertThat(notices("acme-erase", requestId)).as("nor was any notice queued alone").isEmpty();
		assertThat(admin().get(path).json().get("state").asString()).isEqualTo("identity_verified");

		Http.Response executed = admin().post(path + "/execute", "application/json", "{}");
		assertThat(executed.status()).as(executed.body()).isEqualTo(200);
		assertThat(rowsNaming(id)).isEmpty();
		assertThat(notices("acme-erase", requestId)).as("the notice committed with the erasure, once")
			.hasSize(1)
			.allMatch((n) -> n.startsWith("erasures@mailer.example "));
		// the notice is in the database, not in the process: the delivery round sends it
		long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		while (!notices("acme-erase", requestId).get(0).endsWith(" sent") && System.nanoTime() < until) {
			Thread.sleep(200);
		}
		assertThat(notices("acme-erase", requestId)).containsExactly("erasures@mailer.example sent");
	}

	@Test
	void theConsentLedgerKeepsItsEntriesAsEvidenceAndTheAnswerListsThem() {
		controller("acme-erase", "[contract]");
		String id = subjectWithContract("acme-erase");
		Http.Response given = admin().postJson("/api/v1/controllers/acme-erase/consents", Map.of("subject", id, "scope",
				"email", "event", "given", "occurredAt", "2025-01-10T09:00:00Z", "method", "web_form"));
		assertThat(given.status()).as(given.body()).isEqualTo(201);
		String entry = given.json().get("id").asString();

		String path = RequestTests.executed(admin(), "acme-erase", Map.of("type", "erasure", "subject", id), Map.of());
		JsonNode request = admin().get(path).json();

		assertThat(request.get("kept")).hasSize(1);
		JsonNode kept = request.get("kept").get(0);
		assertThat(kept.get("kind").asString()).isEqualTo("consent_event");
		assertThat(kept.get("recordId").asString()).isEqualTo(entry);
		assertThat(kept.get("ground").asString()).isEqualTo("ledger_evidence");
		assertThat(this.jdbc.sql("SELECT count(*) FROM consent_event WHERE id = CAST(:e AS uuid)")
			.param("e", entry)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(rowsNaming(id)).as("the ledger entry, the anonymised row it refers to, and the request")
			.containsExactlyInAnyOrder("public.consent_event: 1", "subject: 1", "public.rights_request: 1");
		assertThat(this.jdbc
			.sql("SELECT coalesce(email, '') || coalesce(family_name, '') FROM subject WHERE id = CAST(:s AS uuid)")
			.param("s", id)
			.query(String.class)
			.single()).as("the subject row keeps nothing that identifies").isEmpty();
	}

	@Test
	void aLegalHoldKeepsWhatItCoversRestrictedAndTheAnswerSaysSo() throws IOException {
		controller("acme-erase", "[contract]");
		String id = subjectWithContract("acme-erase");
		Http.Response hold = admin().postJson("/api/v1/controllers/acme-erase/legal-holds",
				Map.of("kind", "dispute", "subjectId", id, "reason", "Bill 2025/7 disputed before the court"));
		assertThat(hold.status()).as(hold.body()).isEqualTo(200);

		String answer = erased("acme-erase", id);

		assertThat(answer)
			.contains("kept, restricted: 1 subject — legal hold (GDPR art. 17(3)(e)); 1 contract — legal hold");
		JsonNode kept = Http.JSON.readTree(answer).get("kept");
		assertThat(kept).extracting((k) -> k.get("kind").asString() + " " + k.get("ground").asString())
			.containsExactlyInAnyOrder("subject legal_hold", "contract legal_hold");
		assertThat(rowsNaming(id)).contains("subject: 1");
		assertThat(admin().get("/api/v1/controllers/acme-erase/subjects/" + id).json().get("restricted").asBoolean())
			.isTrue();
	}

	@Test
	void portabilityGivesOnlyWhatTheSubjectProvidedOnConsentOrContract() throws IOException {
		String c = "acme-portable";
		// the subject record serves a legal obligation, the contract record marketing
		// (consent)
		RequestTests.controller(admin(), c, (yaml) -> yaml
			.replace("    legal_basis: [contract]", "    legal_basis: [legal_obligation]")
			.replace("records:\n",
					"records:\n  - kind: contract\n    categories: [identity]\n" + "    purposes: [marketing]\n"));
		String id = subjectWithContract(c);
		String path = RequestTests.executed(admin(), c, Map.of("type", "portability", "subject", id), Map.of());

		Map<String, String> zip = RequestApiIntegrationTest.unzip(admin().get(path + "/result").bytes());
		assertThat(zip).containsKeys("data.json", "records/contract.csv").doesNotContainKey("records/subject.csv");
		assertThat(zip.get("records/contract.csv")).contains("-K");
		assertThat(zip.get("data.json")).doesNotContain("Neri");
	}

	@Test
	void aLegalObligationKeepsTheRecordsItsRuleStillCoversAndTheRequestPageListsThem() throws IOException {
		controller("acme-erase-kept", "[contract, legal_obligation]");
		String id = subjectWithContract("acme-erase-kept");

		String path = RequestTests.executed(admin(), "acme-erase-kept", Map.of("type", "erasure", "subject", id),
				Map.of());
		String answer = admin().get(path).body();

		assertThat(answer).contains(
				"1 contract — legal obligation (GDPR art. 17(3)(b)), rule identity-after-contract, waiting for the "
						+ "end of the contract, art. 2220 c.c.");
		assertThat(rowsNaming(id)).isNotEmpty();
		Staff.Created dpo = Staff.create(this.port, "erasure-dpo-" + System.nanoTime(), List.of("dpo"),
				List.of("acme-erase-kept"));
		Http session = Http.session(this.port);
		session.login(dpo.username(), dpo.password());
		String page = path.replace("/api/v1", "");
		String italian = HtmlUtils.htmlUnescape(session.get(page + "?lang=it").body());
		assertThat(italian).contains("id=\"kept-records\"")
			.contains("Conservati, limitati")
			.contains("obbligo di legge (art. 17, par. 3, lett. b) GDPR), regola identity-after-contract, "
					+ "in attesa di: la cessazione del contratto")
			.contains("art. 2220 c.c.");
		assertThat(HtmlUtils.htmlUnescape(session.get(page + "?lang=en").body()))
			.contains("legal obligation (GDPR art. 17(3)(b)), rule identity-after-contract, waiting for the end of the "
					+ "contract, art. 2220 c.c.");
	}

}
