package io.tutela;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests against the running application: with an API token, with
 * a logged-in console session (cookies and CSRF tokens), or anonymous.
 */
public final class Http {

	/** The bootstrap token every integration test run registers for the administrator. */
	public static final String BOOTSTRAP_TOKEN = "tut_integration-tests-bootstrap-token-000000000001";

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client;

	private final String base;

	private final @Nullable String token;

	private final boolean browser;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private Http(int port, @Nullable String token, boolean cookies) {
		HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
		if (cookies) {
			builder.cookieHandler(new CookieManager());
		}
		this.client = builder.build();
		this.base = "http://localhost:" + port;
		this.token = token;
		this.browser = cookies;
	}

	/**
	 * The administrator's API client (all roles an administrator has, every controller).
	 */
	public static Http admin(int port) {
		return new Http(port, BOOTSTRAP_TOKEN, false);
	}

	public static Http token(int port, String token) {
		return new Http(port, token, false);
	}

	public static Http anonymous(int port) {
		return new Http(port, null, false);
	}

	/** Sends the header with every request from now on (once more replaces it). */
	public Http header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/** A browser-like client with its own cookies, not yet logged in. */
	public static Http session(int port) {
		return new Http(port, null, true);
	}

	public Response get(String path) {
		return send(request(path).GET().build());
	}

	public Response post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public Response postJson(String path, Object body) {
		return post(path, "application/json", JSON.writeValueAsString(body));
	}

	public Response put(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
	}

	public Response delete(String path) {
		return send(request(path).DELETE().build());
	}

	/**
	 * Uploads the shipped policy of {@code provider} ({@code policies/<provider>.yaml})
	 * as the policy of a new controller {@code id}.
	 */
	public Response shippedPolicy(String provider, String id) {
		try {
			String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("policies", provider + ".yaml"))
				.replaceFirst("(?m)^  id: " + provider + "$", "  id: " + id);
			return post("/api/v1/controllers/" + id + "/policy", "application/yaml", yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Submits a console form: fetches the page for its CSRF token, then posts the fields.
	 */
	public Response submit(String pagePath, String actionPath, Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		Matcher csrf = CSRF.matcher(get(pagePath).body());
		if (csrf.find()) {
			all.put("_csrf", csrf.group(1));
		}
		String form = all.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return post(actionPath, "application/x-www-form-urlencoded", form);
	}

	/** Submits a console form with a file (multipart), with the page's CSRF token. */
	public Response upload(String pagePath, String actionPath, Map<String, String> fields, String fileField,
			String fileName, String content) {
		Matcher csrf = CSRF.matcher(get(pagePath).body());
		String boundary = "----tutela" + System.nanoTime();
		StringBuilder body = new StringBuilder();
		Map<String, String> all = new LinkedHashMap<>(fields);
		if (csrf.find()) {
			all.put("_csrf", csrf.group(1));
		}
		all.forEach((name, value) -> body.append("--")
			.append(boundary)
			.append("\r\n")
			.append("Content-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(value)
			.append("\r\n"));
		body.append("--")
			.append(boundary)
			.append("\r\n")
			.append("Content-Disposition: form-data; name=\"")
			.append(fileField)
			.append("\"; filename=\"")
			.append(fileName)
			.append("\"\r\nContent-Type: text/csv\r\n\r\n")
			.append(content)
			.append("\r\n")
			.append("--")
			.append(boundary)
			.append("--\r\n");
		return post(actionPath, "multipart/form-data; boundary=" + boundary, body.toString());
	}

	/**
	 * Logs in through the console's form; a temporary password is replaced by
	 * {@code password +
	 * "-own"}. Returns the page the login ends on.
	 */
	public Response login(String username, String password) {
		Response response = submit("/login", "/login", Map.of("username", username, "password", password));
		if (response.location().endsWith("/login/password")) {
			String own = password + "-own";
			response = submit("/login/password", "/login/password", Map.of("newPassword", own, "confirmation", own));
		}
		return response;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		this.headers.forEach(builder::header);
		if (this.browser && !path.startsWith("/api/")) {
			builder.header("Accept", "text/html,application/xhtml+xml");
		}
		return builder;
	}

	public Response send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(""), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String contentType, String location, byte[] bytes,
			Map<String, List<String>> headers) {

		public String header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of())
				.stream()
				.findFirst()
				.orElse("");
		}

		public String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(this.bytes);
		}

	}

}
