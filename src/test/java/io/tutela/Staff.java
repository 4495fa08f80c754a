package io.tutela;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff accounts for tests, created through the accounts API as an administrator would.
 */
public final class Staff {

	private Staff() {
	}

	/** A new account and its temporary password. */
	public record Created(String id, String username, String password) {
	}

	public static Created create(int port, String username, List<String> roles, List<String> controllers) {
		Http.Response response = Http.admin(port)
			.postJson("/api/v1/accounts", Map.of("username", username, "displayName", "Test " + username, "roles",
					roles, "allControllers", controllers.isEmpty(), "controllers", controllers));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return new Created(response.json().at("/account/id").asString(), username,
				response.json().get("temporaryPassword").asString());
	}

	/** A personal API token of a new account with the given roles and controllers. */
	public static String token(int port, String username, List<String> roles, List<String> controllers) {
		Created created = create(port, username, roles, controllers);
		Http session = Http.session(port);
		session.login(created.username(), created.password());
		return tokenOf(session, roles, controllers);
	}

	static String tokenOf(Http session, List<String> roles, List<String> controllers) {
		Http.Response page = session.get("/account");
		assertThat(page.status()).as("the account page after login").isEqualTo(200);
		Http.Response response = session.submit("/account", "/account/tokens",
				Map.of("name", "test", "validityDays", "30"));
		assertThat(response.status()).isEqualTo(200);
		String body = response.body();
		int start = body.indexOf("tut_");
		assertThat(start).as("the page shows the new token once").isPositive();
		return body.substring(start, body.indexOf('<', start));
	}

}
