package io.tutela.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.tutela.Http;
import io.tutela.Staff;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class LoginIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void aTemporaryPasswordMustBeChangedBeforeAnythingElse() {
		Staff.Created created = Staff.create(this.port, "first-login", List.of("operator"), List.of("ipkom"));
		Http session = Http.session(this.port);
		Http.Response login = session.submit("/login", "/login",
				Map.of("username", created.username(), "password", created.password()));
		assertThat(login.location()).endsWith("/login/password");
		assertThat(session.get("/controllers").location()).as("every other page leads back to the step")
			.endsWith("/login/password");
		assertThat(session.get("/api/v1/me").status()).isEqualTo(401);

		Http.Response weak = session.submit("/login/password", "/login/password",
				Map.of("newPassword", "short", "confirmation", "short"));
		assertThat(weak.status()).isEqualTo(200);
		assertThat(weak.body()).contains("at least 12 characters");

		Http.Response done = session.submit("/login/password", "/login/password",
				Map.of("newPassword", "a-long-enough-password", "confirmation", "a-long-enough-password"));
		assertThat(done.location()).endsWith("/controllers");
		assertThat(session.get("/controllers").body()).contains("/controllers/ipkom");

		Http again = Http.session(this.port);
		assertThat(again.login(created.username(), "a-long-enough-password").location()).endsWith("/controllers");
	}

	@Test
	void repeatedFailuresLockTheAccountWithBackOff() {
		Staff.Created created = Staff.create(this.port, "locked-out", List.of("operator"), List.of("ipkom"));
		Http session = Http.session(this.port);
		for (int i = 0; i < 5; i++) {
			Http.Response wrong = session.submit("/login", "/login",
					Map.of("username", created.username(), "password", "wrong-password-" + i));
			assertThat(wrong.location()).endsWith("/login?error");
		}
		Http.Response right = session.submit("/login", "/login",
				Map.of("username", created.username(), "password", created.password()));
		assertThat(right.location()).as("even the right password is refused while locked").endsWith("/login?locked");
		assertThat(session.get("/login?locked").body()).contains("bloccato fino al");

		Http.Response unlocked = Http.admin(this.port)
			.post("/api/v1/accounts/" + created.id() + "/unlock", "application/json", "");
		assertThat(unlocked.status()).isEqualTo(200);
		assertThat(Http.session(this.port).login(created.username(), created.password()).location())
			.endsWith("/controllers");
	}

	@Autowired
	ApplicationContext context;

	@Test
	void thereIsNoDefaultUserBesideTheStaffAccounts() {
		assertThat(this.context.getBeansOfType(InMemoryUserDetailsManager.class)).isEmpty();
		Http.Response response = Http.session(this.port)
			.submit("/login", "/login", Map.of("username", "user", "password", "password"));
		assertThat(response.location()).endsWith("/login?error");
	}

	@Test
	void anUnknownUserGetsTheSameAnswerAsAWrongPassword() {
		Http.Response response = Http.session(this.port)
			.submit("/login", "/login", Map.of("username", "nobody-at-all", "password", "whatever-it-is"));
		assertThat(response.location()).endsWith("/login?error");
	}

	@Test
	void consolePagesOfAnotherControllerAreNotFound() {
		Staff.Created created = Staff.create(this.port, "own-pages", List.of("dpo"), List.of("ipkom"));
		Http session = Http.session(this.port);
		session.login(created.username(), created.password());
		assertThat(session.get("/controllers/ipkom/notice").status()).isEqualTo(200);
		Http.Response other = session.get("/controllers/conecto/notice");
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.contentType()).startsWith("text/html");
		assertThat(session.get("/controllers/conecto/upload").status()).isEqualTo(404);
	}

	@Test
	void pagesCarrySecurityHeadersAndFormsCarryACsrfToken() {
		Http.Response login = Http.session(this.port).get("/login");
		assertThat(login.body()).contains("name=\"_csrf\"");
		assertThat(login.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
		assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
		Http.Response forged = Http.session(this.port)
			.post("/login", "application/x-www-form-urlencoded", "username=admin&password=x");
		assertThat(forged.location()).as("a login without the CSRF token is not processed")
			.doesNotEndWith("/login?error");
	}

}
