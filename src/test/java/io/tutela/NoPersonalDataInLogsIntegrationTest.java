package io.tutela;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a representative flow with known personal values (names, user names, passwords,
 * tokens, values that fail validation) and fails if any of them reaches the application's
 * log output.
 */
@TutelaIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsIntegrationTest {

	static final String NAME = "Ermenegilda Quartararo";

	static final String USERNAME = "ermenegilda.quartararo";

	static final String WRONG_PASSWORD = "Quartararo-wrong-1987";

	@LocalServerPort
	int port;

	@Test
	void personalValuesNeverReachTheLog(CapturedOutput output) {
		Http admin = Http.admin(this.port);
		Http.Response created = admin.postJson("/api/v1/accounts", Map.of("username", USERNAME, "displayName", NAME,
				"roles", List.of("operator"), "controllers", List.of("ipkom")));
		assertThat(created.status()).isEqualTo(201);
		String temporary = created.json().get("temporaryPassword").asString();

		Http.Response duplicate = admin.postJson("/api/v1/accounts", Map.of("username", USERNAME, "displayName", NAME,
				"roles", List.of("operator"), "controllers", List.of("ipkom")));
		assertThat(duplicate.status()).isEqualTo(400);
		Http.Response unreadable = admin.post("/api/v1/accounts", "application/json",
				"{\"username\": \"" + USERNAME + "\", \"roles\": \"" + NAME + "\"");
		assertThat(unreadable.status()).isEqualTo(400);

		Http session = Http.session(this.port);
		session.submit("/login", "/login", Map.of("username", USERNAME, "password", WRONG_PASSWORD));
		session.login(USERNAME, temporary);
		Http.Response token = session.submit("/account", "/account/tokens", Map.of("name", NAME, "validityDays", "10"));
		String secret = token.body().replaceAll("(?s).*id=\"new-token\">(tut_[^<]+)<.*", "$1");
		assertThat(secret).startsWith("tut_");
		Http.token(this.port, secret).get("/api/v1/me");
		Http.token(this.port, secret + "x").get("/api/v1/me");

		String policy = "format: tutela/policy/v1\ncontroller:\n  id: ipkom\n  name: " + NAME + "\n";
		assertThat(admin.post("/api/v1/controllers/ipkom/policy", "application/yaml", policy).status()).isEqualTo(422);

		assertThat(output.getAll()).doesNotContain(NAME, USERNAME, WRONG_PASSWORD, temporary, temporary + "-own",
				secret, "Quartararo");
	}

}
