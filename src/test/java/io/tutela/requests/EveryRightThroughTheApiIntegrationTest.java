package io.tutela.requests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;
import io.tutela.policy.Policy;
import io.tutela.policy.PolicyReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request of every type each shipped provider's policy offers runs end to end through
 * the API for one of its demo subjects: received on a channel the policy accepts, the
 * identity verified with a document, executed and answered, with what each type does
 * checked where the API shows it (the portal does the same in {@code PortalBrowserTest}).
 */
@TutelaIntegrationTest
class EveryRightThroughTheApiIntegrationTest {

	/** Every shipped provider. */
	static final List<String> PROVIDERS = List.of("conecto", "connext", "ipkom", "mysegretaria",
			"mysegretaria-studio-rossi", "nanosystems");

	/** The types Tutela executes, each given its own demo subject (by position). */
	static final List<String> TYPES = List.of("access", "restriction", "rectification", "erasure", "portability",
			"objection", "consent_withdrawal", "directory_removal");

	@LocalServerPort
	int port;

	static Policy policy(String controllerId) {
		try {
			return PolicyReader.read(controllerId + ".yaml",
					Files.readString(Path.of("policies", controllerId + ".yaml")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Stream<Arguments> providersAndTypes() {
		List<Arguments> all = new ArrayList<>();
		for (String p : PROVIDERS) {
			List<String> offered = policy(p).rights()
				.offered()
				.stream()
				.map((r) -> r.name().toLowerCase(Locale.ROOT))
				.toList();
			TYPES.stream().filter(offered::contains).forEach((t) -> all.add(Arguments.of(p, t)));
		}
		return all.stream();
	}

	/**
	 * A channel the policy accepts a request on without more ado: e-mail, the portal, or
	 * another written one.
	 */
	static String channel(String controllerId) {
		List<Policy.RequestChannel> accepted = policy(controllerId).rights().channels();
		return Stream
			.of(Policy.RequestChannel.EMAIL, Policy.RequestChannel.PORTAL, Policy.RequestChannel.PEC,
					Policy.RequestChannel.REGISTERED_MAIL, Policy.RequestChannel.COUNTER)
			.filter(accepted::contains)
			.findFirst()
			.map((c) -> c.name().toLowerCase(Locale.ROOT))
			.orElseThrow();
	}

	/** The demo subject given to the type: the n-th of the controller's, unrestricted. */
	String demoSubject(String controllerId, String type) {
		JsonNode items = Http.admin(this.port)
			.get("/api/v1/controllers/" + controllerId + "/subjects?size=100")
			.json()
			.get("items");
		assertThat(items.size()).as("demo subjects of " + controllerId).isGreaterThanOrEqualTo(TYPES.size() * 2);
		// every type its own subject, away from the first ones other tests use
		return items.get(items.size() - 1 - TYPES.indexOf(type)).get("id").asString();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("providersAndTypes")
	void aRequestOfEveryOfferedTypeIsAnsweredForADemoSubject(String controllerId, String type) throws IOException {
		Http admin = Http.admin(this.port);
		String subject = demoSubject(controllerId, type);
		String path = RequestTests.executed(admin, controllerId,
				Map.of("type", type, "subject", subject, "channel", channel(controllerId)),
				Map.of("proofs", List.of(RequestTests.proof("identity_document", "carta d'identità"))));

		JsonNode request = admin.get(path).json();
		assertThat(request.get("state").asString()).isEqualTo("answered");
		assertThat(request.get("events")).extracting((e) -> e.get("kind").asString())
			.containsSubsequence("received", "identity_verified", "in_progress", "answered");
		String answer = request.get("events").get(request.get("events").size() - 1).get("reason").asString("");
		switch (type) {
			case "access", "portability" -> {
				Map<String, String> zip = RequestApiIntegrationTest.unzip(admin.get(path + "/result").bytes());
				assertThat(zip).containsKey("data.json");
			}
			case "restriction" -> assertThat(admin.get("/api/v1/controllers/" + controllerId + "/subjects/" + subject)
				.json()
				.get("restricted")
				.asBoolean()).isTrue();
			case "erasure" -> {
				assertThat(answer).startsWith("erased: ");
				Http.Response after = admin.get("/api/v1/controllers/" + controllerId + "/subjects/" + subject);
				assertThat(after.status() == 404 || after.json().get("restricted").asBoolean())
					.as("gone, or kept restricted: " + answer)
					.isTrue();
			}
			case "objection" -> assertThat(answer).matches("consent ledger, objected: .+|nothing to record.*");
			case "consent_withdrawal" ->
				assertThat(answer).matches("consent ledger, withdrawn: .+|nothing to record.*");
			case "directory_removal" -> assertThat(answer).startsWith("directory removal; notified: ");
			default -> assertThat(answer).startsWith("notified: ");
		}
	}

}
