package io.tutela.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.storage.Keys;
import io.tutela.storage.SecretBox;

/**
 * The vault's store of calls, reached only through the vault's own database role. Numbers
 * are sealed (AES-256-GCM) and carried as keyed hashes (HMAC-SHA-256) for lookup, both
 * with keys kept outside the database. Every access is audited.
 */
@Service
public class JusticeVault {

	static final String SEAL_KEY = "vault-identifiers";

	static final String HASH_KEY = "vault-identifiers-hash";

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final SecretKeySpec hashKey;

	private final Auditing auditing;

	JusticeVault(@Qualifier(VaultConfiguration.DATA_SOURCE) DataSource vaultDataSource, Keys keys, Auditing auditing) {
		this.jdbc = JdbcClient.create(vaultDataSource);
		this.box = new SecretBox(keys.key(SEAL_KEY));
		this.hashKey = new SecretKeySpec(keys.key(HASH_KEY), "HmacSHA256");
		this.auditing = auditing;
	}

	/**
	 * Stores the calls of a controller; a call already in the vault is left as it is.
	 * @return how many calls were added
	 */
	public long store(String controllerId, List<VaultCall> calls) {
		long added = 0;
		for (VaultCall call : calls) {
			added += this.jdbc.sql("""
					INSERT INTO vault.cdr (controller_id, start_at, caller_hash, callee_hash, caller_sealed,
					  callee_sealed, duration_seconds, answered, cell, category)
					VALUES (:controller, :start, :callerHash, :calleeHash, :caller, :callee, :duration, :answered,
					  :cell, :category)
					ON CONFLICT DO NOTHING""")
				.param("controller", controllerId)
				.param("start", Timestamp.from(call.start()))
				.param("callerHash", hash(controllerId, call.caller()))
				.param("calleeHash", hash(controllerId, call.callee()))
				.param("caller", this.box.seal(call.caller().getBytes(StandardCharsets.UTF_8), controllerId))
				.param("callee", this.box.seal(call.callee().getBytes(StandardCharsets.UTF_8), controllerId))
				.param("duration", call.durationSeconds())
				.param("answered", call.answered())
				.param("cell", call.cell())
				.param("category", call.category())
				.update();
		}
		this.auditing.success("vault.store", controllerId, null, List.of());
		return added;
	}

	/**
	 * The calls of a controller made from or to a number (E.164), started in
	 * {@code [from, to)}, oldest first.
	 */
	public List<VaultCall> calls(String controllerId, String number, Instant from, Instant to) {
		byte[] hash = hash(controllerId, number);
		List<VaultCall> calls = this.jdbc.sql("""
				SELECT caller_sealed, callee_sealed, start_at, duration_seconds, answered, cell, category
				FROM vault.cdr
				WHERE controller_id = :controller AND (caller_hash = :hash OR callee_hash = :hash)
				  AND start_at >= :from AND start_at < :to
				ORDER BY start_at""")
			.param("controller", controllerId)
			.param("hash", hash)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> new VaultCall(open(rs.getString(1), controllerId), open(rs.getString(2), controllerId),
					rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getBoolean(5), rs.getString(6), rs.getString(7)))
			.list();
		this.auditing.success("vault.read", controllerId, null, List.of());
		return calls;
	}

	private String open(String sealed, String controllerId) {
		return new String(this.box.open(sealed, controllerId), StandardCharsets.UTF_8);
	}

	/** The keyed hash of a number within a controller. */
	byte[] hash(String controllerId, String number) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.hashKey);
			mac.update(controllerId.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(number.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Keyed hash failed", ex);
		}
	}

}
