package io.tutela.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class AdminPagesIntegrationTest {

	static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

	static final Pattern TEMPORARY = Pattern.compile("id=\"temporary-password\">([^<]+)<");

	@LocalServerPort
	int port;

	/**
	 * Logs in an account whose role requires a second factor, enrolling it on the way.
	 */
	static Http loginWithEnrolment(int port, Staff.Created created) {
		Http session = Http.session(port);
		assertThat(session.login(created.username(), created.password()).location()).endsWith("/login/enrol");
		Matcher secret = SECRET.matcher(session.get("/login/enrol").body());
		assertThat(secret.find()).isTrue();
		String code = Totp.DEFAULT.code(new Base32().decode(secret.group(1)), Instant.now());
		Http.Response codes = session.submit("/login/enrol", "/login/enrol", Map.of("code", code));
		assertThat(codes.body()).contains("recovery-codes");
		return session;
	}

	@Test
	void anAdministratorCreatesAnAccountWhoseOwnerMustChangeItsPassword() {
		Staff.Created admin = Staff.create(this.port, "console-admin", List.of("system_administrator"), List.of());
		Http session = loginWithEnrolment(this.port, admin);
		assertThat(session.get("/admin/accounts").status()).isEqualTo(200);

		Http.Response refused = session.submit("/admin/accounts", "/admin/accounts",
				Map.of("username", "Bad Name", "displayName", ""));
		assertThat(refused.body()).contains("id=\"errors\"", "2 to 64 lower-case letters", "at least one role");

		Http.Response created = session.submit("/admin/accounts", "/admin/accounts", Map.of("username", "new-operator",
				"displayName", "Nuovo Operatore", "roles", "OPERATOR", "controllers", "conecto"));
		Matcher temporary = TEMPORARY.matcher(created.body());
		assertThat(temporary.find()).as(created.body()).isTrue();

		Http newcomer = Http.session(this.port);
		assertThat(newcomer.login("new-operator", temporary.group(1)).location()).endsWith("/controllers");
		assertThat(newcomer.get("/controllers").body()).contains("/controllers/conecto")
			.doesNotContain("/controllers/ipkom\"");
		assertThat(newcomer.get("/admin/accounts").status()).as("an operator is no administrator").isEqualTo(403);
	}

	@Test
	void aPersonCreatesAndRevokesAPersonalToken() {
		Staff.Created dpo = Staff.create(this.port, "token-owner", List.of("dpo", "auditor"), List.of("ipkom"));
		Http session = Http.session(this.port);
		session.login(dpo.username(), dpo.password());
		Http.Response page = session.submit("/account", "/account/tokens",
				Map.of("name", "reporting", "validityDays", "30", "roles", "AUDITOR"));
		Matcher token = Pattern.compile("id=\"new-token\">(tut_[^<]+)<").matcher(page.body());
		assertThat(token.find()).isTrue();
		Http api = Http.token(this.port, token.group(1));
		assertThat(api.get("/api/v1/me").json().get("roles").get(0).asString()).isEqualTo("auditor");
		assertThat(api.post("/api/v1/controllers/ipkom/policy", "application/yaml", "x").status())
			.as("the token carries only the auditor role")
			.isEqualTo(403);

		String id = api.get("/api/v1/me/tokens").json().get(0).get("id").asString();
		Http.Response revoked = session.submit("/account", "/account/tokens/" + id + "/revoke", Map.of());
		assertThat(revoked.location()).endsWith("/account");
		assertThat(api.get("/api/v1/me").status()).as("a revoked token opens nothing").isEqualTo(401);
	}

}
