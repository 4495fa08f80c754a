package io.tutela.vault;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.storage.Keys;
import io.tutela.storage.SecretBox;

/**
 * The vault's store of calls and telematic sessions, reached only through the vault's own
 * database role, partitioned by controller and month. Numbers, subscribers and addresses
 * are sealed (AES-256-GCM) and carried as keyed hashes (HMAC-SHA-256) for lookup, both
 * with keys kept outside the database. Every access is audited.
 */
@Service
public class JusticeVault {

	static final String SEAL_KEY = "vault-identifiers";

	static final String HASH_KEY = "vault-identifiers-hash";

	/** Columns of a stored row after the controller. */
	private static final int COLUMNS = 9;

	/** Rows stored in one statement. */
	private static final int CHUNK = 10_000;

	private static final HexFormat HEX = HexFormat.of();

	/** The rows of a chunk, passed as one text array per column. */
	private static final String UNNEST = "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
			+ " ?::text[], ?::text[], ?::text[]) AS a (c1, c2, c3, c4, c5, c6, c7, c8, c9)";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final SecretBox box;

	private final SecretKeySpec hashKey;

	/** Each thread's MAC under the hash key, looked up and keyed once. */
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::mac);

	private final Auditing auditing;

	private final VaultMonths months;

	JusticeVault(@Qualifier(VaultConfiguration.DATA_SOURCE) DataSource vaultDataSource, Keys keys, Auditing auditing) {
		this.jdbc = JdbcClient.create(vaultDataSource);
		this.template = new JdbcTemplate(vaultDataSource);
		this.box = new SecretBox(keys.key(SEAL_KEY));
		this.hashKey = new SecretKeySpec(keys.key(HASH_KEY), "HmacSHA256");
		this.auditing = auditing;
		this.months = new VaultMonths(this.jdbc);
	}

	/**
	 * Stores the calls of a controller; a call already in the vault (same caller, start
	 * and callee) is updated where it differs, so that storing the same calls again
	 * changes nothing.
	 * @return how many calls were added
	 */
	public long store(String controllerId, List<VaultCall> calls) {
		long added = store(controllerId, VaultRecords.CALLS, calls, VaultCall::start,
				(call) -> new String[] { call.start().toString(), hex(controllerId, call.caller()),
						hex(controllerId, call.callee()), seal(controllerId, call.caller()),
						seal(controllerId, call.callee()), Integer.toString(call.durationSeconds()),
						Boolean.toString(call.answered()), call.cell(), call.category() },
				"""
						INSERT INTO vault.cdr AS v (controller_id, start_at, caller_hash, callee_hash, caller_sealed,
						  callee_sealed, duration_seconds, answered, cell, category)
						SELECT ?, a.c1::timestamptz, decode(a.c2, 'hex'), decode(a.c3, 'hex'), a.c4, a.c5, a.c6::integer,
						       a.c7::boolean, a.c8, a.c9
						FROM %s
						ON CONFLICT (controller_id, caller_hash, start_at, callee_hash) DO UPDATE
						SET duration_seconds = EXCLUDED.duration_seconds, answered = EXCLUDED.answered,
						    cell = EXCLUDED.cell, category = EXCLUDED.category
						WHERE (v.duration_seconds, v.answered, v.cell, v.category)
						      IS DISTINCT FROM (EXCLUDED.duration_seconds, EXCLUDED.answered, EXCLUDED.cell,
						                        EXCLUDED.category)""");
		this.auditing.success("vault.store", controllerId, null, List.of(added + " calls"));
		return added;
	}

	/**
	 * Stores the telematic sessions of a controller; a session already in the vault (same
	 * address and start) is updated where it differs.
	 * @return how many sessions were added
	 */
	public long storeSessions(String controllerId, List<VaultSession> sessions) {
		long added = store(controllerId, VaultRecords.SESSIONS, sessions, VaultSession::start,
				(session) -> new String[] { session.start().toString(),
						hex(controllerId, address(session.assignedIp())), hex(controllerId, session.subscriber()),
						seal(controllerId, address(session.assignedIp())), seal(controllerId, session.subscriber()),
						(session.end() != null) ? session.end().toString() : null, Long.toString(session.bytesUp()),
						Long.toString(session.bytesDown()), session.category() },
				"""
						INSERT INTO vault.telematic_session AS v (controller_id, start_at, ip_hash, subscriber_hash,
						  ip_sealed, subscriber_sealed, end_at, bytes_up, bytes_down, category)
						SELECT ?, a.c1::timestamptz, decode(a.c2, 'hex'), decode(a.c3, 'hex'), a.c4, a.c5,
						       a.c6::timestamptz, a.c7::bigint, a.c8::bigint, a.c9
						FROM %s
						ON CONFLICT (controller_id, ip_hash, start_at) DO UPDATE
						SET subscriber_hash = EXCLUDED.subscriber_hash, subscriber_sealed = EXCLUDED.subscriber_sealed,
						    end_at = EXCLUDED.end_at, bytes_up = EXCLUDED.bytes_up, bytes_down = EXCLUDED.bytes_down,
						    category = EXCLUDED.category
						WHERE (v.subscriber_hash, v.end_at, v.bytes_up, v.bytes_down, v.category)
						      IS DISTINCT FROM (EXCLUDED.subscriber_hash, EXCLUDED.end_at, EXCLUDED.bytes_up,
						                        EXCLUDED.bytes_down, EXCLUDED.category)""");
		this.auditing.success("vault.store", controllerId, null, List.of(added + " sessions"));
		return added;
	}

	/**
	 * Seals the records (on every processor), then stores them a chunk at a time: the
	 * months they need created first, each chunk one statement that also counts what it
	 * added in the months' counts.
	 */
	private <T> long store(String controllerId, VaultRecords kind, List<T> records, Function<T, Instant> start,
			Function<T, @Nullable String[]> row, String insert) {
		long added = 0;
		for (int from = 0; from < records.size(); from += CHUNK) {
			List<T> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
			String[][] rows = ((chunk.size() > 500) ? chunk.parallelStream() : chunk.stream()).map(row)
				.toArray(String[][]::new);
			Instant lo = chunk.stream().map(start).min(Instant::compareTo).orElseThrow();
			Instant hi = chunk.stream().map(start).max(Instant::compareTo).orElseThrow();
			this.jdbc.sql("SELECT vault.create_partitions(:kind, :controller, :lo, :hi)")
				.param("kind", kind.table())
				.param("controller", controllerId)
				.param("lo", Timestamp.from(lo))
				.param("hi", Timestamp.from(hi))
				.query(Integer.class)
				.single();
			String sql = "WITH added AS (" + insert.formatted(UNNEST) + """
					 RETURNING (moved_at = now()) AS inserted, start_at, category),
					counted AS (SELECT date_trunc('month', start_at, 'UTC') AS month, category, count(*) AS n
					            FROM added WHERE inserted GROUP BY 1, 2),
					tallied AS (INSERT INTO vault.month_count AS m (kind, controller_id, month, category, records)
					            SELECT ?, ?, month, category, n FROM counted
					            ON CONFLICT (kind, controller_id, month, category)
					            DO UPDATE SET records = m.records + EXCLUDED.records)
					SELECT coalesce(sum(n), 0) FROM counted""";
			added += this.template
				.execute((ConnectionCallback<Long>) (connection) -> insert(connection, sql, controllerId, kind, rows));
		}
		return added;
	}

	private static long insert(Connection connection, String sql, String controllerId, VaultRecords kind,
			String[][] rows) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, controllerId);
			for (int column = 0; column < COLUMNS; column++) {
				String[] values = new String[rows.length];
				for (int r = 0; r < rows.length; r++) {
					values[r] = rows[r][column];
				}
				statement.setArray(2 + column, connection.createArrayOf("text", values));
			}
			statement.setString(2 + COLUMNS, kind.table());
			statement.setString(3 + COLUMNS, controllerId);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/**
	 * How many records of a category started before {@code cutoff} (only calls answered
	 * or not when {@code answered} says so) the vault holds.
	 */
	public long count(String controllerId, VaultRecords kind, String category, @Nullable Boolean answered,
			Instant cutoff) {
		return this.months.count(controllerId, kind, category, answered, cutoff);
	}

	/**
	 * Deletes the records of a category started before {@code cutoff} (only calls
	 * answered or not when {@code answered} says so): their time in the vault is over.
	 * Whole months go by dropping their partitions.
	 * @return how many records were deleted
	 */
	public long delete(String controllerId, VaultRecords kind, String category, @Nullable Boolean answered,
			Instant cutoff) {
		long deleted = this.months.delete(controllerId, kind, category, answered, cutoff);
		if (deleted > 0) {
			this.auditing.success("vault.delete", controllerId, category, List.of(deleted + " " + kind.table()));
		}
		return deleted;
	}

	/**
	 * The calls of a controller made from or to a number (E.164), started in
	 * {@code [from, to)}, oldest first.
	 */
	public List<VaultCall> calls(String controllerId, String number, Instant from, Instant to) {
		return calls(controllerId, number, from, to, Integer.MAX_VALUE);
	}

	/**
	 * The first {@code limit} calls of a controller made from or to a number (E.164),
	 * started in {@code [from, to)}, oldest first.
	 */
	public List<VaultCall> calls(String controllerId, String number, Instant from, Instant to, int limit) {
		return audited(controllerId, callsUnaudited(controllerId, number, from, to, limit));
	}

	/**
	 * The calls {@link #calls(String, String, Instant, Instant, int)} gives, read without
	 * an audit record of their own: for answers under a legal order, whose audit record
	 * names the order and every record handed over (and records a failed answer too).
	 */
	List<VaultCall> callsUnaudited(String controllerId, String number, Instant from, Instant to, int limit) {
		return this.jdbc.sql("""
				SELECT caller_sealed, callee_sealed, start_at, duration_seconds, answered, cell, category
				FROM vault.cdr
				WHERE controller_id = :controller AND (caller_hash = :hash OR callee_hash = :hash)
				  AND start_at >= :from AND start_at < :to
				ORDER BY start_at, caller_hash, callee_hash LIMIT :limit""")
			.param("controller", controllerId)
			.param("hash", hash(controllerId, number))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit)
			.query((rs, n) -> new VaultCall(open(rs.getString(1), controllerId), open(rs.getString(2), controllerId),
					rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getBoolean(5), rs.getString(6), rs.getString(7)))
			.list();
	}

	/**
	 * The first {@code limit} sessions of a subscriber (the account the network
	 * authenticated), started in {@code [from, to)}, oldest first.
	 */
	public List<VaultSession> sessionsOfSubscriber(String controllerId, String subscriber, Instant from, Instant to,
			int limit) {
		return audited(controllerId, sessionsOfSubscriberUnaudited(controllerId, subscriber, from, to, limit));
	}

	/** What {@link #sessionsOfSubscriber} gives, unaudited as {@link #callsUnaudited}. */
	List<VaultSession> sessionsOfSubscriberUnaudited(String controllerId, String subscriber, Instant from, Instant to,
			int limit) {
		return sessions(controllerId, "subscriber_hash", hash(controllerId, subscriber), from, to, limit);
	}

	/**
	 * The first {@code limit} sessions an address (IPv4 or IPv6, in any of its written
	 * forms) was assigned to, started in {@code [from, to)}, oldest first.
	 */
	public List<VaultSession> sessionsOfAddress(String controllerId, String ip, Instant from, Instant to, int limit) {
		return audited(controllerId, sessionsOfAddressUnaudited(controllerId, ip, from, to, limit));
	}

	/** What {@link #sessionsOfAddress} gives, unaudited as {@link #callsUnaudited}. */
	List<VaultSession> sessionsOfAddressUnaudited(String controllerId, String ip, Instant from, Instant to, int limit) {
		return sessions(controllerId, "ip_hash", hash(controllerId, address(ip)), from, to, limit);
	}

	/** What a read gave, once the read is audited. */
	private <T> List<T> audited(String controllerId, List<T> read) {
		this.auditing.success("vault.read", controllerId, null, List.of());
		return read;
	}

	private List<VaultSession> sessions(String controllerId, String column, byte[] hash, Instant from, Instant to,
			int limit) {
		return this.jdbc.sql("""
				SELECT subscriber_sealed, ip_sealed, start_at, end_at, bytes_up, bytes_down, category
				FROM vault.telematic_session
				WHERE controller_id = :controller AND %s = :hash AND start_at >= :from AND start_at < :to
				ORDER BY start_at, ip_hash LIMIT :limit""".formatted(column))
			.param("controller", controllerId)
			.param("hash", hash)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit)
			.query((rs, n) -> {
				Timestamp end = rs.getTimestamp(4);
				return new VaultSession(open(rs.getString(1), controllerId), open(rs.getString(2), controllerId),
						rs.getTimestamp(3).toInstant(), (end != null) ? end.toInstant() : null, rs.getLong(5),
						rs.getLong(6), rs.getString(7));
			})
			.list();
	}

	/**
	 * An address in one written form (as Java writes it), so that its keyed hash is the
	 * same however it was written; only literal addresses are accepted (never a name to
	 * look up).
	 */
	static String address(String ip) {
		String literal = ip.strip();
		int mask = literal.indexOf('/');
		if (mask >= 0) {
			literal = literal.substring(0, mask);
		}
		if (literal.isEmpty() || !literal.matches("[0-9A-Fa-f:.]+")) {
			throw new IllegalArgumentException("not an IP address");
		}
		try {
			return InetAddress.getByName(literal).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an IP address", ex);
		}
	}

	private String seal(String controllerId, String value) {
		return this.box.seal(value.getBytes(StandardCharsets.UTF_8), controllerId);
	}

	private String open(String sealed, String controllerId) {
		return new String(this.box.open(sealed, controllerId), StandardCharsets.UTF_8);
	}

	/** The keyed hash of a value, in hex, as a stored row passes it. */
	private String hex(String controllerId, String value) {
		return HEX.formatHex(hash(controllerId, value));
	}

	/** The keyed hash of a number, subscriber or address within a controller. */
	byte[] hash(String controllerId, String value) {
		byte[] controller = controllerId.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		// a finished MAC starts again under the same key
		Mac mac = this.macs.get();
		mac.update(controller);
		mac.update((byte) 0);
		return mac.doFinal(bytes);
	}

	private Mac mac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.hashKey);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Keyed hash failed", ex);
		}
	}

}
