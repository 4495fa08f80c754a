package io.tutela.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.tutela.Http;
import io.tutela.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service records' tests share. */
final class ServiceTests {

	static final String CLIENT = "mysegretaria-studio-rossi";

	private ServiceTests() {
	}

	/** A JSON object from names and values in turn (values may be null). */
	static Map<String, Object> json(Object... namesAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return map;
	}

	/** The fields named by a problem's errors, as {@code field} or {@code line:field}. */
	static List<String> errors(Http.Response response) {
		List<String> fields = new ArrayList<>();
		for (JsonNode e : response.json().get("errors")) {
			fields.add((e.has("line") ? e.get("line").asLong() + ":" : "") + e.get("field").asString());
		}
		return fields;
	}

	/**
	 * An API token of a new user of the demo client controller, with the single role
	 * {@code client_user}, created through the console as the user would.
	 */
	static String clientUserToken(int port, String username) {
		Staff.Created user = Staff.create(port, username, List.of("client_user"), List.of(CLIENT));
		Http session = Http.session(port);
		session.login(user.username(), user.password());
		Http.Response page = session.submit("/account", "/account/tokens",
				Map.of("name", "portal", "validityDays", "30", "roles", "CLIENT_USER"));
		Matcher token = Pattern.compile("id=\"new-token\">(tut_[^<]+)<").matcher(page.body());
		assertThat(token.find()).as(page.body()).isTrue();
		return token.group(1);
	}

	/** The category of a subject 360, or null when the overview has none of that id. */
	static JsonNode category(JsonNode overview, String id) {
		for (JsonNode category : overview.get("categories")) {
			if (category.get("id").asString().equals(id)) {
				return category;
			}
		}
		return null;
	}

}
