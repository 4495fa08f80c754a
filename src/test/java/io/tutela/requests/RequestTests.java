package io.tutela.requests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.tutela.Http;
import io.tutela.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the rights-request tests. */
final class RequestTests {

	private RequestTests() {
	}

	static Map<String, Object> json(Object... namesAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return map;
	}

	static Map<String, Object> proof(String kind, String content) {
		return json("kind", kind, "name", kind + ".pdf", "contentType", "application/pdf", "content",
				Base64.getEncoder().encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	static List<String> fields(Http.Response response) {
		List<String> fields = new ArrayList<>();
		for (JsonNode e : response.json().get("errors")) {
			fields.add(e.get("field").asString());
		}
		return fields;
	}

	/** An API token of a new staff member with one role, created as the person would. */
	static String token(int port, String username, String role, List<String> controllers) {
		Staff.Created user = Staff.create(port, username, List.of(role.toLowerCase(java.util.Locale.ROOT)),
				controllers);
		Http session = Http.session(port);
		session.login(user.username(), user.password());
		Http.Response page = session.submit("/account", "/account/tokens",
				Map.of("name", "api", "validityDays", "30", "roles", role));
		Matcher token = Pattern.compile("id=\"new-token\">(tut_[^<]+)<").matcher(page.body());
		assertThat(token.find()).as(page.body()).isTrue();
		return token.group(1);
	}

	/** A new subject of the controller, registered through the API; returns its id. */
	static String subject(Http admin, String controllerId, String customerCode, String email) {
		Http.Response created = admin.postJson("/api/v1/controllers/" + controllerId + "/subjects",
				json("customerCode", customerCode, "givenName", "Anna", "familyName", "Bianchi", "email", email));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/**
	 * The test fixture's policy uploaded as the controller's, under its id and edited for
	 * the test, unless the controller has one already.
	 */
	static void controller(Http admin, String controllerId, UnaryOperator<String> edit) {
		if (admin.get("/api/v1/controllers/" + controllerId + "/policy").status() == 200) {
			return;
		}
		try (InputStream in = RequestTests.class.getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			String yaml = edit
				.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("acme-test", controllerId));
			Http.Response uploaded = admin.post("/api/v1/controllers/" + controllerId + "/policy", "application/yaml",
					yaml);
			assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A request received by e-mail and its identity verified (with the documents given);
	 * returns its API path.
	 */
	static String verified(Http admin, String controllerId, Map<String, Object> request, Object verification) {
		Map<String, Object> body = new LinkedHashMap<>(request);
		body.putIfAbsent("channel", "email");
		Http.Response created = admin.postJson("/api/v1/controllers/" + controllerId + "/requests", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String path = "/api/v1/controllers/" + controllerId + "/requests/" + created.json().get("id").asString();
		Http.Response verified = admin.postJson(path + "/verify-identity", verification);
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		return path;
	}

	/**
	 * A request received by e-mail, its identity verified (with the documents given) and
	 * executed, answered; returns its API path.
	 */
	static String executed(Http admin, String controllerId, Map<String, Object> request, Object verification) {
		String path = verified(admin, controllerId, request, verification);
		Http.Response done = admin.postJson(path + "/execute", Map.of());
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.json().get("state").asString()).isEqualTo("answered");
		return path;
	}

}
