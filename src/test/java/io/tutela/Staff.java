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

}
