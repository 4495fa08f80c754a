package io.tutela.traffic;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call detail records and telematic sessions: bulk import into the monthly partitions,
 * searches within the policy's operational window, a subscriber's bill check, the subject
 * 360 and access.
 */
@TutelaIntegrationTest
class TrafficIntegrationTest {

	static final String HEADER = "caller,callee,start,duration_seconds,answered,cell\n";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	static Instant daysAgo(long days) {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(days, ChronoUnit.DAYS);
	}

	Http.Response upload(String controller, String kind, String csv) {
		return admin().post("/api/v1/controllers/" + controller + "/imports/" + kind, "text/csv", csv);
	}

	long count(String table, String controller, String condition) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE controller_id = :c AND " + condition)
			.param("c", controller)
			.query(Long.class)
			.single();
	}

	String subject(String controller, Map<String, Object> fields) {
		Http.Response created = admin().postJson("/api/v1/controllers/" + controller + "/subjects", fields);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	static List<String> texts(JsonNode items, String field) {
		List<String> values = new ArrayList<>();
		items.forEach((i) -> values.add(i.get(field).asString()));
		return values;
	}

	@Test
	void callsAreNormalisedTaggedLinkedToTheirSubscriberAndAReimportChangesNothing() {
		String subjectId = subject("ipkom", Map.of("customerCode", "TRF-1", "givenName", "Anna", "familyName", "Neri",
				"phone", "+39 347 100 2001"));
		Instant start = daysAgo(3);
		String csv = HEADER + "347 100 2001,06 1234567," + start + ",65,true,22201-1234\n"
				+ "0039 347 100 2001,+39 02 7654321," + start.plusSeconds(600) + ",0,false,\n"
				+ "+39 333 900 1001,347 100 2001," + daysAgo(100) + ",30,yes,\n";
		Http.Response first = upload("ipkom", "cdr", csv);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("inserted").asLong()).isEqualTo(3);
		Map<String, Object> call = this.jdbc
			.sql("SELECT caller, callee, category, array_to_string(purposes, ',') AS purposes, subject_id::text AS s,"
					+ " cell FROM cdr WHERE controller_id = 'ipkom' AND callee = '+39061234567'")
			.query()
			.singleRow();
		assertThat(call.get("caller")).isEqualTo("+393471002001");
		assertThat(call.get("s")).isEqualTo(subjectId);
		assertThat(call.get("category")).isEqualTo("telephone_traffic");
		assertThat(call.get("purposes")).isEqualTo("billing,legal_obligation");
		assertThat(call.get("cell")).isEqualTo("22201-1234");
		assertThat(count("cdr", "ipkom", "caller = '+393339001001' AND subject_id IS NULL")).isEqualTo(1);
		// each call went into the partition of its month
		String partition = "cdr_y" + YearMonth.from(daysAgo(100).atZone(ZoneId.of("UTC"))).toString().replace("-", "m");
		assertThat(this.jdbc.sql("SELECT count(*) FROM " + partition + " WHERE caller = '+393339001001'")
			.query(Long.class)
			.single()).isEqualTo(1);

		Http.Response again = upload("ipkom", "cdr", csv);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().get("inserted").asLong()).isZero();
		assertThat(again.json().get("updated").asLong()).isZero();
		assertThat(again.json().get("unchanged").asLong()).isEqualTo(3);

		// a file with one call already held and one new: the new one is added, the held
		// one corrected
		Http.Response mixed = upload("ipkom", "cdr", HEADER + "347 100 2001,06 1234567," + start + ",66,true,\n"
				+ "347 100 2001,06 1234567," + daysAgo(2) + ",5,true,\n");
		assertThat(mixed.status()).as(mixed.body()).isEqualTo(200);
		assertThat(mixed.json().get("inserted").asLong()).isEqualTo(1);
		assertThat(mixed.json().get("updated").asLong()).isEqualTo(1);
		assertThat(count("cdr", "ipkom", "caller = '+393471002001' AND duration_seconds = 66")).isEqualTo(1);
	}

	@Test
	void aFileWithBadRowsIsRefusedWholeNamingEachRowAndField() {
		Instant start = daysAgo(2);
		Http.Response refused = upload("conecto", "cdr",
				HEADER + "347 100 3001,06 1234567," + start + ",10,true,\n" + "347 ABC,06 1234567," + start
						+ ",10,true,\n" + "347 100 3001,06 1234567,yesterday,10,true,\n" + "347 100 3001,06 1234567,"
						+ start.plusSeconds(5) + ",-4,maybe,\n" + "+39 347 100 3001,06 1234567," + start
						+ ",12,true,\n");
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		List<String> errors = new ArrayList<>();
		refused.json()
			.get("errors")
			.forEach((e) -> errors.add(e.get("line").asLong() + ":" + e.get("field").asString()));
		assertThat(errors).containsExactlyInAnyOrder("3:caller", "4:start", "5:duration_seconds", "5:answered");
		assertThat(count("cdr", "conecto", "caller = '+393471003001'")).isZero();

		Http.Response duplicate = upload("conecto", "cdr", HEADER + "347 100 3001,06 1234567," + start + ",10,true,\n"
				+ "+39 347 100 3001,06 1234567," + start + ",12,true,\n");
		assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(422);
		assertThat(duplicate.json().get("errors").get(0).get("line").asLong()).isEqualTo(3);
		assertThat(duplicate.json().get("errors").get(0).get("message").asString()).contains("line 2");
		assertThat(count("cdr", "conecto", "caller = '+393471003001'")).isZero();

		// older than anything conecto keeps (6 months, then 72 in the vault), or not yet
		// happened
		Http.Response outside = upload("conecto", "cdr", HEADER + "347 100 3001,06 1234567," + daysAgo(366 * 7)
				+ ",10,true,\n" + "347 100 3001,06 1234567," + daysAgo(-3) + ",10,true,\n");
		assertThat(outside.status()).isEqualTo(422);
		assertThat(outside.body()).contains("the policy keeps no traffic data that old").contains("in the future");

		Http.Response columns = upload("conecto", "cdr", "caller,callee,start\n347 100 3001,06 1234567," + start);
		assertThat(columns.status()).isEqualTo(422);
		assertThat(columns.body()).contains("duration_seconds").contains("answered");
	}

	@Test
	void operatorsSeeOnlyWhatThePolicyKeepsInTheOperationalSystems() {
		// conecto keeps calls 6 months for billing and unanswered calls 30 days
		String csv = HEADER + "347 100 4001,06 1234567," + daysAgo(10) + ",40,true,\n" + "347 100 4001,06 1234568,"
				+ daysAgo(10) + ",0,false,\n" + "347 100 4001,06 1234569," + daysAgo(60) + ",50,true,\n"
				+ "347 100 4001,06 1234570," + daysAgo(60) + ",0,false,\n" + "347 100 4001,06 1234571," + daysAgo(250)
				+ ",70,true,\n";
		assertThat(upload("conecto", "cdr", csv).status()).isEqualTo(200);
		Http.Response found = admin().get("/api/v1/controllers/conecto/cdrs?number=3471004001");
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		assertThat(texts(found.json().get("items"), "callee")).containsExactly("+39061234567", "+39061234568",
				"+39061234569");
		Instant visibleFrom = Instant.parse(found.json().get("visibleFrom").asString());
		assertThat(visibleFrom).isBefore(daysAgo(60)).isAfter(daysAgo(250));
		assertThat(admin().get("/api/v1/controllers/conecto/cdrs?number=061234571").json().get("items")).isEmpty();
		assertThat(admin().get("/api/v1/controllers/conecto/cdrs?number=3471004001&from=" + daysAgo(30))
			.json()
			.get("items")).hasSize(2);
		assertThat(admin().get("/api/v1/controllers/conecto/cdrs?number=3471004001&size=1&page=1").json().get("items"))
			.hasSize(1);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE action = 'cdr.search'"
					+ " AND controller_id = 'conecto' AND cardinality(target_ids) = 3")
			.query(Long.class)
			.single()).isPositive();

		Http.Response bad = admin().get("/api/v1/controllers/conecto/cdrs?number=not-a-number");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("number");
	}

	@Test
	void aSubscriberChecksTheCallsOfABillingPeriodAndTheSubject360SumsThemByMonth() {
		String subjectId = subject("conecto", Map.of("customerCode", "TRF-5", "givenName", "Bruno", "familyName",
				"Gallo", "phone", "+39 347 100 5001"));
		Instant start = daysAgo(5);
		String csv = HEADER + "347 100 5001,06 1234567," + start + ",100,true,\n" + "347 100 5001,06 7654321,"
				+ start.plusSeconds(3600) + ",20,true,\n" + "347 100 5001,06 1111111," + start.plusSeconds(7200)
				+ ",0,false,\n";
		assertThat(upload("conecto", "cdr", csv).status()).isEqualTo(200);
		String period = YearMonth.from(start.atZone(ZoneId.of("Europe/Rome"))).toString();
		Http.Response bill = admin()
			.get("/api/v1/controllers/conecto/subjects/" + subjectId + "/cdrs?period=" + period);
		assertThat(bill.status()).as(bill.body()).isEqualTo(200);
		// calls near the month's end may fall in the next period in Rome; count those of
		// this one
		long inPeriod = this.jdbc
			.sql("SELECT count(*) FROM cdr WHERE subject_id = CAST(:s AS uuid)"
					+ " AND to_char(start_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM') = :p")
			.param("s", subjectId)
			.param("p", period)
			.query(Long.class)
			.single();
		assertThat(bill.json().get("calls").asLong()).isEqualTo(inPeriod).isPositive();
		assertThat(bill.json().get("items")).hasSize((int) inPeriod);

		assertThat(admin().get("/api/v1/controllers/conecto/subjects/" + subjectId + "/cdrs?period=2026-13").status())
			.isEqualTo(400);
		assertThat(admin()
			.get("/api/v1/controllers/conecto/subjects/00000000-0000-0000-0000-000000000001/cdrs?period=" + period)
			.status()).isEqualTo(404);

		JsonNode overview = admin().get("/api/v1/controllers/conecto/subjects/" + subjectId + "/overview").json();
		long calls = 0;
		for (JsonNode category : overview.get("categories")) {
			if (category.get("id").asString().equals("telephone_traffic")) {
				for (JsonNode record : category.get("records")) {
					calls += record.get("fields").get("calls").asLong();
				}
			}
		}
		assertThat(calls).isEqualTo(3);
	}

	@Test
	void sessionsAreImportedLinkedAndSearchedByAddress() {
		String subjectId = subject("ipkom",
				Map.of("customerCode", "TRF-ADSL-6", "givenName", "Carla", "familyName", "Ricci"));
		Instant start = daysAgo(4);
		String csv = "subscriber,assigned_ip,start,end,bytes_up,bytes_down\n" + "TRF-ADSL-6,10.60.0.1," + start + ","
				+ start.plusSeconds(3600) + ",1000,20000\n" + "someone-else,2001:db8:0:0::60," + start + ",,5,6\n";
		Http.Response first = upload("ipkom", "telematic-session", csv);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("inserted").asLong()).isEqualTo(2);
		assertThat(upload("ipkom", "telematic-session", csv).json().get("unchanged").asLong()).isEqualTo(2);

		JsonNode found = admin().get("/api/v1/controllers/ipkom/telematic-sessions?ip=10.60.0.1").json();
		assertThat(texts(found.get("items"), "subscriber")).containsExactly("TRF-ADSL-6");
		assertThat(found.get("items").get(0).get("subjectId").asString()).isEqualTo(subjectId);
		assertThat(
				texts(admin().get("/api/v1/controllers/ipkom/telematic-sessions?ip=2001:db8::60").json().get("items"),
						"assignedIp"))
			.containsExactly("2001:db8::60");

		Http.Response refused = upload("ipkom", "telematic-session",
				"subscriber,assigned_ip,start,end\nx,10.60.0.300," + start + "," + start.minusSeconds(1) + "\n");
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("assigned_ip").contains("end");
	}

	@Test
	void onlyDpoAndOperatorsReadTrafficAndOnlyTheirControllers() {
		Staff.Created auditor = Staff.create(this.port, "traffic-auditor", List.of("auditor"), List.of("conecto"));
		Staff.Created operator = Staff.create(this.port, "traffic-operator", List.of("operator"), List.of("conecto"));
		Http auditorSession = Http.session(this.port);
		auditorSession.login(auditor.username(), auditor.password());
		assertThat(auditorSession.get("/api/v1/controllers/conecto/cdrs").status()).isEqualTo(403);
		Http operatorSession = Http.session(this.port);
		operatorSession.login(operator.username(), operator.password());
		assertThat(operatorSession.get("/api/v1/controllers/conecto/cdrs").status()).isEqualTo(200);
		assertThat(operatorSession.get("/api/v1/controllers/ipkom/cdrs").status()).isEqualTo(404);
		assertThat(operatorSession.post("/api/v1/controllers/conecto/imports/cdr", "text/csv", HEADER).status())
			.isEqualTo(403);
		assertThat(upload("nanosystems", "cdr", HEADER).status()).isEqualTo(422);
	}

}
