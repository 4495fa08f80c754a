package io.tutela.portal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Browser;
import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People of every provider use the portal in Chromium: sign in with the code from the
 * built-in mailbox, send a request with their identity document, and, once the operator
 * (through the API) has verified their identity and executed it, see it answered and
 * download the access zip; they change a consent; the pages work at 390 px wide.
 */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTest {

	/** Every shipped provider: each one's policy accepts requests through the portal. */
	static final List<String> PROVIDERS = List.of("conecto", "connext", "ipkom", "mysegretaria",
			"mysegretaria-studio-rossi", "nanosystems");

	/**
	 * The types of request executed end to end besides access, each for the providers
	 * whose policy offers it.
	 */
	static final List<String> TYPES = List.of("restriction", "rectification", "erasure", "portability", "objection",
			"consent_withdrawal", "directory_removal");

	@LocalServerPort
	int port;

	Browser browser;

	@BeforeAll
	void openBrowser() {
		this.browser = Browser.open(this.port);
	}

	@AfterAll
	void closeBrowser() {
		this.browser.close();
	}

	@AfterEach
	void forget() {
		this.browser.driver().manage().deleteAllCookies();
		this.browser.driver().manage().window().setSize(new Dimension(1280, 1600));
	}

	/** The request types the provider's shipped policy offers. */
	static List<String> offered(String controllerId) {
		try {
			String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("policies", controllerId + ".yaml"));
			return io.tutela.policy.PolicyReader.read(controllerId + ".yaml", yaml)
				.rights()
				.offered()
				.stream()
				.map((r) -> r.name().toLowerCase(java.util.Locale.ROOT))
				.toList();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static Stream<String> providers() {
		return PROVIDERS.stream();
	}

	static Stream<Arguments> providersAndTypes() {
		List<Arguments> all = new ArrayList<>();
		for (String p : PROVIDERS) {
			List<String> offered = offered(p);
			TYPES.stream().filter(offered::contains).forEach((t) -> all.add(Arguments.of(p, t)));
		}
		return all.stream();
	}

	@ParameterizedTest
	@MethodSource("providers")
	void aDemoSubjectGetsTheirAccessRequestAnsweredAndDownloadsTheZip(String controllerId) throws Exception {
		Person person = demoPerson(controllerId);
		signIn(controllerId, person.email(), "en");
		String requestId = submit(controllerId, "access", person.identifier());
		this.browser.screenshot("portal-" + controllerId + "-access-received");

		operatorAnswers(controllerId, requestId);
		this.browser.driver().navigate().refresh();
		assertThat(this.browser.waitFor("#request-state").getText()).isEqualTo("answered");
		String href = this.browser.find("#download-result").getAttribute("href");
		HttpResponse<byte[]> zip = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(href))
				.header("Cookie", "JSESSIONID=" + session().getValue())
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(zip.statusCode()).isEqualTo(200);
		List<String> entries = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries.add(e.getName());
			}
		}
		assertThat(entries).isNotEmpty();
		this.browser.screenshot("portal-" + controllerId + "-access-answered");

		// the person's own list shows the request answered
		this.browser.find("#nav-requests").click();
		assertThat(this.browser.waitFor("#requests").getText()).contains("Access (art. 15)", "answered");
	}

	@ParameterizedTest
	@MethodSource("providersAndTypes")
	void aRequestOfEachTypeRunsEndToEnd(String controllerId, String type) throws Exception {
		String email = "portal." + type + "." + controllerId + "@example.org";
		registered(controllerId, email);
		signIn(controllerId, email, "it");
		String requestId = submit(controllerId, type, null);
		assertThat(this.browser.text("#request-state")).isEqualTo("ricevuta");
		operatorAnswers(controllerId, requestId);
		this.browser.driver().navigate().refresh();
		assertThat(this.browser.waitFor("#request-state").getText()).isEqualTo("evasa");
		assertThat(this.browser.all("#timeline li")).hasSizeGreaterThanOrEqualTo(4);
	}

	@Test
	void aPersonChangesAConsentOnAPhone() {
		this.browser.driver().manage().window().setSize(new Dimension(390, 844));
		signIn("conecto", demoPerson("conecto").email(), "it");
		assertThat(fitsTheScreen()).as("no page wider than the phone").isTrue();
		this.browser.find("#nav-consents").click();
		this.browser.waitFor("#consents");
		assertThat(fitsTheScreen()).isTrue();
		this.browser.screenshot("portal-consents-phone");
		// conecto.yaml: marketing by e-mail
		String object = "#consent-marketing-email-objected";
		this.browser.find(object).sendKeys(Keys.ENTER);
		assertThat(this.browser.waitFor("#done").getText()).isEqualTo("La tua opposizione è stata registrata.");
		assertThat(this.browser.text("#consent-marketing-email .state")).isEqualTo("opposizione registrata");
		assertThat(this.browser.all(object)).isEmpty();
		this.browser.find("#lang-en").click();
		assertThat(this.browser.waitFor("h1").getText()).isEqualTo("Your consents");
		assertThat(this.browser.text("#consent-marketing-email .state")).isEqualTo("objection recorded");
		this.browser.screenshot("portal-consents-phone-en");

		this.browser.find("#nav-new").click();
		this.browser.waitFor("#request-form");
		assertThat(fitsTheScreen()).isTrue();
		// every control has a label
		for (String id : List.of("type", "requester-subject", "requester-delegate", "delegateName", "details",
				"identityDocument", "proxy", "delegateDocument")) {
			assertThat(this.browser.all("label[for='" + id + "']")).as(id).hasSize(1);
		}
		this.browser.screenshot("portal-new-request-phone");
		this.browser.find("#sign-out").click();
		assertThat(this.browser.waitFor("#signed-out").getText()).isEqualTo("You have signed out.");
	}

	/** Signs in through the pages, with the code read from the built-in mailbox. */
	private void signIn(String controllerId, String email, String lang) {
		this.browser.go("/portal?lang=" + lang);
		this.browser.find("#provider-" + controllerId).click();
		this.browser.waitFor("#email").sendKeys(email);
		this.browser.find("#send-code").click();
		this.browser.waitFor("#code");
		this.browser.find("#code").sendKeys(PortalTests.newestCode(this.port, controllerId, email).code());
		this.browser.find("#sign-in").click();
		this.browser.waitForUrl("/portal/" + controllerId + "/requests");
		assertThat(this.browser.text("h1")).isEqualTo("en".equals(lang) ? "Your requests" : "Le tue richieste");
	}

	/** Sends a request of the type with an identity document; returns its id. */
	private String submit(String controllerId, String type, @Nullable String identifier) throws IOException {
		this.browser.find("#new-request").click();
		new Select(this.browser.waitFor("#type")).selectByValue(type);
		if (identifier != null) {
			this.browser.find("#identifier").sendKeys(identifier);
		}
		this.browser.find("#details").sendKeys("Richiesta dal portale");
		this.browser.find("#identityDocument").sendKeys(file("carta-identita.pdf"));
		this.browser.find("#submit-request").click();
		String url = this.browser.waitForUrl("done=received");
		assertThat(this.browser.all("#proofs li")).hasSize(1);
		return url.replaceAll(".*/requests/([0-9a-f-]{36}).*", "$1");
	}

	/** The operator verifies the requester's identity and executes the request. */
	private void operatorAnswers(String controllerId, String requestId) {
		Http admin = Http.admin(this.port);
		String path = "/api/v1/controllers/" + controllerId + "/requests/" + requestId;
		JsonNode request = admin.get(path).json();
		assertThat(request.get("channel").asString()).isEqualTo("portal");
		Http.Response verified = admin.postJson(path + "/verify-identity", Map.of());
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		Http.Response executed = admin.post(path + "/execute", "application/json", "");
		assertThat(executed.status()).as(executed.body()).isEqualTo(200);
		assertThat(executed.json().get("state").asString()).isEqualTo("answered");
	}

	/**
	 * A demo person: the address and, when the controller does not know it, the
	 * identifier by which it knows them.
	 */
	record Person(String email, @Nullable String identifier) {
	}

	/**
	 * A demo subject of the controller whose e-mail address names only them; or, where
	 * the controller knows its subjects only by their numbers (a firm's callers), one of
	 * them with an address of their own, naming their number.
	 */
	private Person demoPerson(String controllerId) {
		Http admin = Http.admin(this.port);
		JsonNode subjects = admin.get("/api/v1/controllers/" + controllerId + "/subjects?size=100").json();
		String phone = null;
		for (JsonNode s : subjects.get("items")) {
			if (s.get("restricted").asBoolean()) {
				continue;
			}
			String email = text(s, "email");
			if (email != null && admin.get("/api/v1/controllers/" + controllerId + "/subjects?q=" + email)
				.json()
				.get("items")
				.size() == 1) {
				return new Person(email, null);
			}
			if (phone == null && text(s, "phone") != null) {
				phone = text(s, "phone");
			}
		}
		assertThat(phone).as("a demo subject of " + controllerId + " with an address or a number").isNotNull();
		return new Person("caller." + controllerId + "@example.org", phone);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private void registered(String controllerId, String email) {
		Http.Response created = Http.admin(this.port)
			.postJson("/api/v1/controllers/" + controllerId + "/subjects", Map.of("customerCode",
					"PB-" + Math.abs(email.hashCode()), "givenName", "Lia", "familyName", "Portale", "email", email));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private Cookie session() {
		Cookie cookie = this.browser.driver().manage().getCookieNamed("JSESSIONID");
		assertThat(cookie).isNotNull();
		return cookie;
	}

	private boolean fitsTheScreen() {
		Object wide = this.browser.driver()
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
		return Boolean.TRUE.equals(wide);
	}

	private static String file(String name) throws IOException {
		Path file = Files.createTempDirectory("tutela-portal").resolve(name);
		Files.writeString(file, "%PDF-1.4 test document " + name);
		return file.toAbsolutePath().toString();
	}

}
