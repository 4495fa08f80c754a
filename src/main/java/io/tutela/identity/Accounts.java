package io.tutela.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff accounts, their roles, controllers and recovery codes, in PostgreSQL. */
@Repository
class Accounts {

	/** The roles of the account {@code a} of a query, as an array. */
	static final String ROLES = "coalesce((SELECT array_agg(r.role) FROM staff_role r WHERE r.account_id = a.id), '{}')";

	/** The controllers of the account {@code a} of a query, as an array. */
	static final String CONTROLLERS = "coalesce((SELECT array_agg(c.controller_id) FROM staff_controller c "
			+ "WHERE c.account_id = a.id), '{}')";

	private static final String SELECT = "SELECT a.*, " + ROLES + " AS roles, " + CONTROLLERS
			+ " AS controllers FROM staff_account a";

	private final JdbcClient jdbc;

	private final IdentityChanges changes;

	Accounts(JdbcClient jdbc, IdentityChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	Optional<Account> byUsername(String username) {
		return this.jdbc.sql(SELECT + " WHERE a.username = :u").param("u", username).query(Accounts::map).optional();
	}

	Optional<Account> byId(UUID id) {
		return this.jdbc.sql(SELECT + " WHERE a.id = :id").param("id", id).query(Accounts::map).optional();
	}

	List<Account> all() {
		return this.jdbc.sql(SELECT + " ORDER BY a.username").query(Accounts::map).list();
	}

	int count() {
		return this.jdbc.sql("SELECT count(*) FROM staff_account").query(Integer.class).single();
	}

	void insert(UUID id, String username, String displayName, String passwordHash, boolean temporary,
			boolean allControllers, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO staff_account (id, username, display_name, password_hash, password_temporary, all_controllers, created_at)
					VALUES (:id, :username, :displayName, :hash, :temporary, :all, :now)""")
			.param("id", id)
			.param("username", username)
			.param("displayName", displayName)
			.param("hash", passwordHash)
			.param("temporary", temporary)
			.param("all", allControllers)
			.param("now", Timestamp.from(now))
			.update();
	}

	void scope(UUID id, Collection<Role> roles, boolean allControllers, Collection<String> controllers) {
		this.changes.change(() -> {
			this.jdbc.sql("UPDATE staff_account SET all_controllers = :all WHERE id = :id")
				.param("id", id)
				.param("all", allControllers)
				.update();
			this.jdbc.sql("DELETE FROM staff_role WHERE account_id = :id").param("id", id).update();
			this.jdbc.sql("DELETE FROM staff_controller WHERE account_id = :id").param("id", id).update();
			for (Role role : roles) {
				this.jdbc.sql("INSERT INTO staff_role (account_id, role) VALUES (:id, :role)")
					.param("id", id)
					.param("role", role.key())
					.update();
			}
			for (String controller : controllers) {
				this.jdbc.sql("INSERT INTO staff_controller (account_id, controller_id) VALUES (:id, :c)")
					.param("id", id)
					.param("c", controller)
					.update();
			}
			return null;
		});
	}

	void password(UUID id, String hash, boolean temporary) {
		this.jdbc.sql("UPDATE staff_account SET password_hash = :hash, password_temporary = :temporary WHERE id = :id")
			.param("id", id)
			.param("hash", hash)
			.param("temporary", temporary)
			.update();
	}

	void enabled(UUID id, boolean enabled) {
		this.changes.change(() -> this.jdbc.sql("UPDATE staff_account SET enabled = :enabled WHERE id = :id")
			.param("id", id)
			.param("enabled", enabled)
			.update());
	}

	void failedLogin(UUID id, Instant at) {
		this.jdbc.sql("UPDATE staff_account SET failed_logins = failed_logins + 1, last_failed_at = :at WHERE id = :id")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.update();
	}

	void resetFailures(UUID id) {
		this.jdbc.sql("UPDATE staff_account SET failed_logins = 0, last_failed_at = NULL WHERE id = :id")
			.param("id", id)
			.update();
	}

	void totp(UUID id, @Nullable String sealedSecret, boolean enabled) {
		this.jdbc.sql(
				"UPDATE staff_account SET totp_secret = :secret, totp_enabled = :enabled, totp_last_step = NULL WHERE id = :id")
			.param("id", id)
			.param("secret", sealedSecret)
			.param("enabled", enabled)
			.update();
	}

	/**
	 * Records the time step of an accepted code; false when that step (or a later one)
	 * was already used.
	 */
	boolean useTotpStep(UUID id, long step) {
		return this.jdbc.sql("""
				UPDATE staff_account SET totp_last_step = :step
				WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)""")
			.param("id", id)
			.param("step", step)
			.update() == 1;
	}

	void recoveryCodes(UUID id, Collection<String> hashes) {
		this.jdbc.sql("DELETE FROM recovery_code WHERE account_id = :id").param("id", id).update();
		for (String hash : hashes) {
			this.jdbc.sql("INSERT INTO recovery_code (account_id, code_hash) VALUES (:id, :hash)")
				.param("id", id)
				.param("hash", hash)
				.update();
		}
	}

	boolean useRecoveryCode(UUID id, String hash, Instant at) {
		return this.jdbc.sql("""
				UPDATE recovery_code SET used_at = :at
				WHERE account_id = :id AND code_hash = :hash AND used_at IS NULL""")
			.param("id", id)
			.param("hash", hash)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	int unusedRecoveryCodes(UUID id) {
		return this.jdbc.sql("SELECT count(*) FROM recovery_code WHERE account_id = :id AND used_at IS NULL")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	private static Account map(ResultSet rs, int row) throws SQLException {
		Set<Role> roles = roles(rs.getArray("roles"));
		Timestamp lastFailed = rs.getTimestamp("last_failed_at");
		Long step = rs.getObject("totp_last_step", Long.class);
		return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				rs.getString("password_hash"), rs.getBoolean("password_temporary"), rs.getBoolean("all_controllers"),
				rs.getBoolean("enabled"), rs.getString("totp_secret"), rs.getBoolean("totp_enabled"), step,
				rs.getInt("failed_logins"), (lastFailed != null) ? lastFailed.toInstant() : null, Set.copyOf(roles),
				Set.copyOf(strings(rs.getArray("controllers"))), rs.getTimestamp("created_at").toInstant());
	}

	/** The roles named in an array of their keys. */
	static Set<Role> roles(@Nullable Array array) throws SQLException {
		Set<Role> roles = new LinkedHashSet<>();
		for (String role : strings(array)) {
			roles.add(Role.of(role));
		}
		return roles;
	}

	static Set<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return Set.of();
		}
		Set<String> values = new HashSet<>();
		for (Object value : (Object[]) array.getArray()) {
			values.add(value.toString());
		}
		return values;
	}

}
