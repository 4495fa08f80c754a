package io.tutela.requests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
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
	void aLegalObligationKeepsTheRecordsItsRuleStillCovers() throws IOException {
		controller("acme-erase-kept", "[contract, legal_obligation]");
		String id = subjectWithContract("acme-erase-kept");

		String answer = erased("acme-erase-kept", id);

		assertThat(answer).contains("1 contract — legal obligation (GDPR art. 17(3)(b)), rule identity-after-contract")
			.contains("art. 2220 c.c.");
		assertThat(rowsNaming(id)).isNotEmpty();
	}

}
