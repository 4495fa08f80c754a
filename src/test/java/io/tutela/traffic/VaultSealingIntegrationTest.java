package io.tutela.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;
import io.tutela.vault.JusticeVault;
import io.tutela.vault.VaultCall;
import io.tutela.vault.VaultSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The justice copy made soon after ingest: what an import loaded is sealed into the vault
 * by a later step, crash-safe, and retention then only drops operational months the vault
 * already holds.
 */
@TutelaIntegrationTest
class VaultSealingIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JusticeVault vault;

	@Autowired
	TrafficSealing sealing;

	@Autowired
	TrafficRetention retention;

	@Autowired
	io.tutela.policy.Policies policies;

	@Autowired
	PlatformTransactionManager transactions;

	Http admin() {
		return Http.admin(this.port);
	}

	void controller(String provider, String id) {
		Http.Response created = admin().shippedPolicy(provider, id);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	void upload(String controller, String kind, String csv) {
		Http.Response imported = admin().post("/api/v1/controllers/" + controller + "/imports/" + kind, "text/csv",
				csv);
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
	}

	long count(String sql, String controller) {
		return this.jdbc.sql(sql).param("c", controller).query(Long.class).single();
	}

	long operational(String controller) {
		return count("SELECT count(*) FROM cdr WHERE controller_id = :c", controller);
	}

	long pending(String controller) {
		return count("SELECT count(*) FROM traffic_sealing WHERE controller_id = :c", controller);
	}

	long counted(String controller) {
		return count("SELECT coalesce(sum(records), 0) FROM traffic_month WHERE controller_id = :c AND kind = 'cdr'",
				controller);
	}

	JsonNode run(String controller, LocalDate asOf) {
		Http.Response run = admin().postJson("/api/v1/controllers/" + controller + "/retention/runs",
				Map.of("asOf", asOf.toString(), "dryRun", false));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		return run.json();
	}

	static JsonNode rule(JsonNode report, String id) {
		for (JsonNode rule : report.get("rules")) {
			if (rule.get("rule").asString().equals(id)) {
				return rule;
			}
		}
		throw new AssertionError("no rule " + id + " in " + report);
	}

	/** Calls of a month of 60 months ago, in which no other test writes. */
	static Instant monthsAgo(int months, int day) {
		return YearMonth.now(ZoneOffset.UTC).minusMonths(months).atDay(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
	}

	static String partition(String table, Instant start) {
		return table + "_y" + YearMonth.from(start.atZone(ZoneOffset.UTC)).toString().replace("-", "m");
	}

	boolean exists(String partition) {
		return this.jdbc.sql("SELECT to_regclass(:p) IS NOT NULL").param("p", partition).query(Boolean.class).single();
	}

	@Test
	void aMonthSealedEarlyIsDroppedFromOperationsAndStillFoundInTheVault() {
		String c = "seal-drop";
		controller("conecto", c);
		Instant start = monthsAgo(60, 3);
		upload(c, "cdr", "caller,callee,start,duration_seconds,answered\n" + "347 900 9101,06 9009101," + start
				+ ",30,true\n" + "347 900 9101,06 9009102," + start.plusSeconds(60) + ",0,false\n");
		assertThat(pending(c)).as("the import recorded what it loaded").isEqualTo(1);
		assertThat(this.vault.calls(c, "+393479009101", start.minusSeconds(1), start.plusSeconds(3600))).isEmpty();

		assertThat(this.sealing.sealAll()).isGreaterThanOrEqualTo(2);
		assertThat(pending(c)).isZero();
		assertThat(counted(c)).isEqualTo(2);
		assertThat(this.vault.calls(c, "+393479009101", start.minusSeconds(1), start.plusSeconds(3600)))
			.extracting(VaultCall::callee)
			.containsExactly("+39069009101", "+39069009102");
		assertThat(operational(c)).as("still in operations until the run").isEqualTo(2);

		JsonNode report = run(c, LocalDate.now(ZoneId.of("Europe/Rome")));
		assertThat(rule(report, "telephone-traffic-billing").get("done").asLong()).isEqualTo(2);
		assertThat(operational(c)).isZero();
		assertThat(exists(partition("cdr", start))).as("the month was dropped whole").isFalse();
		assertThat(this.vault.calls(c, "+39069009102", start.minusSeconds(1), start.plusSeconds(3600)))
			.extracting(VaultCall::caller, VaultCall::answered)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("+393479009101", false));
		assertThat(
				rule(run(c, LocalDate.now(ZoneId.of("Europe/Rome"))), "telephone-traffic-billing").get("done").asLong())
			.as("a second run moves nothing more")
			.isZero();
	}

	@Test
	void aCrashBetweenTheVaultsCommitAndTheEntrysRemovalLosesAndDuplicatesNothing() {
		String c = "seal-crash";
		controller("conecto", c);
		Instant start = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		upload(c, "cdr",
				"caller,callee,start,duration_seconds,answered\n" + "347 900 9201,06 9009201," + start + ",30,true\n"
						+ "347 900 9201,06 9009202," + start.plusSeconds(60) + ",5,true\n" + "347 900 9202,06 9009201,"
						+ start.plusSeconds(120) + ",7,true\n");
		// crash between the import's commit and the sealing: the entry waits
		assertThat(pending(c)).isEqualTo(1);
		// crash after the vault committed, before the entry was removed: the operational
		// transaction is lost, the vault's is not
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.sealing.sealPending(c, "cdr");
			status.setRollbackOnly();
		});
		assertThat(pending(c)).as("the entry is still there").isEqualTo(1);
		assertThat(counted(c)).as("nothing counted").isZero();
		assertThat(this.vault.calls(c, "+39069009201", start.minusSeconds(1), start.plusSeconds(3600))).hasSize(2);

		// sealed again: nothing twice
		assertThat(this.sealing.sealPending(c, "cdr")).isEqualTo(3);
		assertThat(pending(c)).isZero();
		assertThat(counted(c)).isEqualTo(3);
		assertThat(this.vault.calls(c, "+39069009201", start.minusSeconds(1), start.plusSeconds(3600))).hasSize(2);
		assertThat(this.vault.calls(c, "+393479009201", start.minusSeconds(1), start.plusSeconds(3600))).hasSize(2);
		assertThat(this.vault.count(c, io.tutela.vault.VaultRecords.CALLS, "telephone_traffic", null,
				start.plusSeconds(3600)))
			.isEqualTo(3);
	}

	@Test
	void aMonthWithRecordsStillToSealIsNeverDropped() {
		String c = "seal-pending";
		controller("conecto", c);
		Instant start = monthsAgo(62, 5);
		upload(c, "cdr",
				"caller,callee,start,duration_seconds,answered\n" + "347 900 9301,06 9009301," + start + ",30,true\n");
		String month = partition("cdr", start);
		Instant monthStart = YearMonth.from(start.atZone(ZoneOffset.UTC))
			.atDay(1)
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		assertThat(dropPartition(c, monthStart)).as("left: its records are not sealed").isEqualTo(-1);
		assertThat(exists(month)).isTrue();
		assertThat(operational(c)).isEqualTo(1);

		// a run seals first, then drops
		this.sealing.sealPending(c, "cdr");
		// an import of the same month committed meanwhile, not sealed yet
		upload(c, "cdr", "caller,callee,start,duration_seconds,answered\n" + "347 900 9301,06 9009302,"
				+ start.plusSeconds(60) + ",30,true\n");
		assertThat(dropPartition(c, monthStart)).isEqualTo(-1);
		assertThat(operational(c)).isEqualTo(2);

		JsonNode report = run(c, LocalDate.now(ZoneId.of("Europe/Rome")));
		assertThat(rule(report, "telephone-traffic-billing").get("done").asLong()).isEqualTo(2);
		assertThat(exists(month)).isFalse();
		assertThat(this.vault.calls(c, "+393479009301", start.minusSeconds(1), start.plusSeconds(3600))).hasSize(2);
	}

	/**
	 * The month the 72-month floor cuts leaves the operational table whole: its records
	 * after the floor counted as moved, those before it as deleted from the vault; the
	 * month the 6-month cutoff cuts loses only its part before the cutoff, and its count
	 * follows. Floors late in the month (the part read) and early (the rest of the month
	 * read, taken from the month's count).
	 */
	@Test
	void theMonthTheFloorCutsGoesWholeCountingOnlyItsPartAfterTheFloor() {
		floorMonth("seal-floor-late", 69, 25);
		floorMonth("seal-floor-early", 68, 10);
	}

	void floorMonth(String c, int monthsAgo, int day) {
		controller("conecto", c);
		ZoneId rome = ZoneId.of("Europe/Rome");
		YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(monthsAgo);
		LocalDate asOf = month.plusMonths(72).atDay(day);
		Instant floor = month.atDay(day).atStartOfDay(rome).toInstant();
		Instant cutoff = asOf.minusMonths(6).atStartOfDay(rome).toInstant();
		Instant early = month.atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant();
		upload(c, "cdr",
				"caller,callee,start,duration_seconds,answered\n" + "347 900 9501,06 9009501," + early + ",30,true\n"
						+ "347 900 9501,06 9009502," + floor.minusSeconds(1) + ",30,true\n" + "347 900 9501,06 9009503,"
						+ floor + ",30,true\n" + "347 900 9501,06 9009504," + floor.plus(1, ChronoUnit.DAYS)
						+ ",30,true\n" + "347 900 9501,06 9009505," + cutoff.minusSeconds(1) + ",30,true\n"
						+ "347 900 9501,06 9009506," + cutoff + ",30,true\n");
		this.sealing.sealAll();
		assertThat(counted(c)).isEqualTo(6);

		Http.Response preview = admin().postJson("/api/v1/controllers/" + c + "/retention/runs",
				Map.of("asOf", asOf.toString(), "dryRun", true));
		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		assertThat(rule(preview.json(), "telephone-traffic-billing").get("due").asLong())
			.as("from the floor on, before the cutoff")
			.isEqualTo(3);
		assertThat(rule(preview.json(), "telephone-traffic-vault").get("due").asLong()).isEqualTo(2);

		JsonNode report = run(c, asOf);
		assertThat(rule(report, "telephone-traffic-billing").get("done").asLong()).isEqualTo(3);
		assertThat(rule(report, "telephone-traffic-vault").get("done").asLong()).isEqualTo(2);
		assertThat(exists(partition("cdr", floor))).as("the month the floor cuts went whole").isFalse();
		assertThat(count("SELECT count(*) FROM cdr WHERE controller_id = :c", c)).isEqualTo(1);
		assertThat(counted(c)).as("the month the cutoff cuts, counted as it is").isEqualTo(1);
		assertThat(this.vault.calls(c, "+393479009501", early.minusSeconds(1), cutoff.plusSeconds(1)))
			.extracting(VaultCall::callee)
			.containsExactly("+39069009503", "+39069009504", "+39069009505", "+39069009506");
	}

	/**
	 * Under a hold of the next rule, the records before the floor stay where they are:
	 * the month the floor cuts loses only its part from the floor on.
	 */
	@Test
	void theMonthTheFloorCutsStaysWhenTheNextRuleHoldsSomething() {
		String c = "seal-floor-held";
		controller("conecto", c);
		ZoneId rome = ZoneId.of("Europe/Rome");
		YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(67);
		LocalDate asOf = month.plusMonths(72).atDay(12);
		Instant floor = month.atDay(12).atStartOfDay(rome).toInstant();
		Instant cutoff = asOf.minusMonths(6).atStartOfDay(rome).toInstant();
		upload(c, "cdr", "caller,callee,start,duration_seconds,answered\n" + "347 900 9601,06 9009601,"
				+ floor.minusSeconds(1) + ",30,true\n" + "347 900 9601,06 9009602," + floor + ",30,true\n");
		this.sealing.sealAll();
		io.tutela.policy.Policy policy = this.policies.current(c);
		io.tutela.policy.Policy.RetentionRule billing = policy.rule("telephone-traffic-billing").orElseThrow();

		Long moved = this.transaction()
			.execute((tx) -> this.retention.segregate(policy, billing, floor, cutoff, List.of(), false));
		assertThat(moved).isEqualTo(1);
		assertThat(exists(partition("cdr", floor))).isTrue();
		assertThat(this.jdbc.sql("SELECT start_at FROM cdr WHERE controller_id = :c")
			.param("c", c)
			.query(java.sql.Timestamp.class)
			.list()).extracting(java.sql.Timestamp::toInstant).containsExactly(floor.minusSeconds(1));
		assertThat(counted(c)).isEqualTo(1);

		Long again = this.transaction()
			.execute((tx) -> this.retention.segregate(policy, billing, floor, cutoff, List.of(), true));
		assertThat(again).as("nothing more from the floor on, the month then dropped whole").isZero();
		assertThat(exists(partition("cdr", floor))).isFalse();
	}

	TransactionTemplate transaction() {
		return new TransactionTemplate(this.transactions);
	}

	long dropPartition(String c, Instant month) {
		return this.jdbc.sql("SELECT traffic_drop_partition('cdr', :c, :m)")
			.param("c", c)
			.param("m", java.sql.Timestamp.from(month))
			.query(Long.class)
			.single();
	}

	@Test
	void sessionsAreSealedMovedAndDeleted() {
		String c = "seal-sessions";
		controller("ipkom", c);
		Instant recent = monthsAgo(7, 10);
		Instant old = monthsAgo(71, 10);
		upload(c, "telematic-session",
				"subscriber,assigned_ip,start,end,bytes_up,bytes_down\n" + "SEAL-ADSL-1,2001:db8:0:0::77," + recent
						+ "," + recent.plusSeconds(600) + ",100,2000\n" + "SEAL-ADSL-1,10.77.0.1," + old + ",,5,6\n");
		// three months on, the older session has passed 72 months
		JsonNode report = run(c, LocalDate.now(ZoneId.of("Europe/Rome")).plusMonths(3));
		assertThat(rule(report, "telematic-traffic-billing").get("status").asString()).isEqualTo("applied");
		assertThat(rule(report, "telematic-traffic-billing").get("done").asLong()).isEqualTo(1);
		assertThat(rule(report, "telematic-traffic-vault").get("done").asLong()).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM telematic_session WHERE controller_id = :c", c)).isZero();

		List<VaultSession> found = this.vault.sessionsOfSubscriber(c, "SEAL-ADSL-1", old.minusSeconds(1),
				recent.plusSeconds(1), 10);
		assertThat(found).containsExactly(new VaultSession("SEAL-ADSL-1", "2001:db8:0:0:0:0:0:77", recent,
				recent.plusSeconds(600), 100, 2000, "telematic_traffic"));
		assertThat(this.vault.sessionsOfAddress(c, "2001:DB8::77", recent.minusSeconds(1), recent.plusSeconds(1), 10))
			.hasSize(1);
		assertThat(this.vault.sessionsOfAddress(c, "10.77.0.1", old.minusSeconds(1), old.plusSeconds(1), 10))
			.as("past 72 months: deleted from the vault too")
			.isEmpty();
	}

	@Test
	void vaultLookupsGiveTheOldestFirstUpToTheLimit() {
		String c = "seal-limit";
		Instant start = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		List<VaultCall> calls = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(new VaultCall("+393479009401", "+3906900940" + i, start.plusSeconds(60L * (5 - i)), i, true, null,
					"telephone_traffic"));
		}
		assertThat(this.vault.store(c, calls)).isEqualTo(5);
		assertThat(this.vault.calls(c, "+393479009401", start, start.plusSeconds(3600), 3))
			.extracting(VaultCall::callee)
			.containsExactly("+39069009404", "+39069009403", "+39069009402");
		assertThat(this.vault.calls(c, "+39069009400", start, start.plusSeconds(3600), 3)).hasSize(1);

		List<VaultSession> sessions = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			sessions.add(new VaultSession("SEAL-FIBRE-" + (i % 2), "10.94.0." + i, start.plusSeconds(i), null, i, i,
					"telematic_traffic"));
		}
		assertThat(this.vault.storeSessions(c, sessions)).isEqualTo(4);
		assertThat(this.vault.sessionsOfSubscriber(c, "SEAL-FIBRE-1", start, start.plusSeconds(60), 1))
			.extracting(VaultSession::assignedIp)
			.containsExactly("10.94.0.1");
		assertThat(this.vault.sessionsOfSubscriber(c, "SEAL-FIBRE-0", start, start.plusSeconds(60), 5))
			.extracting(VaultSession::assignedIp)
			.containsExactly("10.94.0.0", "10.94.0.2");
		assertThat(this.vault.sessionsOfAddress(c, "10.94.0.3", start, start.plusSeconds(60), 5)).hasSize(1);
	}

}
