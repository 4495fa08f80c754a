package io.tutela.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every operation of the OpenAPI document, so that endpoints added later are
 * covered without anyone remembering: anonymous calls get 401, a user of another
 * controller 404, and no endpoint is open to every role unless it is meant to be.
 */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessIntegrationTest {

	static final String OWN = "ipkom";

	static final String OTHER = "conecto";

	/**
	 * The operations every staff role may call: reading policies and notices, and one's
	 * own account.
	 */
	static final Set<String> OPEN_TO_EVERY_ROLE = Set.of("GET /api/v1/controllers",
			"GET /api/v1/controllers/{controllerId}/policy", "GET /api/v1/controllers/{controllerId}/policy/versions",
			"GET /api/v1/controllers/{controllerId}/policy/versions/{version}",
			"GET /api/v1/controllers/{controllerId}/policy/diff", "GET /api/v1/controllers/{controllerId}/notice",
			"GET /api/v1/controllers/{controllerId}/notice.pdf", "GET /api/v1/controllers/{controllerId}/register",
			"GET /api/v1/controllers/{controllerId}/register.csv",
			"GET /api/v1/controllers/{controllerId}/register.pdf", "GET /api/v1/me", "GET /api/v1/me/tokens",
			"POST /api/v1/me/tokens", "DELETE /api/v1/me/tokens/{id}");

	/**
	 * The operations anyone may call: the providers' public keys for checking answers.
	 */
	static final Set<String> PUBLIC = Set.of("GET /api/v1/justice/{controllerId}/signing-key");

	@LocalServerPort
	int port;

	@Autowired
	StaffAccounts staff;

	@Autowired
	ApiTokens tokens;

	final Map<Role, String> roleTokens = new HashMap<>();

	String allRolesOfOwn;

	List<Operation> operations;

	record Operation(String method, String path) {

		String key() {
			return this.method + " " + this.path;
		}

		boolean controllerScoped() {
			return this.path.contains("{controllerId}");
		}

		String url(String controllerId) {
			return this.path.replace("{controllerId}", controllerId)
				.replace("{version}", "1")
				.replace("{id}", UUID.randomUUID().toString())
				.replaceAll("\\{[^}]+}", "x");
		}

	}

	String token(String username, Set<Role> roles, String controller) {
		Account account = this.staff.create(username, "Walker " + username, roles, false, Set.of(controller)).account();
		return this.tokens.create(account, "walk", roles, false, Set.of(controller), Duration.ofDays(1)).secret();
	}

	@BeforeAll
	void prepare() {
		for (Role role : Role.values()) {
			this.roleTokens.put(role, token("walk-" + role.key().replace('_', '-'), EnumSet.of(role), OWN));
		}
		this.allRolesOfOwn = token("walk-all-roles", EnumSet.allOf(Role.class), OWN);
		JsonNode api = Http.anonymous(this.port).get("/v3/api-docs").json();
		this.operations = new ArrayList<>();
		api.get("paths")
			.properties()
			.forEach((entry) -> entry.getValue()
				.propertyNames()
				.forEach((method) -> this.operations.add(new Operation(method.toUpperCase(), entry.getKey()))));
	}

	Http.Response call(Http http, Operation operation, String controllerId) {
		String url = operation.url(controllerId);
		return switch (operation.method()) {
			case "GET" -> http.get(url);
			case "DELETE" -> http.delete(url);
			case "PUT" -> http.put(url, Map.of());
			default -> http.post(url, "application/json", "{}");
		};
	}

	@Test
	void theWalkCoversTheApi() {
		assertThat(this.operations).extracting(Operation::key)
			.contains("GET /api/v1/controllers", "POST /api/v1/controllers/{controllerId}/policy",
					"POST /api/v1/accounts", "POST /api/v1/me/tokens");
		assertThat(this.operations).filteredOn(Operation::controllerScoped).hasSizeGreaterThan(8);
	}

	@Test
	void everyOperationRefusesAnonymousCallsWith401() {
		Http anonymous = Http.anonymous(this.port);
		for (Operation operation : this.operations) {
			if (PUBLIC.contains(operation.key())) {
				continue;
			}
			Http.Response response = call(anonymous, operation, OWN);
			assertThat(response.status()).as(operation.key()).isEqualTo(401);
			assertThat(response.contentType()).as(operation.key()).startsWith("application/problem+json");
		}
	}

	@Test
	void everyOperationOfAControllerIsNotFoundForAUserOfAnotherController() {
		Http user = Http.token(this.port, this.allRolesOfOwn);
		for (Operation operation : this.operations) {
			if (!operation.controllerScoped() || PUBLIC.contains(operation.key())) {
				continue;
			}
			Http.Response other = call(user, operation, OTHER);
			assertThat(other.status()).as(operation.key() + " on another controller").isEqualTo(404);
			assertThat(other.json().get("detail").asString()).as(operation.key())
				.isEqualTo("controller '" + OTHER + "' not found");
			Http.Response missing = call(user, operation, "no-such-controller");
			assertThat(missing.body()).as("the same answer as for a controller that does not exist")
				.isEqualTo(other.body().replace(OTHER, "no-such-controller"));
		}
	}

	@Test
	void everyOperationNotMeantForEveryRoleRefusesSomeRoleWith403() {
		Set<String> openToAll = new TreeSet<>();
		for (Operation operation : this.operations) {
			boolean someoneRefused = false;
			for (Role role : Role.values()) {
				Http.Response response = call(Http.token(this.port, this.roleTokens.get(role)), operation, OWN);
				if (response.status() == 401 && role == Role.JUDICIAL_LIAISON
						&& operation.path().contains("/legal-orders")) {
					// the walker's token has no authenticator to give the vault's second
					// factor
					assertThat(response.json().get("type").asString()).endsWith("second-factor-required");
					continue;
				}
				assertThat(response.status()).as(operation.key() + " as " + role).isNotEqualTo(401);
				if (response.status() == 403) {
					someoneRefused = true;
					assertThat(response.json().get("type").asString()).isEqualTo("urn:tutela:problem:forbidden");
				}
			}
			if (!someoneRefused) {
				openToAll.add(operation.key());
			}
		}
		openToAll.removeAll(PUBLIC);
		assertThat(openToAll).as("operations open to every role").isSubsetOf(OPEN_TO_EVERY_ROLE);
	}

	@Test
	void aTokenActsOnlyWithItsOwnRolesAndControllers() {
		Http operator = Http.token(this.port, this.roleTokens.get(Role.OPERATOR));
		assertThat(operator.get("/api/v1/me").json().get("roles")).hasSize(1);
		assertThat(operator.post("/api/v1/controllers/" + OWN + "/policy", "application/yaml", "x").status())
			.as("an operator may not change the policy")
			.isEqualTo(403);
		assertThat(operator.get("/api/v1/controllers").json()).extracting((c) -> c.get("id").asString())
			.containsExactly(OWN);
		assertThat(Http.token(this.port, "tut_not-a-real-token-at-all-0000000000").get("/api/v1/me").status())
			.isEqualTo(401);
	}

	@Test
	void aTokenFollowsWhatItsOwnerMayDoAtEveryRequest() {
		Account owner = this.staff
			.create("walk-changing", "Walker changing", EnumSet.of(Role.DPO, Role.OPERATOR), false, Set.of(OWN, OTHER))
			.account();
		String secret = this.tokens
			.create(owner, "walk", EnumSet.of(Role.DPO, Role.OPERATOR), false, Set.of(OWN, OTHER), Duration.ofDays(1))
			.secret();
		Http token = Http.token(this.port, secret);
		JsonNode me = token.get("/api/v1/me").json();
		assertThat(me.get("roles")).hasSize(2);
		assertThat(token.get("/api/v1/controllers").json()).extracting((c) -> c.get("id").asString())
			.containsExactlyInAnyOrder(OWN, OTHER);

		// the owner loses a role and a controller: so does the token, at once
		this.staff.rescope(owner.id(), EnumSet.of(Role.OPERATOR), false, Set.of(OWN));
		assertThat(token.get("/api/v1/me").json().get("roles")).extracting(JsonNode::asString)
			.containsExactly(Role.OPERATOR.key());
		assertThat(token.get("/api/v1/controllers").json()).extracting((c) -> c.get("id").asString())
			.containsExactly(OWN);

		// a disabled owner's token opens nothing; enabled again, it does
		this.staff.enable(owner.id(), false);
		assertThat(token.get("/api/v1/me").status()).isEqualTo(401);
		this.staff.enable(owner.id(), true);
		assertThat(token.get("/api/v1/me").status()).isEqualTo(200);
	}

}
