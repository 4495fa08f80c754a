package io.tutela.identity;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token once read is kept in memory while nothing it stands for changes: changes made
 * by another process (here: straight in the database, past this process's services) are
 * heard of through the database's announcements, and while they cannot be heard nothing
 * is kept.
 */
@TutelaIntegrationTest
class KeptTokensIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	StaffAccounts staff;

	@Autowired
	ApiTokens tokens;

	@Autowired
	IdentityChanges changes;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("migrationDataSource")
	DataSource owner;

	private record Owner(Account account, String secret) {
	}

	private Owner tokenOf(String username) {
		Account account = this.staff
			.create(username, "Kept " + username, EnumSet.of(Role.DPO, Role.OPERATOR), false,
					Set.of("ipkom", "conecto"))
			.account();
		String secret = this.tokens
			.create(account, "kept", EnumSet.of(Role.DPO, Role.OPERATOR), false, Set.of("ipkom", "conecto"),
					Duration.ofDays(1))
			.secret();
		return new Owner(account, secret);
	}

	private void awaitListening() throws InterruptedException {
		this.changes.generation();
		for (int i = 0; i < 100 && !this.changes.listening(); i++) {
			Thread.sleep(50);
		}
		assertThat(this.changes.listening()).as("listening to identity changes").isTrue();
	}

	/** Asks until the answer is the one expected, for at most two seconds. */
	private static int awaitStatus(IntSupplier status, int expected) throws InterruptedException {
		int last = status.getAsInt();
		for (int i = 0; i < 40 && last != expected; i++) {
			Thread.sleep(50);
			last = status.getAsInt();
		}
		return last;
	}

	private void ownerSql(String sql) throws Exception {
		try (Connection c = this.owner.getConnection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	@Test
	void aTokenRevokedByAnotherProcessIsRefusedOnceTheRevocationCommits() throws Exception {
		awaitListening();
		Owner o = tokenOf("kept-revoked");
		Http token = Http.token(this.port, o.secret());
		assertThat(token.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(token.get("/api/v1/me").status()).isEqualTo(200);

		this.jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE token_hash = :h")
			.param("h", ApiTokens.hash(o.secret()))
			.update();
		assertThat(awaitStatus(() -> token.get("/api/v1/me").status(), 401)).isEqualTo(401);
	}

	@Test
	void aTokenFollowsItsOwnerChangedByAnotherProcess() throws Exception {
		awaitListening();
		Owner o = tokenOf("kept-rescoped");
		Http token = Http.token(this.port, o.secret());
		assertThat(token.get("/api/v1/me").json().get("roles")).hasSize(2);

		this.jdbc.sql("DELETE FROM staff_role WHERE account_id = :a AND role = 'dpo'")
			.param("a", o.account().id())
			.update();
		for (int i = 0; i < 40 && token.get("/api/v1/me").json().get("roles").size() != 1; i++) {
			Thread.sleep(50);
		}
		assertThat(token.get("/api/v1/me").json().get("roles").get(0).asString()).isEqualTo("operator");

		this.jdbc.sql("DELETE FROM staff_controller WHERE account_id = :a AND controller_id = 'conecto'")
			.param("a", o.account().id())
			.update();
		assertThat(awaitStatus(() -> token.get("/api/v1/controllers/conecto/policy").status(), 404)).isEqualTo(404);

		this.jdbc.sql("UPDATE staff_account SET enabled = false WHERE id = :a").param("a", o.account().id()).update();
		assertThat(awaitStatus(() -> token.get("/api/v1/me").status(), 401)).isEqualTo(401);
	}

	@Test
	void aChangeNotAnnouncedIsNotSeenWhileTheTokenIsKept() throws Exception {
		awaitListening();
		Owner o = tokenOf("kept-unannounced");
		Http token = Http.token(this.port, o.secret());
		assertThat(token.get("/api/v1/me").status()).isEqualTo(200);
		ownerSql("ALTER TABLE api_token DISABLE TRIGGER api_token_changed");
		try {
			this.jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE token_hash = :h")
				.param("h", ApiTokens.hash(o.secret()))
				.update();
			Thread.sleep(300);
			assertThat(token.get("/api/v1/me").status()).as("kept: the revocation was not announced").isEqualTo(200);
		}
		finally {
			ownerSql("ALTER TABLE api_token ENABLE TRIGGER api_token_changed");
		}
		// any announced change makes every kept token be read again
		this.jdbc.sql("UPDATE staff_account SET enabled = true WHERE id = :a").param("a", o.account().id()).update();
		assertThat(awaitStatus(() -> token.get("/api/v1/me").status(), 401)).isEqualTo(401);
	}

	@Test
	void whileTheListenerHasLostItsConnectionNothingIsKept() throws Exception {
		awaitListening();
		Owner o = tokenOf("kept-unheard");
		Http token = Http.token(this.port, o.secret());
		assertThat(token.get("/api/v1/me").status()).isEqualTo(200);

		ownerSql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "
				+ IdentityChanges.CHANNEL + "'");
		for (int i = 0; i < 100 && this.changes.listening(); i++) {
			Thread.sleep(20);
		}
		assertThat(this.changes.listening()).as("the listener noticed its connection is gone").isFalse();
		assertThat(this.changes.generation()).isEqualTo(-1);
		this.jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE token_hash = :h")
			.param("h", ApiTokens.hash(o.secret()))
			.update();
		// refused whether it is still not listening (nothing kept) or listens again (all
		// kept before forgotten)
		assertThat(token.get("/api/v1/me").status()).isEqualTo(401);
		// it listens again, and keeps tokens again
		awaitListening();
		Owner again = tokenOf("kept-heard-again");
		Http other = Http.token(this.port, again.secret());
		assertThat(other.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(token.get("/api/v1/me").status()).isEqualTo(401);
	}

}
