package io.tutela.service;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static io.tutela.service.ServiceTests.category;
import static io.tutela.service.ServiceTests.errors;
import static io.tutela.service.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call log and call notes that MySegretaria keeps for a client controller, and what
 * the client's own users may do with them.
 */
@TutelaIntegrationTest
class CallLogIntegrationTest {

	static final String API = "/api/v1/controllers/" + ServiceTests.CLIENT + "/";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http admin() {
		return Http.admin(this.port);
	}

	long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE controller_id = :c")
			.param("c", ServiceTests.CLIENT)
			.query(Long.class)
			.single();
	}

	@Test
	void callsAndNotesRoundTripThroughTheApiAndImports() {
		Http.Response created = admin().postJson(API + "calls", json("callerName", "Marco Ferri", "number",
				"347 111 2233", "calledAt", "2024-05-02T08:30:00Z", "request", "Vorrebbe un appuntamento"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode call = created.json();
		assertThat(call.get("number").asString()).isEqualTo("+393471112233");
		assertThat(call.get("category").asString()).isEqualTo("call_log");
		assertThat(call.get("purposes")).extracting(JsonNode::asString).containsExactly("call_handling");
		assertThat(call.get("source").asString()).isEqualTo("subject");
		String id = call.get("id").asString();

		Http.Response updated = admin().put(API + "calls/" + id, json("callerName", "Marco Ferri", "number",
				"+393471112233", "calledAt", "2024-05-02T08:30:00Z", "request", "Richiamare dopo le 15"));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(admin().get(API + "calls/" + id).json().get("request").asString())
			.isEqualTo("Richiamare dopo le 15");
		assertThat(admin().get(API + "calls?number=0039%20347%20111%202233").json().get("items"))
			.extracting((c) -> c.get("id").asString())
			.containsExactly(id);

		Http.Response note = admin().postJson(API + "calls/" + id + "/notes",
				json("note", "Chiede del fascicolo Bianchi"));
		assertThat(note.status()).as(note.body()).isEqualTo(201);
		assertThat(note.json().get("notedAt").isNull()).isFalse();
		assertThat(note.json().get("category").asString()).isEqualTo("call_notes");
		assertThat(admin().get(API + "calls/" + id + "/notes").json().get("items")).hasSize(1);

		Http.Response invalid = admin().postJson(API + "calls", json("number", "12", "request", "x"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(errors(invalid)).containsExactlyInAnyOrder("number", "called_at");
		assertThat(admin().get(API + "calls/" + UUID.randomUUID()).status()).isEqualTo(404);

		String calls = """
				caller_name,number,called_at,request
				Lia Conti,06 6988 1234,2024-05-03T09:00:00Z,Parcella
				,+39 333 765 4321,2024-05-03T10:15:00+02:00,
				""";
		Http.Response imported = admin().post(API + "imports/calls", "text/csv", calls);
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("inserted").asLong()).isEqualTo(2);
		assertThat(admin().post(API + "imports/calls", "text/csv", calls).json().get("unchanged").asLong())
			.isEqualTo(2);

		String notes = """
				number,called_at,note,noted_at
				0669881234,2024-05-03T09:00:00Z,Chiede la parcella di aprile,2024-05-03T09:05:00Z
				3337654321,2024-05-03T08:15:00Z,Nessun messaggio,2024-05-03T08:20:00Z
				""";
		Http.Response importedNotes = admin().post(API + "imports/call-notes", "text/csv", notes);
		assertThat(importedNotes.status()).as(importedNotes.body()).isEqualTo(200);
		assertThat(importedNotes.json().get("inserted").asLong()).isEqualTo(2);
		assertThat(admin().post(API + "imports/call-notes", "text/csv", notes).json().get("unchanged").asLong())
			.isEqualTo(2);

		long callsBefore = count("call_log");
		Http.Response bad = admin().post(API + "imports/calls", "text/csv", """
				caller_name,number,called_at
				Ok,06 6988 9999,2024-05-04T09:00:00Z
				Bad number,abc,2024-05-04T09:00:00Z
				No time,06 6988 9998,
				""");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(errors(bad)).containsExactlyInAnyOrder("3:number", "4:called_at");
		assertThat(count("call_log")).isEqualTo(callsBefore);

		long notesBefore = count("call_note");
		Http.Response orphan = admin().post(API + "imports/call-notes", "text/csv", """
				number,called_at,note,noted_at
				0669881234,2024-05-03T09:00:00Z,Another,2024-05-03T09:06:00Z
				0669881234,2024-05-09T09:00:00Z,No such call,2024-05-09T09:05:00Z
				""");
		assertThat(orphan.status()).isEqualTo(422);
		assertThat(errors(orphan)).containsExactly("3:called_at");
		assertThat(count("call_note")).isEqualTo(notesBefore);
	}

	@Test
	void aNoteTheClientDeletesIsGoneForGood() {
		Http.Response subject = admin().postJson(API + "subjects",
				json("phone", "+39 347 222 3344", "givenName", "Irene", "familyName", "Marchi"));
		assertThat(subject.status()).as(subject.body()).isEqualTo(201);
		String subjectId = subject.json().get("id").asString();
		Http.Response call = admin().postJson(API + "calls",
				json("subject", "+393472223344", "callerName", "Irene Marchi", "number", "+39 347 222 3344", "calledAt",
						"2024-06-10T07:00:00Z", "request", "Consulenza"));
		assertThat(call.status()).as(call.body()).isEqualTo(201);
		assertThat(call.json().get("subjectId").asString()).isEqualTo(subjectId);
		String callId = call.json().get("id").asString();
		String noteId = admin().postJson(API + "calls/" + callId + "/notes", json("note", "Questione di eredità"))
			.json()
			.get("id")
			.asString();
		JsonNode before = admin().get(API + "subjects/" + subjectId + "/overview").json();
		assertThat(category(before, "call_notes").get("records")).extracting((r) -> r.get("id").asString())
			.containsExactly(noteId);
		assertThat(category(before, "call_log").get("records")).anyMatch((r) -> r.get("id").asString().equals(callId));

		Http client = Http.token(this.port, ServiceTests.clientUserToken(this.port, "rossi-notes"));
		assertThat(client.delete(API + "calls/" + callId + "/notes/" + noteId).status()).isEqualTo(204);

		assertThat(client.get(API + "calls/" + callId + "/notes/" + noteId).status()).isEqualTo(404);
		assertThat(admin().get(API + "calls/" + callId + "/notes/" + noteId).status()).isEqualTo(404);
		assertThat(admin().get(API + "calls/" + callId + "/notes").json().get("items")).isEmpty();
		assertThat(category(admin().get(API + "subjects/" + subjectId + "/overview").json(), "call_notes"))
			.as("gone from the subject 360 and so from every export built on it")
			.isNull();
		assertThat(this.jdbc.sql("SELECT count(*) FROM call_note WHERE id = :id")
			.param("id", UUID.fromString(noteId))
			.query(Long.class)
			.single()).as("deleted, not hidden").isZero();
		assertThat(client.delete(API + "calls/" + callId + "/notes/" + noteId).status()).isEqualTo(404);
		assertThat(admin().get(API + "calls/" + callId).status()).as("the call itself stays").isEqualTo(200);
		assertThat(this.jdbc
			.sql("SELECT actor_role FROM audit_event WHERE action = 'call_note.delete' AND controller_id = :c "
					+ "AND :id = ANY (target_ids)")
			.param("c", ServiceTests.CLIENT)
			.param("id", noteId)
			.query(String.class)
			.list()).as("the deletion is on the audit log, by its id only").containsExactly("CLIENT_USER");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE action = 'call_log.read' AND :id = ANY (target_ids)")
			.param("id", callId)
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void aClientUserSeesItsOwnCallLogAndNothingElse() {
		admin().postJson(API + "calls",
				json("callerName", "Sara Villa", "number", "+39 347 333 4455", "calledAt", "2024-07-01T07:00:00Z"));
		Http client = Http.token(this.port, ServiceTests.clientUserToken(this.port, "rossi-reader"));
		Http.Response own = client.get(API + "calls?number=%2B393473334455");
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(own.json().get("items")).hasSize(1);
		String callId = own.json().at("/items/0/id").asString();
		assertThat(client.get(API + "calls/" + callId).status()).isEqualTo(200);
		assertThat(client.get(API + "calls/" + callId + "/notes").status()).isEqualTo(200);

		assertThat(client.get("/api/v1/controllers/mysegretaria/calls").status())
			.as("the processor's own data are another controller's")
			.isEqualTo(404);
		assertThat(client.get("/api/v1/controllers/ipkom/calls").status()).isEqualTo(404);
		assertThat(
				client.postJson(API + "calls", json("number", "+39 347 333 4455", "calledAt", "2024-07-01T08:00:00Z"))
					.status())
			.as("the client reads the log; the receptionist writes it")
			.isEqualTo(403);
		assertThat(client.postJson(API + "calls/" + callId + "/notes", json("note", "x")).status()).isEqualTo(403);
		assertThat(client.get(API + "subjects").status()).isEqualTo(403);

		Staff.Created user = Staff.create(this.port, "rossi-browser", java.util.List.of("client_user"),
				java.util.List.of(ServiceTests.CLIENT));
		Http session = Http.session(this.port);
		session.login(user.username(), user.password());
		assertThat(session.get(API + "calls").status()).as("signed in through the console").isEqualTo(200);
		assertThat(session.get("/api/v1/controllers/nanosystems/calls").status()).isEqualTo(404);
	}

}
