package io.tutela.identity;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request with a token is authenticated by its token alone: it opens no session, so no
 * cookie can stand in for the token once the token is revoked.
 */
@TutelaIntegrationTest
class BearerRequestsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	StaffAccounts staff;

	@Autowired
	ApiTokens tokens;

	@Test
	void aTokenOpensNoSession() {
		Account account = this.staff
			.create("bearer-only", "Bearer Only", EnumSet.of(Role.OPERATOR), false, Set.of("ipkom"))
			.account();
		ApiTokens.Created token = this.tokens.create(account, "no session", EnumSet.of(Role.OPERATOR), false,
				Set.of("ipkom"), Duration.ofDays(1));
		Http.Response me = Http.token(this.port, token.secret()).get("/api/v1/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.header("Set-Cookie")).as("no session cookie").isEmpty();
		Http.Response decision = Http.token(this.port, token.secret())
			.get("/api/v1/controllers/ipkom/contact-decision?channel=operator_call&phone=%2B393480000001");
		assertThat(decision.header("Set-Cookie")).as("no session cookie").isEmpty();
	}

}
