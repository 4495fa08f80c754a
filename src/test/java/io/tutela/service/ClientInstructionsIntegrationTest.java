package io.tutela.service;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static io.tutela.service.ServiceTests.category;
import static io.tutela.service.ServiceTests.errors;
import static io.tutela.service.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client controller of MySegretaria manages itself: the receptionist's
 * configuration, blacklisted and VIP callers, and contacts imported on consent.
 */
@TutelaIntegrationTest
class ClientInstructionsIntegrationTest {

	static final String API = "/api/v1/controllers/" + ServiceTests.CLIENT + "/";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http client(String username) {
		return Http.token(this.port, ServiceTests.clientUserToken(this.port, username));
	}

	long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE controller_id = :c")
			.param("c", ServiceTests.CLIENT)
			.query(Long.class)
			.single();
	}

	@Test
	void theClientConfiguresItsReceptionist() {
		Http client = client("rossi-config");
		Http.Response put = client.put(API + "receptionist",
				json("availability",
						List.of(json("weekday", "Monday", "from", "14:00", "to", "18:00"),
								json("weekday", "mon", "from", "9:00", "to", "13:00"),
								json("weekday", "fri", "from", "09:00", "to", "12:30")),
						"forwarding",
						List.of(json("condition", "out_of_hours", "number", "+39 347 555 6677"),
								json("condition", "busy", "number", "06 6989 1234")),
						"notificationEmail", "Segreteria@Studio-Rossi.EXAMPLE"));
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		JsonNode config = client.get(API + "receptionist").json();
		assertThat(config.get("availability"))
			.extracting(
					(h) -> h.get("weekday").asString() + " " + h.get("from").asString() + "-" + h.get("to").asString())
			.containsExactly("mon 09:00-13:00", "mon 14:00-18:00", "fri 09:00-12:30");
		assertThat(config.get("forwarding"))
			.extracting((f) -> f.get("condition").asString() + " " + f.get("number").asString())
			.containsExactly("busy +390669891234", "out_of_hours +393475556677");
		assertThat(config.get("notificationEmail").asString()).isEqualTo("Segreteria@studio-rossi.example");
		assertThat(config.get("category").asString()).isEqualTo("receptionist_instructions");
		assertThat(config.get("source").asString()).isEqualTo("client_controller");

		Http.Response invalid = client.put(API + "receptionist",
				json("availability",
						List.of(json("weekday", "mon", "from", "09:00", "to", "13:00"),
								json("weekday", "mon", "from", "12:00", "to", "15:00")),
						"forwarding", List.of(json("condition", "sometimes", "number", "+39 347 555 6677")),
						"notificationEmail", "not-an-address"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(errors(invalid)).containsExactlyInAnyOrder("availability", "forwarding", "notification_email");
		assertThat(client.get(API + "receptionist").json().get("availability")).as("nothing was saved").hasSize(3);

		String file = """
				availability,forwarding,notification_email
				"mon 09:00-13:00; tue 09:00-13:00","busy 06 6989 1234; no_answer +39 347 555 6677",segreteria@studio-rossi.example
				""";
		Http.Response imported = client.post(API + "imports/receptionist-config", "text/csv", file);
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("updated").asLong()).isEqualTo(1);
		assertThat(client.post(API + "imports/receptionist-config", "text/csv", file).json().get("unchanged").asLong())
			.isEqualTo(1);
		assertThat(client.get(API + "receptionist").json().get("forwarding").get(1).get("condition").asString())
			.isEqualTo("no_answer");

		Http.Response twice = client.post(API + "imports/receptionist-config", "text/csv",
				"notification_email\na@example.org\nb@example.org\n");
		assertThat(twice.status()).isEqualTo(422);
		assertThat(errors(twice)).containsExactly("3:availability");

		Http admin = Http.admin(this.port);
		assertThat(admin.put("/api/v1/controllers/ipkom/receptionist", json("availability", List.of())).status())
			.as("IPKOM's notice holds no receptionist configuration")
			.isEqualTo(422);
		assertThat(admin.get("/api/v1/controllers/ipkom/receptionist").status()).isEqualTo(404);
		assertThat(client.get("/api/v1/controllers/mysegretaria/receptionist").status()).isEqualTo(404);
	}

	@Test
	void theClientKeepsItsBlacklistAndVipCallers() {
		Http client = client("rossi-callers");
		Http.Response spam = client.postJson(API + "caller-list",
				json("number", "+39 347 000 1111", "name", "Televendite Srl", "kind", "blacklist"));
		assertThat(spam.status()).as(spam.body()).isEqualTo(201);
		assertThat(spam.json().get("number").asString()).isEqualTo("+393470001111");
		assertThat(spam.json().get("category").asString()).isEqualTo("blacklist_vip");
		Http.Response vip = client.postJson(API + "caller-list",
				json("number", "06 6989 0000", "name", "Avv. Neri", "kind", "VIP"));
		assertThat(vip.status()).as(vip.body()).isEqualTo(201);
		assertThat(vip.json().get("kind").asString()).isEqualTo("vip");

		Http.Response duplicate = client.postJson(API + "caller-list", json("number", "3470001111", "kind", "vip"));
		assertThat(duplicate.status()).isEqualTo(400);
		assertThat(errors(duplicate)).containsExactly("number");
		Http.Response invalid = client.postJson(API + "caller-list", json("number", "x1", "kind", "friend"));
		assertThat(errors(invalid)).containsExactlyInAnyOrder("number", "kind");

		assertThat(client.get(API + "caller-list?kind=vip").json().get("items"))
			.extracting((e) -> e.get("name").asString())
			.contains("Avv. Neri")
			.doesNotContain("Televendite Srl");
		String id = spam.json().get("id").asString();
		Http.Response changed = client.put(API + "caller-list/" + id,
				json("number", "+393470001111", "name", "Televendite Srl", "kind", "vip"));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(client.get(API + "caller-list/" + id).json().get("kind").asString()).isEqualTo("vip");
		assertThat(client.delete(API + "caller-list/" + id).status()).isEqualTo(204);
		assertThat(client.get(API + "caller-list/" + id).status()).isEqualTo(404);

		String file = """
				number,name,kind
				+39 347 000 2222,Call center,blacklist
				06 6989 3333,Cliente storico,vip
				""";
		Http.Response imported = client.post(API + "imports/caller-list", "text/csv", file);
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("inserted").asLong()).isEqualTo(2);
		assertThat(client.post(API + "imports/caller-list", "text/csv", file).json().get("unchanged").asLong())
			.isEqualTo(2);
		long before = count("caller_list_entry");
		Http.Response bad = client.post(API + "imports/caller-list", "text/csv", """
				number,kind
				+39 347 000 4444,vip
				+39 347 000 5555,maybe
				""");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(errors(bad)).containsExactly("3:kind");
		assertThat(count("caller_list_entry")).isEqualTo(before);
	}

	@Test
	void contactsAreImportedOnlyWithTheirConsent() {
		Http client = client("rossi-contacts");
		Http.Response refused = client.postJson(API + "imported-contacts",
				json("name", "Carla Fonti", "number", "+39 347 888 1111"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(errors(refused)).containsExactly("consent_given_at");
		assertThat(errors(client.postJson(API + "imported-contacts",
				json("name", "Nobody", "consentGivenAt", "2024-01-10T10:00:00Z"))))
			.containsExactly("number");

		Http.Response created = client.postJson(API + "imported-contacts", json("name", "Carla Fonti", "number",
				"+39 347 888 1111", "email", "carla.fonti@example.org", "consentGivenAt", "2024-01-10T10:00:00Z"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("category").asString()).isEqualTo("imported_contacts");
		assertThat(created.json().get("purposes")).extracting(JsonNode::asString).containsExactly("contact_import");

		long before = count("imported_contact");
		Http.Response bad = client.post(API + "imports/imported-contacts", "text/csv", """
				name,number,email,consent_given_at
				Dario Sole,+39 347 888 2222,,2024-02-01
				Elsa Luna,+39 347 888 3333,,
				""");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(errors(bad)).containsExactly("3:consent_given_at");
		assertThat(count("imported_contact")).as("nothing of the file was written").isEqualTo(before);

		String file = """
				name,number,email,consent_given_at
				Dario Sole,+39 347 888 2222,,2024-02-01
				Elsa Luna,,elsa.luna@example.org,2024-02-02T09:00:00Z
				""";
		Http.Response imported = client.post(API + "imports/imported-contacts", "text/csv", file);
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("inserted").asLong()).isEqualTo(2);
		assertThat(client.post(API + "imports/imported-contacts", "text/csv", file).json().get("unchanged").asLong())
			.isEqualTo(2);
		assertThat(client.get(API + "imported-contacts?email=elsa.luna@example.org").json().get("items")).hasSize(1);

		Http admin = Http.admin(this.port);
		String subjectId = admin
			.postJson(API + "subjects", json("phone", "+39 347 888 2222", "givenName", "Dario", "familyName", "Sole"))
			.json()
			.get("id")
			.asString();
		JsonNode overview = admin.get(API + "subjects/" + subjectId + "/overview").json();
		assertThat(category(overview, "imported_contacts").at("/records/0/fields/name").asString())
			.isEqualTo("Dario Sole");

		String id = created.json().get("id").asString();
		assertThat(client.delete(API + "imported-contacts/" + id).status()).as("consent withdrawn").isEqualTo(204);
		assertThat(client.get(API + "imported-contacts/" + id).status()).isEqualTo(404);
	}

}
