package io.tutela.service;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static io.tutela.service.ServiceTests.category;
import static io.tutela.service.ServiceTests.errors;
import static io.tutela.service.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call-recording metadata of IPKOM (§8: recordings are announced before the call is
 * assigned).
 */
@TutelaIntegrationTest
class CallRecordingIntegrationTest {

	static final String API = "/api/v1/controllers/ipkom/";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM call_recording WHERE controller_id = 'ipkom'")
			.query(Long.class)
			.single();
	}

	@Test
	void aRecordingWithoutTheAnnouncementIsRefused() {
		Http.Response unannounced = admin().postJson(API + "call-recordings",
				json("callReference", "CR-NO-1", "recordedAt", "2024-03-01T09:00:00Z", "announcementPlayed", false));
		assertThat(unannounced.status()).isEqualTo(400);
		assertThat(errors(unannounced)).containsExactly("announcement_played");
		assertThat(unannounced.json().at("/errors/0/message").asString()).contains("announcement");
		Http.Response unsaid = admin().postJson(API + "call-recordings",
				json("callReference", "CR-NO-2", "recordedAt", "2024-03-01T09:00:00Z"));
		assertThat(errors(unsaid)).containsExactly("announcement_played");

		long before = count();
		Http.Response bad = admin().post(API + "imports/call-recordings", "text/csv", """
				call_reference,recorded_at,announcement_played
				CR-IMP-OK,2024-03-01T09:00:00Z,true
				CR-IMP-NO,2024-03-01T09:10:00Z,false
				CR-IMP-BAD,yesterday,perhaps
				""");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(errors(bad)).containsExactlyInAnyOrder("3:announcement_played", "4:recorded_at",
				"4:announcement_played");
		assertThat(count()).as("nothing of the file was written").isEqualTo(before);
	}

	@Test
	void recordingsRoundTripAndShowInTheSubject360() {
		Http.Response subject = admin().post(API + "imports/subjects", "text/csv",
				"customer_code,given_name,family_name,phone\nREC-1,Nadia,Rota,+39 347 444 5566\n");
		assertThat(subject.status()).as(subject.body()).isEqualTo(200);
		String subjectId = admin().get(API + "subjects?q=REC-1").json().at("/items/0/id").asString();

		Http.Response created = admin().postJson(API + "call-recordings",
				json("callReference", "CR-2024-0001", "subject", "REC-1", "number", "347 444 5566", "recordedAt",
						"2024-03-15T10:00:00Z", "durationSeconds", 312, "announcementPlayed", true));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode recording = created.json();
		assertThat(recording.get("subjectId").asString()).isEqualTo(subjectId);
		assertThat(recording.get("number").asString()).isEqualTo("+393474445566");
		assertThat(recording.get("category").asString()).isEqualTo("call_recording");
		assertThat(recording.get("source").asString()).isEqualTo("service_generated");
		String id = recording.get("id").asString();
		Http.Response updated = admin().put(API + "call-recordings/" + id,
				json("callReference", "CR-2024-0001", "subject", subjectId, "recordedAt", "2024-03-15T10:00:00Z",
						"durationSeconds", 320, "announcementPlayed", true));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(admin().get(API + "call-recordings/" + id).json().get("durationSeconds").asInt()).isEqualTo(320);
		assertThat(admin().get(API + "call-recordings?subjectId=" + subjectId).json().get("items")).hasSize(1);

		String file = """
				call_reference,subject,number,recorded_at,duration_seconds,announcement_played
				CR-2024-0002,REC-1,,2024-04-01T08:00:00Z,60,yes
				CR-2024-0003,,+39 06 1234567,2024-04-02T08:00:00Z,,true
				""";
		Http.Response imported = admin().post(API + "imports/call-recordings", "text/csv", file);
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("inserted").asLong()).isEqualTo(2);
		assertThat(admin().post(API + "imports/call-recordings", "text/csv", file).json().get("unchanged").asLong())
			.isEqualTo(2);

		JsonNode overview = admin().get(API + "subjects/" + subjectId + "/overview?asOf=2034-03-16T12:00:00Z").json();
		JsonNode recordings = category(overview, "call_recording");
		assertThat(recordings.get("records")).hasSize(2);
		JsonNode step = recordings.at("/records/0/retention/0");
		assertThat(step.get("rule").asString()).isEqualTo("call-recordings");
		assertThat(step.get("dueOn").asString()).as("kept 10 years from the recording, due the day after")
			.isEqualTo("2034-03-16");
		assertThat(step.get("due").asBoolean()).isTrue();
	}

}
