package io.tutela.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
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

	private final JdbcTemplate batch;

	private final SecretBox box;

	private final SecretKeySpec hashKey;

	private final Auditing auditing;

	JusticeVault(@Qualifier(VaultConfiguration.DATA_SOURCE) DataSource vaultDataSource, Keys keys, Auditing auditing) {
		this.jdbc = JdbcClient.create(vaultDataSource);
		this.batch = new JdbcTemplate(vaultDataSource);
		this.box = new SecretBox(keys.key(SEAL_KEY));
		this.hashKey = new SecretKeySpec(keys.key(HASH_KEY), "HmacSHA256");
		this.auditing = auditing;
	}

	/**
	 * Stores the calls of a controller in one batch; a call already in the vault is left
	 * as it is.
	 * @return how many calls were added
	 */
	public long store(String controllerId, List<VaultCall> calls) {
		if (calls.isEmpty()) {
			return 0;
		}
		List<Object[]> rows = new ArrayList<>(calls.size());
		for (VaultCall call : calls) {
			rows.add(new Object[] { controllerId, Timestamp.from(call.start()), hash(controllerId, call.caller()),
					hash(controllerId, call.callee()),
					this.box.seal(call.caller().getBytes(StandardCharsets.UTF_8), controllerId),
					this.box.seal(call.callee().getBytes(StandardCharsets.UTF_8), controllerId), call.durationSeconds(),
					call.answered(), call.cell(), call.category() });
		}
		int[] counts = this.batch.batchUpdate("""
				INSERT INTO vault.cdr (controller_id, start_at, caller_hash, callee_hash, caller_sealed,
				  callee_sealed, duration_seconds, answered, cell, category)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""", rows);
		long added = Arrays.stream(counts).filter((count) -> count > 0).count();
		this.auditing.success("vault.store", controllerId, null, List.of(added + " calls"));
		return added;
	}

	/**
	 * How many calls of a category started before {@code cutoff} (only those answered or
	 * not when {@code answered} says so) the vault holds.
	 */
	public long count(String controllerId, String category, @Nullable Boolean answered, Instant cutoff) {
		return this.jdbc.sql("SELECT count(*) FROM vault.cdr WHERE " + CALLS_BEFORE)
			.params(callsBefore(controllerId, category, answered, cutoff))
			.query(Long.class)
			.single();
	}

	/**
	 * Deletes the calls of a category started before {@code cutoff} (only those answered
	 * or not when {@code answered} says so): their time in the vault is over.
	 * @return how many calls were deleted
	 */
	public long delete(String controllerId, String category, @Nullable Boolean answered, Instant cutoff) {
		long deleted = this.jdbc.sql("DELETE FROM vault.cdr WHERE " + CALLS_BEFORE)
			.params(callsBefore(controllerId, category, answered, cutoff))
			.update();
		if (deleted > 0) {
			this.auditing.success("vault.delete", controllerId, category, List.of(deleted + " calls"));
		}
		return deleted;
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

	private static final String CALLS_BEFORE = "controller_id = :controller AND category = :category"
			+ " AND start_at < :cutoff AND (CAST(:answered AS BOOLEAN) IS NULL OR answered = :answered)";

	private static Map<String, Object> callsBefore(String controllerId, String category, @Nullable Boolean answered,
			Instant cutoff) {
		Map<String, Object> params = new HashMap<>();
		params.put("controller", controllerId);
		params.put("category", category);
		params.put("cutoff", Timestamp.from(cutoff));
		params.put("answered", new SqlParameterValue(Types.BOOLEAN, answered));
		return params;
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
