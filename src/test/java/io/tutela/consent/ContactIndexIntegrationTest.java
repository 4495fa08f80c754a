package io.tutela.consent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;
import io.tutela.policy.Policies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single decision about a number, or about a subject holding its number alone, gives
 * the same answer, with the same evidence, whether the facts come from the database or
 * from the contact index and the register in memory; and the index is never used at a
 * version of the facts older than the last change.
 */
@TutelaIntegrationTest
class ContactIndexIntegrationTest {

	static final String API = "/api/v1/controllers/connext";

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	@LocalServerPort
	int port;

	@Autowired
	ContactIndexes indexes;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Contacts contacts;

	@Autowired
	CheckingCampaigns checking;

	@Autowired
	Policies policies;

	@Autowired
	@Qualifier("migrationDataSource")
	DataSource owner;

	Http admin() {
		return Http.admin(this.port);
	}

	void ledger(Map<String, Object> entry) {
		Map<String, Object> body = new LinkedHashMap<>(entry);
		body.putIfAbsent("method", "recorded_call");
		Http.Response response = admin().postJson(API + "/consents", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	String decision(String phone, String channel) {
		Http.Response response = admin().get(API + "/contact-decision?channel=" + channel + "&phone=" + phone);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	/** The controller's index dropped, so that the next answer reads the database. */
	void forgetIndex() {
		this.jdbc.sql("UPDATE contact_facts_version SET version = version + 1 WHERE controller_id = 'connext'")
			.update();
	}

	@Test
	void theIndexAnswersAsTheDatabaseDoes() {
		LocalDate today = LocalDate.now(ROME);
		Http.Response subject = admin().postJson(API + "/subjects", Map.of("customerCode", "IDX-1", "familyName",
				"Indice", "phone", "+39 348 200 0001", "email", "indice@example.org"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		String id = subject.json().get("id").asString();
		ledger(Map.of("subject", id, "scope", "automated", "event", "given", "occurredAt",
				today.minusDays(40).atTime(9, 0).atZone(ROME).toInstant().toString()));
		// an objection by e-mail address only, to traditional channels: it decides a call
		ledger(Map.of("email", "indice@example.org", "scope", "traditional", "event", "objected", "occurredAt",
				today.minusDays(5).atTime(9, 0).atZone(ROME).toInstant().toString()));
		ledger(Map.of("phone", "+393482000002", "scope", "sms", "event", "given", "occurredAt",
				today.minusDays(3).atTime(9, 0).atZone(ROME).toInstant().toString()));
		Http.Response snapshot = admin().post(API + "/register-snapshots?takenOn=" + today, "text/csv",
				"number,registered_on\n3482000002," + today.minusDays(10) + "\n3482000003," + today.minusDays(10)
						+ "\n");
		assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(201);

		List<String[]> questions = List.of(new String[] { "%2B393482000001", "operator_call" },
				new String[] { "%2B393482000001", "sms" }, new String[] { "%2B393482000002", "sms" },
				new String[] { "%2B393482000002", "operator_call" },
				new String[] { "%2B393482000003", "operator_call" }, new String[] { "%2B393482000004", "email" });
		for (String[] q : questions) {
			forgetIndex();
			String fromDatabase = decision(q[0], q[1]);
			this.indexes.current("connext");
			ContactIndexes.Current current = this.indexes.ifCurrent("connext", today);
			assertThat(current.index()).as("the index is current").isNotNull();
			assertThat(current.snapshot()).as("read with it: the newest snapshot")
				.extracting((s) -> s.id().toString())
				.isEqualTo(snapshot.json().get("id").asString());
			assertThat(this.indexes.ifCurrent("connext", LocalDate.of(1990, 1, 1)).snapshot())
				.as("none taken so long ago")
				.isNull();
			String fromIndex = decision(q[0], q[1]);
			assertThat(fromIndex).as(q[0] + " " + q[1]).isEqualTo(fromDatabase);
		}
		assertThat(decision("%2B393482000001", "operator_call")).contains("\"reason\":\"objected\"");
	}

	@Test
	void aChangeMovesTheVersionSoTheIndexIsNotUsedUntilRebuilt() {
		ContactIndexes.ContactIndex before = this.indexes.current("connext");
		ledger(Map.of("phone", "+393482000009", "scope", "automated", "event", "given", "occurredAt",
				LocalDate.now(ROME).minusDays(1).atTime(9, 0).atZone(ROME).toInstant().toString()));
		assertThat(this.indexes.ifCurrent("connext", LocalDate.now(ROME)).index()).as("stale after the append")
			.isNull();
		ContactIndexes.ContactIndex after = this.indexes.current("connext");
		assertThat(after.version()).isGreaterThan(before.version());
		assertThat(after.find(393482000009L)).isGreaterThanOrEqualTo(0);
		assertThat(before.find(393482000009L)).isNegative();
	}

	long decisionsAudited() {
		return this.jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'contact_decision.read'")
			.query(Long.class)
			.single();
	}

	@Test
	void aDecisionFromTheIndexAssumedCurrentSeesEveryChangeMadeBeforeItAndIsAuditedOnce() {
		LocalDate today = LocalDate.now(ROME);
		String number = "%2B393482000041";
		this.indexes.current("connext");
		assertThat(decision(number, "operator_call")).contains("\"reason\":\"no_consent\"");
		assertThat(this.indexes.assumed("connext", today)).as("found current, so assumed current").isPresent();
		assertThat(this.indexes.assumed("connext", today.minusDays(1))).as("for that day only").isEmpty();
		long audited = decisionsAudited();

		// a consent, then a registration in a newer snapshot of the register: each seen
		// by
		// the very next decision, whatever the index in memory still holds
		ledger(Map.of("phone", "+393482000041", "scope", "traditional", "event", "given", "occurredAt",
				today.minusDays(2).atTime(9, 0).atZone(ROME).toInstant().toString()));
		assertThat(decision(number, "operator_call")).contains("\"allowed\":true").contains("\"reason\":\"consent\"");
		Http.Response snapshot = admin().post(API + "/register-snapshots?takenOn=" + today, "text/csv",
				"number,registered_on\n3482000041," + today.minusDays(1) + "\n");
		assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(201);
		assertThat(decision(number, "operator_call")).contains("\"reason\":\"opposition_register\"");
		// and once the index is current again, from it: the same answer
		this.indexes.current("connext");
		assertThat(decision(number, "operator_call")).contains("\"reason\":\"opposition_register\"");
		assertThat(this.indexes.assumed("connext", today)).isPresent();
		assertThat(decision(number, "operator_call")).contains("\"reason\":\"opposition_register\"");
		assertThat(decisionsAudited()).as("one audit record per decision, none for an answer not given")
			.isEqualTo(audited + 4);
	}

	String subject(String code, String phone, String email) {
		Http.Response subject = admin().postJson(API + "/subjects",
				Map.of("customerCode", code, "familyName", "Indice", "phone", phone, "email", email));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		return subject.json().get("id").asString();
	}

	long journalRows(String number) {
		return this.jdbc
			.sql("SELECT count(*) FROM contact_facts_change WHERE controller_id = 'connext' AND number = :n")
			.param("n", number)
			.query(Long.class)
			.single();
	}

	@Test
	void anIndexCatchesUpThroughTheJournalToWhatABuildReads() {
		String id = subject("IDX-J1", "+39 348 200 0011", "journal@example.org");
		ContactIndexes.ContactIndex before = this.indexes.current("connext");
		long[] counts = this.indexes.counts();
		String yesterday = LocalDate.now(ROME).minusDays(1).atTime(9, 0).atZone(ROME).toInstant().toString();
		// an entry through the subject, one naming a new number, one naming the subject's
		// address, and the subject restricted
		ledger(Map.of("subject", id, "scope", "automated", "event", "given", "occurredAt", yesterday));
		ledger(Map.of("phone", "+393482000012", "scope", "sms", "event", "given", "occurredAt", yesterday));
		ledger(Map.of("email", "journal@example.org", "scope", "traditional", "event", "objected", "occurredAt",
				yesterday));
		this.jdbc.sql("UPDATE subject SET restricted = true WHERE id = CAST(:id AS uuid)").param("id", id).update();
		assertThat(journalRows("+393482000011")).as("journalled").isGreaterThanOrEqualTo(3);

		ContactIndexes.ContactIndex caught = this.indexes.current("connext");
		assertThat(this.indexes.counts()).as("caught up, not built").containsExactly(counts[0], counts[1] + 1);
		assertThat(caught.version()).isGreaterThan(before.version());
		int at = caught.find(393482000011L);
		assertThat(caught.holdersAt(at)).singleElement().satisfies((h) -> assertThat(h.restricted()).isTrue());
		assertThat(caught.entriesAt(at)).hasSize(2);
		assertThat(caught.entriesAt(caught.find(393482000012L))).hasSize(1);

		// the same facts as an index built whole
		this.jdbc
			.sql("UPDATE contact_facts_version SET version = version + 1, journal_from = version + 2 "
					+ "WHERE controller_id = 'connext'")
			.update();
		ContactIndexes.ContactIndex built = this.indexes.current("connext");
		assertThat(this.indexes.counts()[0]).as("built whole").isEqualTo(counts[0] + 1);
		assertThat(built.numbers()).containsExactly(caught.numbers());
		for (int i = 0; i < built.size(); i++) {
			assertThat(built.holders()[i]).as("holders of " + built.numbers()[i])
				.containsExactlyInAnyOrder(caught.holders()[i]);
			assertThat(built.entries()[i]).as("entries about " + built.numbers()[i])
				.containsExactlyInAnyOrder(caught.entries()[i]);
		}
	}

	@Test
	void aNumberTakenAwayLeavesNoJournalRowNamingItAndTheIndexIsBuiltAgain() {
		String id = subject("IDX-J2", "+39 348 200 0021", "taken@example.org");
		this.indexes.current("connext");
		ledger(Map.of("subject", id, "scope", "automated", "event", "given", "occurredAt",
				LocalDate.now(ROME).minusDays(1).atTime(9, 0).atZone(ROME).toInstant().toString()));
		assertThat(journalRows("+393482000021")).isPositive();
		long[] counts = this.indexes.counts();

		this.jdbc.sql("UPDATE subject SET phone = NULL WHERE id = CAST(:id AS uuid)").param("id", id).update();

		assertThat(journalRows("+393482000021")).as("no row names the number the tables no longer hold").isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM contact_facts_change WHERE controller_id = 'connext'")
			.query(Long.class)
			.single()).isZero();
		ContactIndexes.ContactIndex after = this.indexes.current("connext");
		assertThat(this.indexes.counts()[0]).as("built again whole").isEqualTo(counts[0] + 1);
		assertThat(after.find(393482000021L)).isNegative();
	}

	@Test
	void aPrunedJournalNoLongerReachesAnOlderIndexWhichIsBuiltAgain() {
		ContactIndexes.ContactIndex before = this.indexes.current("connext");
		ledger(Map.of("phone", "+393482000031", "scope", "sms", "event", "given", "occurredAt",
				LocalDate.now(ROME).minusDays(1).atTime(9, 0).atZone(ROME).toInstant().toString()));
		assertThat(this.indexes.prune(java.time.Instant.now().minusSeconds(3600))).as("nothing so old").isZero();
		assertThat(this.indexes.prune(java.time.Instant.now().plusSeconds(60))).isPositive();
		assertThat(journalRows("+393482000031")).isZero();
		long[] counts = this.indexes.counts();

		ContactIndexes.ContactIndex after = this.indexes.current("connext");
		assertThat(this.indexes.counts()).containsExactly(counts[0] + 1, counts[1]);
		assertThat(after.version()).isGreaterThan(before.version());
		assertThat(after.find(393482000031L)).isNotNegative();
	}

	@Test
	void aPolicyVersionPublishedByAnotherProcessIsReadAtTheNextDecision() throws Exception {
		String before = decision("%2B393482000007", "operator_call");
		this.indexes.current("connext");
		assertThat(decision("%2B393482000007", "operator_call")).isEqualTo(before);
		int version = this.policies.lastReadInForce("connext").version();
		// another process publishes a version: a row of its own, which this process's
		// Policies never sees being accepted (the same rules, so the same answers)
		this.jdbc.sql("""
				INSERT INTO policy_version (controller_id, version, accepted_at, notice_date, source_name, source_yaml,
				                            sha256, origin)
				SELECT controller_id, version + 1, now(), notice_date, source_name, source_yaml || E'\\n# again\\n',
				       sha256, 'upload'
				FROM policy_version WHERE controller_id = 'connext' AND version = :v""").param("v", version).update();
		try {
			assertThat(this.policies.lastReadInForce("connext").version()).as("not read yet").isEqualTo(version);
			assertThat(decision("%2B393482000007", "operator_call")).isEqualTo(before);
			assertThat(this.policies.lastReadInForce("connext").version())
				.as("the decision's own query found the newer version, and the decision was taken under it")
				.isEqualTo(version + 1);
		}
		finally {
			try (Connection c = this.owner.getConnection(); Statement s = c.createStatement()) {
				s.execute("DELETE FROM policy_version WHERE controller_id = 'connext' AND version = " + (version + 1));
			}
		}
	}

	String decisionAbout(String subject, String channel) {
		Http.Response response = admin().get(API + "/contact-decision?channel=" + channel + "&subject=" + subject);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	String daysAgo(int days) {
		return LocalDate.now(ROME).minusDays(days).atTime(9, 0).atZone(ROME).toInstant().toString();
	}

	@Test
	void aSubjectHoldingItsNumberAloneIsAnsweredFromTheIndexAsFromTheDatabase() {
		LocalDate today = LocalDate.now(ROME);
		String alone = subject("IDX-S1", "+39 348 200 0101", "alone@example.org");
		String first = subject("IDX-S2", "+39 348 200 0102", "first@example.org");
		String second = subject("IDX-S3", "+39 348 200 0102", "second@example.org");
		Http.Response without = admin().postJson(API + "/subjects",
				Map.of("customerCode", "IDX-S4", "familyName", "Indice", "email", "without@example.org"));
		assertThat(without.status()).as(without.body()).isEqualTo(201);
		String none = without.json().get("id").asString();
		// entries through each subject, one naming an address only, one naming a number
		ledger(Map.of("subject", alone, "scope", "automated", "event", "given", "occurredAt", daysAgo(40)));
		ledger(Map.of("email", "alone@example.org", "scope", "traditional", "event", "objected", "occurredAt",
				daysAgo(5)));
		ledger(Map.of("phone", "+393482000101", "scope", "sms", "event", "given", "occurredAt", daysAgo(3)));
		ledger(Map.of("subject", first, "scope", "automated", "event", "given", "occurredAt", daysAgo(40)));
		ledger(Map.of("email", "second@example.org", "scope", "traditional", "event", "objected", "occurredAt",
				daysAgo(5)));
		ledger(Map.of("subject", none, "scope", "automated", "event", "given", "occurredAt", daysAgo(40)));
		Http.Response snapshot = admin().post(API + "/register-snapshots?takenOn=" + today, "text/csv",
				"number,registered_on\n3482000101," + today.minusDays(10) + "\n3482000102," + today.minusDays(100)
						+ "\n");
		assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(201);

		ContactIndexes.ContactIndex index = this.indexes.current("connext");
		assertThat(index.soleNumber(UUID.fromString(alone))).isEqualTo("+393482000101");
		assertThat(index.soleNumber(UUID.fromString(first))).as("shares its number").isNull();
		assertThat(index.soleNumber(UUID.fromString(none))).as("has none").isNull();
		for (String subject : List.of(alone, first, second, none)) {
			for (String channel : List.of("operator_call", "sms", "email", "automated_call")) {
				forgetIndex();
				String fromDatabase = decisionAbout(subject, channel);
				this.indexes.current("connext");
				assertThat(this.indexes.ifCurrent("connext", today).index()).isNotNull();
				String fromIndex = decisionAbout(subject, channel);
				assertThat(fromIndex).as(subject + " " + channel).isEqualTo(fromDatabase);
			}
		}
		assertThat(decisionAbout(alone, "operator_call")).contains("\"reason\":\"objected\"");
		assertThat(decisionAbout(alone, "sms")).contains("\"allowed\":true");

		// from the index assumed current: the subject alone at its number has
		// the facts the database has, the others none
		ContactIndexes.Assumed assumed = this.indexes.assumed("connext", today).orElseThrow();
		assertThat(this.contacts.facts("connext", assumed.current(),
				new Contacts.Person(UUID.fromString(alone), null, null), today))
			.hasValueSatisfying((facts) -> {
				assertThat(facts.subjectIds()).containsExactly(UUID.fromString(alone));
				assertThat(facts.entries()).hasSize(3);
				assertThat(facts.registration()).isNotNull();
			});
		for (String other : List.of(first, second, none)) {
			assertThat(this.contacts.facts("connext", assumed.current(),
					new Contacts.Person(UUID.fromString(other), null, null), today))
				.as(other)
				.isEmpty();
		}
	}

	@Test
	void aDecisionAboutASubjectFromTheIndexAssumedCurrentSeesAChangeMadeBeforeIt() {
		LocalDate today = LocalDate.now(ROME);
		String id = subject("IDX-S5", "+39 348 200 0105", "seen@example.org");
		this.indexes.current("connext");
		assertThat(this.indexes.ifCurrent("connext", today).index()).isNotNull();
		assertThat(decisionAbout(id, "operator_call")).contains("\"reason\":\"no_consent\"");
		assertThat(this.indexes.assumed("connext", today)).isPresent();
		long audited = decisionsAudited();

		ledger(Map.of("subject", id, "scope", "traditional", "event", "given", "occurredAt", daysAgo(2)));
		assertThat(decisionAbout(id, "operator_call")).contains("\"allowed\":true").contains("\"reason\":\"consent\"");
		this.indexes.current("connext");
		assertThat(decisionAbout(id, "operator_call")).contains("\"reason\":\"consent\"");
		assertThat(this.indexes.assumed("connext", today)).isPresent();
		assertThat(decisionAbout(id, "operator_call")).contains("\"reason\":\"consent\"");
		assertThat(decisionsAudited()).as("one audit record per decision").isEqualTo(audited + 3);
	}

	@Test
	void anIndexIsBuiltWhileTheFirstRegisterSnapshotIsRead() throws Exception {
		// a controller no question has been asked about: it has no index
		String controller = "connext-register-" + System.nanoTime();
		assertThat(admin().shippedPolicy("connext", controller).status()).isIn(200, 201);
		long[] before = this.indexes.counts();
		// the snapshot's rows are sent only once an index is built, or after 30 s
		boolean[] readyBeforeTheRows = { false };
		InputStream body = new SequenceInputStream(
				new ByteArrayInputStream("number,registered_on\n".getBytes(StandardCharsets.US_ASCII)),
				new InputStream() {

					private InputStream rows;

					@Override
					public int read() throws IOException {
						if (this.rows == null) {
							long deadline = System.nanoTime() + 30_000_000_000L;
							while (!readyBeforeTheRows[0] && System.nanoTime() < deadline) {
								long[] now = ContactIndexIntegrationTest.this.indexes.counts();
								readyBeforeTheRows[0] = now[0] > before[0];
								sleep(20);
							}
							this.rows = new ByteArrayInputStream(
									("3482009901," + LocalDate.now(ROME).minusDays(5) + "\n")
										.getBytes(StandardCharsets.US_ASCII));
						}
						return this.rows.read();
					}

				});
		RegisterSnapshots.Snapshot imported = this.checking.importSnapshot(controller, LocalDate.now(ROME), null, body);
		assertThat(imported.entries()).isEqualTo(1);
		assertThat(readyBeforeTheRows[0]).as("an index built before the snapshot's rows came").isTrue();
		long[] after = this.indexes.counts();
		this.indexes.current(controller);
		assertThat(this.indexes.counts()).as("current, nothing more to read").containsExactly(after);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
