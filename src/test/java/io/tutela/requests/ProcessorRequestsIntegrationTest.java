package io.tutela.requests;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor (MySegretaria) receives a request about a caller of its client (Studio
 * Rossi): it forwards it to the client, who receives it as its own, counted from the
 * first receipt, and instructs its execution; the client's users follow it.
 */
@TutelaIntegrationTest
class ProcessorRequestsIntegrationTest {

	static final String PROCESSOR = "mysegretaria";

	static final String CLIENT = "mysegretaria-studio-rossi";

	@LocalServerPort
	int port;

	Http admin() {
		return Http.admin(this.port);
	}

	String received(String controllerId, String subject) {
		Http.Response created = admin().postJson("/api/v1/controllers/" + controllerId + "/requests", Map.of("type",
				"access", "subject", subject, "channel", "email", "details", "Quali dati avete su di me?"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	@Test
	void theProcessorForwardsTheRequestAndTheClientInstructsIt() {
		JsonNode callers = admin().get("/api/v1/controllers/" + CLIENT + "/subjects?size=20").json().get("items");
		String phone = null;
		for (JsonNode s : callers) {
			if (s.hasNonNull("phone")) {
				phone = s.get("phone").asString();
				break;
			}
		}
		assertThat(phone).as("a demo caller of the client").isNotNull();
		String original = received(PROCESSOR, phone);
		String path = "/api/v1/controllers/" + PROCESSOR + "/requests/" + original;
		JsonNode first = admin().get(path).json();

		Http.Response forwarded = admin().postJson(path + "/forward", Map.of("client", CLIENT));
		assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
		assertThat(forwarded.json().get("state").asString()).isEqualTo("answered");
		String reason = forwarded.json().get("events").toString();
		java.util.regex.Matcher id = java.util.regex.Pattern
			.compile("forwarded to the client controller " + CLIENT + " as its request ([0-9a-f-]{36})")
			.matcher(reason);
		assertThat(id.find()).as(reason).isTrue();

		// the client's request: its own, from the first receipt, naming the processor's
		String clientPath = "/api/v1/controllers/" + CLIENT + "/requests/" + id.group(1);
		JsonNode atClient = admin().get(clientPath).json();
		assertThat(atClient.get("state").asString()).isEqualTo("received");
		assertThat(atClient.get("receivedAt").asString()).isEqualTo(first.get("receivedAt").asString());
		assertThat(atClient.get("dueOn").asString()).isEqualTo(first.get("dueOn").asString());
		assertThat(atClient.get("subjectId").isNull()).as("the caller is found at the client").isFalse();
		assertThat(atClient.get("details").asString()).contains("Forwarded by the processor " + PROCESSOR)
			.contains("Quali dati avete su di me?");

		// the client instructs: it verifies and executes on the data it controls
		Http.Response verified = admin().postJson(clientPath + "/verify-identity",
				RequestTests.json("proofs", List.of(RequestTests.proof("identity_document", "carta d'identità"))));
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		assertThat(admin().postJson(clientPath + "/execute", Map.of()).status()).isEqualTo(200);

		// the client's own user follows it; the processor's request stays closed
		Staff.Created user = Staff.create(this.port, "client.rossi." + System.nanoTime(), List.of("client_user"),
				List.of(CLIENT));
		Http session = Http.session(this.port);
		session.login(user.username(), user.password());
		assertThat(session.get(clientPath).json().get("state").asString()).isEqualTo("answered");
		assertThat(admin().postJson(path + "/forward", Map.of("client", CLIENT)).json().get("type").asString())
			.isEqualTo("urn:tutela:problem:request-closed");
	}

	@Test
	void onlyAClientThatNamesTheProcessorAndOnlyAProcessorThatSaysSo() {
		String atProcessor = received(PROCESSOR, "caller.unknown@example.org");
		Http.Response notAClient = admin().postJson(
				"/api/v1/controllers/" + PROCESSOR + "/requests/" + atProcessor + "/forward",
				Map.of("client", "conecto"));
		assertThat(notAClient.status()).isEqualTo(400);
		assertThat(notAClient.body()).contains("is not a client controller whose policy names mysegretaria");
		Http.Response none = admin()
			.postJson("/api/v1/controllers/" + PROCESSOR + "/requests/" + atProcessor + "/forward", Map.of());
		assertThat(none.status()).isEqualTo(400);
		assertThat(admin().get("/api/v1/controllers/" + PROCESSOR + "/requests/" + atProcessor)
			.json()
			.get("state")
			.asString()).as("nothing written of a refused forward").isEqualTo("received");

		String atConecto = received("conecto", "someone@example.org");
		Http.Response notAProcessor = admin().postJson("/api/v1/controllers/conecto/requests/" + atConecto + "/forward",
				Map.of("client", CLIENT));
		assertThat(notAProcessor.status()).isEqualTo(409);
		assertThat(notAProcessor.json().get("type").asString()).isEqualTo("urn:tutela:problem:request-not-forwardable");
	}

}
