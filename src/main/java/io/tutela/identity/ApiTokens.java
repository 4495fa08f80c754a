package io.tutela.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.audit.Auditing;
import io.tutela.web.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens sent as {@code Authorization: Bearer}: scoped to some of their
 * owner's roles and controllers, expiring, revocable, stored as SHA-256 hashes (the
 * secrets are random and long, so a fast hash is enough and makes each request's lookup
 * cheap).
 */
@Service
class ApiTokens {

	static final String PREFIX = "tut_";

	static final Duration LONGEST = Duration.ofDays(366);

	/** How precisely a token's last use is recorded. */
	static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

	/**
	 * The longest a token read is used again without reading it anew, however quiet the
	 * announcements of changes ({@link IdentityChanges}) are.
	 */
	static final Duration KEPT_AT_MOST = Duration.ofMinutes(1);

	/** The most tokens kept at once (all are forgotten when there would be more). */
	static final int KEPT_TOKENS = 10_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Auditing auditing;

	private final IdentityChanges changes;

	/**
	 * Tokens read, by the hash of their secret: a request that presents one again needs
	 * no round trip to the database while nothing it stands for changed.
	 */
	private final Map<String, Kept> kept = new ConcurrentHashMap<>();

	ApiTokens(JdbcClient jdbc, Clock clock, Auditing auditing, IdentityChanges changes) {
		this.auditing = auditing;
		this.changes = changes;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new token and its secret, shown once. */
	record Created(ApiToken token, String secret) {
	}

	@Transactional
	Created create(Account owner, String name, Set<Role> roles, boolean allControllers, Set<String> controllers,
			Duration validity) {
		if (name.isBlank() || name.length() > 100) {
			throw InvalidInputException.of("name", "give the token a name of 1 to 100 characters");
		}
		if (roles.isEmpty() || !owner.roles().containsAll(roles)) {
			throw InvalidInputException.of("roles", "a token may carry only roles its owner has");
		}
		if (allControllers ? !owner.allControllers()
				: !(owner.allControllers() || owner.controllers().containsAll(controllers))) {
			throw InvalidInputException.of("controllers", "a token may reach only controllers its owner may see");
		}
		if (!allControllers && controllers.isEmpty()) {
			throw InvalidInputException.of("controllers", "name at least one controller");
		}
		if (validity.isNegative() || validity.isZero() || validity.compareTo(LONGEST) > 0) {
			throw InvalidInputException.of("validity", "a token expires within " + LONGEST.toDays() + " days");
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiToken token = insert(owner.id(), name, roles, allControllers, controllers, validity, hash(secret));
		this.auditing.success("token.create", null, null, List.of(token.id()));
		return new Created(token, secret);
	}

	/**
	 * Registers a token whose secret is given (the bootstrap token of an automated
	 * install).
	 */
	ApiToken register(Account owner, String name, String secret, Duration validity) {
		return insert(owner.id(), name, owner.roles(), owner.allControllers(), owner.controllers(), validity,
				hash(secret));
	}

	private ApiToken insert(UUID accountId, String name, Set<Role> roles, boolean allControllers,
			Set<String> controllers, Duration validity, String hash) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					INSERT INTO api_token (id, account_id, name, token_hash, roles, all_controllers, controllers, created_at, expires_at)
					VALUES (:id, :account, :name, :hash, :roles, :all, :controllers, :now, :expires)""")
			.param("id", id)
			.param("account", accountId)
			.param("name", name)
			.param("hash", hash)
			.param("roles", roles.stream().map(Role::key).sorted().toArray(String[]::new))
			.param("all", allControllers)
			.param("controllers", controllers.stream().sorted().toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(validity)))
			.update();
		return byId(id).orElseThrow();
	}

	boolean exists(String secret) {
		return this.jdbc.sql("SELECT count(*) FROM api_token WHERE token_hash = :h")
			.param("h", hash(secret))
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * The principal a bearer secret stands for: the token's roles and controllers, as far
	 * as its owner still has them; empty for an unknown, expired or revoked token or a
	 * disabled owner.
	 */
	Optional<StaffPrincipal> authenticate(String secret) {
		if (!secret.startsWith(PREFIX) || secret.length() > 200) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		String hash = hash(secret);
		long generation = this.changes.generation();
		Kept kept = (generation >= 0) ? this.kept.get(hash) : null;
		Owned owned;
		if (kept != null && kept.generation() == generation && kept.readAt().isAfter(now.minus(KEPT_AT_MOST))) {
			owned = kept.owned();
		}
		else {
			owned = read(hash).orElse(null);
			if (owned == null) {
				return Optional.empty();
			}
			keep(hash, owned, generation, now);
		}
		if (!owned.token().activeAt(now) || !owned.enabled()) {
			return Optional.empty();
		}
		// the last use is told to the minute: writing it at every request would cost each
		// one a commit of its own
		ApiToken token = owned.token();
		if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(LAST_USE_PRECISION))) {
			this.jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id")
				.param("now", Timestamp.from(now))
				.param("id", token.id())
				.update();
			keep(hash, owned.usedAt(now), generation, now);
		}
		return Optional.of(owned.principal());
	}

	/** The token of a hash and what its owner may still do, in one round trip. */
	private Optional<Owned> read(String hash) {
		return this.jdbc
			.sql("SELECT t.*, a.username, a.display_name, a.enabled AS owner_enabled, "
					+ "a.all_controllers AS owner_all_controllers, " + Accounts.ROLES + " AS owner_roles, "
					+ Accounts.CONTROLLERS + " AS owner_controllers "
					+ "FROM api_token t JOIN staff_account a ON a.id = t.account_id WHERE t.token_hash = :h")
			.param("h", hash)
			.query((rs, n) -> new Owned(map(rs, n), rs.getString("username"), rs.getString("display_name"),
					rs.getBoolean("owner_enabled"), rs.getBoolean("owner_all_controllers"),
					Accounts.roles(rs.getArray("owner_roles")), Accounts.strings(rs.getArray("owner_controllers"))))
			.optional();
	}

	/**
	 * Keeps what was read of a token, when nothing that could change it happened since
	 * the generation it was read in.
	 */
	private void keep(String hash, Owned owned, long generation, Instant now) {
		if (generation < 0) {
			return;
		}
		if (this.kept.size() >= KEPT_TOKENS) {
			this.kept.clear();
		}
		this.kept.put(hash, new Kept(owned, generation, now));
		if (this.changes.generation() != generation) {
			this.kept.remove(hash);
		}
	}

	/** What was read of a token, in which generation of identity changes, and when. */
	private record Kept(Owned owned, long generation, Instant readAt) {
	}

	/** A token with what its owner may do. */
	private record Owned(ApiToken token, String username, String displayName, boolean enabled, boolean allControllers,
			Set<Role> roles, Set<String> controllers) {

		/**
		 * What the token stands for: its roles and controllers, as far as its owner has
		 * them.
		 */
		StaffPrincipal principal() {
			Set<Role> granted = new HashSet<>(this.token.roles());
			granted.retainAll(this.roles);
			boolean all = this.token.allControllers() && this.allControllers;
			Set<String> reached = new HashSet<>(
					this.token.allControllers() ? this.controllers : this.token.controllers());
			if (!this.allControllers) {
				reached.retainAll(this.controllers);
			}
			return new StaffPrincipal(this.token.accountId(), this.username, this.displayName, Set.copyOf(granted), all,
					Set.copyOf(reached));
		}

		Owned usedAt(Instant at) {
			ApiToken t = this.token;
			return new Owned(
					new ApiToken(t.id(), t.accountId(), t.name(), t.roles(), t.allControllers(), t.controllers(),
							t.createdAt(), t.expiresAt(), t.revokedAt(), at),
					this.username, this.displayName, this.enabled, this.allControllers, this.roles, this.controllers);
		}

	}

	List<ApiToken> of(UUID accountId) {
		return this.jdbc.sql("SELECT * FROM api_token WHERE account_id = :a ORDER BY created_at DESC")
			.param("a", accountId)
			.query(ApiTokens::map)
			.list();
	}

	Optional<ApiToken> byId(UUID id) {
		return this.jdbc.sql("SELECT * FROM api_token WHERE id = :id").param("id", id).query(ApiTokens::map).optional();
	}

	/** Revokes one of the account's tokens; false when it has no such token. */
	boolean revoke(UUID accountId, UUID tokenId) {
		boolean revoked = this.changes.change(() -> this.jdbc.sql("""
				UPDATE api_token SET revoked_at = coalesce(revoked_at, :now)
				WHERE id = :id AND account_id = :account""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", tokenId)
			.param("account", accountId)
			.update()) == 1;
		if (revoked) {
			this.auditing.success("token.revoke", null, null, List.of(tokenId));
		}
		return revoked;
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ApiToken map(ResultSet rs, int row) throws SQLException {
		Set<Role> roles = Accounts.roles(rs.getArray("roles"));
		return new ApiToken(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("name"), Set.copyOf(roles), rs.getBoolean("all_controllers"),
				Accounts.strings(rs.getArray("controllers")), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("revoked_at")),
				instant(rs.getTimestamp("last_used_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
