package io.tutela.portal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.tutela.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the portal's tests: codes read from the built-in mailbox, forms posted. */
final class PortalTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

	private PortalTests() {
	}

	/** A code the outbox holds for the address: the newest, with its id. */
	record Code(String id, String code) {
	}

	/** The newest code mailed to the address for the controller's portal, if any. */
	static Code newestCode(int port, String controllerId, String email) {
		Code code = newestCodeOrNull(port, controllerId, email);
		assertThat(code).as("a code mailed to the address").isNotNull();
		return code;
	}

	static Code newestCodeOrNull(int port, String controllerId, String email) {
		Http.Response outbox = Http.admin(port).get("/api/v1/controllers/" + controllerId + "/outbox?size=200");
		assertThat(outbox.status()).as(outbox.body()).isEqualTo(200);
		for (JsonNode m : outbox.json().get("items")) {
			if (OneTimeCodes.MAILING_KIND.equals(m.get("kind").asString())
					&& email.equalsIgnoreCase(m.get("recipient").asString())) {
				Matcher digits = CODE.matcher(m.get("body").asString());
				assertThat(digits.find()).isTrue();
				return new Code(m.get("reference").asString(), digits.group(1));
			}
		}
		return null;
	}

	/** Asks for a code for the address; returns the answer to the request. */
	static Http.Response askCode(Http session, String controllerId, String email) {
		return session.submit("/portal/" + controllerId, "/portal/" + controllerId + "/code", Map.of("email", email));
	}

	/** Asks for a code for the address and returns the one mailed. */
	static Code askedCode(Http session, int port, String controllerId, String email) {
		askCode(session, controllerId, email);
		return newestCode(port, controllerId, email);
	}

	static Http.Response enterCode(Http session, String controllerId, String code) {
		return session.submit("/portal/" + controllerId + "/code", "/portal/" + controllerId + "/sign-in",
				Map.of("code", code));
	}

	/** Signs in to the controller's portal with the code mailed to the address. */
	static Http signIn(int port, String controllerId, String email) {
		Http session = Http.session(port);
		assertThat(askCode(session, controllerId, email).location()).endsWith("/portal/" + controllerId + "/code");
		Http.Response signed = enterCode(session, controllerId, newestCode(port, controllerId, email).code());
		assertThat(signed.location()).as(signed.body()).endsWith("/portal/" + controllerId + "/requests");
		return session;
	}

	/**
	 * Posts a multipart form of the portal with the page's CSRF token: fields, and files
	 * by field name (file name and content).
	 */
	static Http.Response multipart(Http session, int port, String pagePath, String actionPath,
			Map<String, String> fields, Map<String, String[]> files) {
		Matcher csrf = CSRF.matcher(session.get(pagePath).body());
		Map<String, String> all = new LinkedHashMap<>(fields);
		if (csrf.find()) {
			all.put("_csrf", csrf.group(1));
		}
		String boundary = "----tutela" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		all.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n"));
		files.forEach((name, file) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"; filename=\"" + file[0] + "\"\r\nContent-Type: application/pdf\r\n\r\n" + file[1] + "\r\n"));
		write(body, "--" + boundary + "--\r\n");
		return session.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + actionPath))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The id of the request a portal submission redirected to. */
	static String requestId(Http.Response submitted) {
		Matcher id = Pattern.compile("/requests/([0-9a-f-]{36})\\?done=received").matcher(submitted.location());
		assertThat(id.find()).as(submitted.status() + " " + submitted.location() + " " + submitted.body()).isTrue();
		return id.group(1);
	}

}
