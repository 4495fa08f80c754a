package io.tutela.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;
import io.tutela.storage.DroppedTables;
import io.tutela.vault.JusticeVault;
import io.tutela.vault.VaultCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention runs over Conecto's traffic data: dry run, deletion, idempotence, access. */
@TutelaIntegrationTest
class RetentionRunIntegrationTest {

	static final String RUNS = "/api/v1/controllers/conecto/retention/runs";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JusticeVault vault;

	@Autowired
	DroppedTables dropped;

	@Autowired
	@Qualifier("migrationDataSource")
	DataSource owner;

	/** The tables the retention run dropped whose files are not removed yet. */
	List<String> droppedTables() {
		return this.jdbc.sql("""
				SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'dropped' AND c.relkind = 'r'""").query(String.class).list();
	}

	long calls(String callee) {
		return this.jdbc.sql("SELECT count(*) FROM cdr WHERE controller_id = 'conecto' AND callee = :n")
			.param("n", callee)
			.query(Long.class)
			.single();
	}

	static JsonNode rule(JsonNode report, String id) {
		for (JsonNode rule : report.get("rules")) {
			if (rule.get("rule").asString().equals(id)) {
				return rule;
			}
		}
		throw new AssertionError("no rule " + id + " in " + report);
	}

	@Test
	void aDroppedTableIsClosedToTheApplicationUntilItsFilesAreRemoved() {
		JdbcClient owner = JdbcClient.create(this.owner);
		owner.sql("CREATE TABLE dropped.cdr_y2019m01_1 AS SELECT * FROM cdr WITH NO DATA").update();
		owner
			.sql("INSERT INTO dropped.cdr_y2019m01_1 (controller_id, caller, callee, start_at, duration_seconds,"
					+ " answered, category, purposes) VALUES ('conecto', '+393479008009', '+39069008009',"
					+ " '2019-01-10T10:00:00Z', 10, TRUE, 'telephone_traffic', '{billing}')")
			.update();
		assertThatThrownBy(
				() -> this.jdbc.sql("SELECT count(*) FROM dropped.cdr_y2019m01_1").query(Long.class).single())
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThat(this.dropped.drop()).isGreaterThanOrEqualTo(1);
		assertThat(droppedTables()).isEmpty();
	}

	@Test
	void callsPastEveryPeriodAreDeletedOnceAndADryRunChangesNothing() {
		Http admin = Http.admin(this.port);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// 400 days and 10 days ago; the run is as of a day when conecto's 72 months have
		// passed for the first and not for the second
		Http.Response imported = admin.post("/api/v1/controllers/conecto/imports/cdr", "text/csv",
				"caller,callee,start,duration_seconds,answered\n" + "347 900 8001,06 9008001,"
						+ now.minus(400, ChronoUnit.DAYS) + ",10,true\n" + "347 900 8001,06 9008002,"
						+ now.minus(10, ChronoUnit.DAYS) + ",10,true\n");
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		String today = LocalDate.now().plusMonths(72).minusDays(200).toString();

		Http.Response preview = admin.postJson(RUNS, Map.of("asOf", today, "dryRun", true));
		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		JsonNode vault = rule(preview.json(), "telephone-traffic-vault");
		assertThat(vault.get("due").asLong()).isPositive();
		assertThat(vault.get("done").asLong()).isZero();
		JsonNode billing = rule(preview.json(), "telephone-traffic-billing");
		assertThat(billing.get("status").asString()).isEqualTo("dry run");
		assertThat(billing.get("due").asLong()).isPositive();
		assertThat(calls("+39069008001")).isEqualTo(1);

		Http.Response run = admin.postJson(RUNS, Map.of("asOf", today, "dryRun", false));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		JsonNode applied = rule(run.json(), "telephone-traffic-vault");
		assertThat(applied.get("done").asLong()).isEqualTo(vault.get("due").asLong());
		assertThat(calls("+39069008001")).isZero();
		// the call past 6 months went to the justice vault, out of the operational table
		JsonNode moved = rule(run.json(), "telephone-traffic-billing");
		assertThat(moved.get("status").asString()).isEqualTo("applied");
		assertThat(moved.get("done").asLong()).isEqualTo(billing.get("due").asLong());
		assertThat(calls("+39069008002")).isZero();
		assertThat(this.vault.calls("conecto", "+39069008002", now.minus(11, ChronoUnit.DAYS), now.plusSeconds(1)))
			.extracting(VaultCall::caller)
			.containsExactly("+393479008001");
		// the month held no other controller's calls: it went whole
		String month = "cdr_y"
				+ YearMonth.from(now.minus(400, ChronoUnit.DAYS).atZone(ZoneOffset.UTC)).toString().replace("-", "m");
		assertThat(this.jdbc.sql("SELECT to_regclass(:m) IS NULL").param("m", month).query(Boolean.class).single())
			.isTrue();
		// and its files are removed right after the run, apart from it
		this.dropped.drop();
		assertThat(droppedTables()).noneMatch((name) -> name.startsWith(month));

		JsonNode again = rule(admin.postJson(RUNS, Map.of("asOf", today, "dryRun", false)).json(),
				"telephone-traffic-vault");
		assertThat(again.get("due").asLong()).isZero();
		assertThat(again.get("done").asLong()).isZero();
		assertThat(
				rule(admin.postJson(RUNS, Map.of("asOf", today, "dryRun", false)).json(), "telephone-traffic-billing")
					.get("done")
					.asLong())
			.as("a second run moves nothing more")
			.isZero();
	}

	@Test
	void aRunNeedsItsDayAndTheDpo() {
		Http admin = Http.admin(this.port);
		Http.Response missing = admin.postJson(RUNS, Map.of("dryRun", true));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("asOf");

		Staff.Created operator = Staff.create(this.port, "retention-operator", List.of("operator"), List.of("conecto"));
		Http session = Http.session(this.port);
		session.login(operator.username(), operator.password());
		assertThat(session.post(RUNS, "application/json", "{\"asOf\":\"2026-01-01\",\"dryRun\":true}").status())
			.isEqualTo(403);
	}

}
