package io.tutela.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * The audit chain in PostgreSQL: the lock that serialises appends, the head, inserts
 * (batched, or {@code COPY} for many), the stream in seq order and searches.
 */
@Repository
class AuditEntries {

	/** The key of the transaction-scoped advisory lock every append takes. */
	static final long CHAIN_LOCK = 0x7475_7465_6c61_0a01L;

	/** From this many events an append goes through {@code COPY}. */
	static final int COPY_FROM = 64;

	static final String COLUMNS = "seq, occurred_at, actor, actor_role, controller_id, action, target_ids, category, "
			+ "purpose, outcome, client_address, prev_hash, hash";

	/** Takes the lock, then reads the head: see {@link #lockChainAndReadHead}. */
	private static final String HEAD = "SELECT seq, hash FROM audit_chain_head(?)";

	/**
	 * Makes the transaction it runs in commit without waiting for PostgreSQL to flush the
	 * commit to disk (the setting lasts until the transaction ends).
	 */
	static final String NO_FLUSH_AWAITED = "SELECT set_config('synchronous_commit', 'off', true)";

	/** The SQLSTATE {@code audit_require} raises. */
	static final String PRECONDITION_FAILED = "TA001";

	private static final int CONDITIONS_KEPT = 64;

	private static final int STREAM_FETCH_SIZE = 10_000;

	private static final int COPY_CHUNK = 1 << 16;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	private final JdbcTemplate plain;

	/** Preconditions parsed (their text is written by the callers, from constants). */
	private final Map<String, ParsedSql> conditions = new ConcurrentHashMap<>();

	AuditEntries(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(STREAM_FETCH_SIZE);
		this.plain = new JdbcTemplate(dataSource);
	}

	/**
	 * Waits for, and holds until the transaction ends, the right to append, then reads
	 * the seq and hash of the last event, if any: one round trip (the function
	 * {@code audit_chain_head} reads the head in a statement of its own once the lock is
	 * held, so it sees what the lock's previous holder committed). When
	 * {@code awaitFlush} is false, the transaction's commit does not wait for its flush
	 * (see {@link #withReadCounts}).
	 */
	Optional<Head> lockChainAndReadHead(boolean awaitFlush) {
		return withReadCounts(HEAD, AuditEntries::bindChainLock, AuditEntries::headIfAny, null, null, awaitFlush)
			.value();
	}

	/**
	 * {@link #lockChainAndReadHead} and then {@link AuditAlerts#COUNT_READS}, in one
	 * round trip (see {@link #withReadCounts}).
	 */
	WithReads<Optional<Head>> lockChainAndCountReads(ReadCounts reads, boolean awaitFlush) {
		return withReadCounts(HEAD, AuditEntries::bindChainLock, AuditEntries::headIfAny, reads, null, awaitFlush);
	}

	/**
	 * Appends one event in one round trip: the function {@code audit_append_one} takes
	 * the lock, reads the head and inserts the event linked after it (the event's
	 * canonical encoding is written here, the seq and hashes there). When {@code reads}
	 * is given, {@link AuditAlerts#COUNT_READS} goes with it (see
	 * {@link #withReadCounts}); when a precondition is, it is checked first, in the same
	 * round trip.
	 * @throws PreconditionFailedException when the precondition does not hold
	 */
	WithReads<AuditEntry> appendOne(AuditEvent event, @Nullable ReadCounts reads, @Nullable Precondition precondition,
			boolean awaitFlush) {
		return withReadCounts("SELECT seq, prev_hash, hash FROM audit_append_one(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				(ps, first) -> {
					ps.setLong(first, CHAIN_LOCK);
					bindContent(ps, first + 1, event);
					ps.setString(first + 11, CanonicalEncoding.afterSeq(event));
					return first + 12;
				}, (rs) -> {
					rs.next();
					return AuditEntry.of(rs.getLong("seq"), event, rs.getString("prev_hash"), rs.getString("hash"));
				}, reads, precondition, awaitFlush);
	}

	/**
	 * A statement that takes the chain's lock, and after it, when {@code reads} is given,
	 * {@link AuditAlerts#COUNT_READS}, in one round trip: the two statements go to the
	 * server together and run in their order, so the count runs under the lock, in a
	 * snapshot taken once the lock is held. A precondition goes before them both, as
	 * {@code SELECT audit_require(condition)}, which raises an error when the condition
	 * does not hold: the server then skips the statements after it, and rolls back what
	 * the round trip did (without a transaction around it, the statements sent together
	 * form one of their own). When {@code awaitFlush} is false, {@link #NO_FLUSH_AWAITED}
	 * goes first of all: the transaction they run in commits without waiting for its
	 * flush to disk.
	 * @param bind binds the statement's parameters from the index given and returns the
	 * index of the next
	 * @param result reads the statement's result
	 */
	private <T> WithReads<T> withReadCounts(String statement, Binding bind, Result<T> result,
			@Nullable ReadCounts reads, @Nullable Precondition precondition, boolean awaitFlush) {
		ParsedSql required = (precondition != null) ? parsed(precondition.condition()) : null;
		MapSqlParameterSource requiredParams = (precondition != null) ? new MapSqlParameterSource(precondition.params())
				: null;
		int leading = ((required != null) ? 1 : 0) + (awaitFlush ? 0 : 1);
		String sql = (awaitFlush ? "" : NO_FLUSH_AWAITED + ";\n")
				+ ((required != null) ? "SELECT audit_require("
						+ NamedParameterUtils.substituteNamedParameters(required, requiredParams) + ");\n" : "")
				+ statement + ((reads != null) ? ";\n" + AuditAlerts.COUNT_READS
						+ (";\n" + AuditAlerts.COUNT_OFF_HOURS).repeat(reads.offHours().size()) : "");
		return Objects.requireNonNull(this.plain.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(sql)) {
				int next = 1;
				if (required != null) {
					for (Object param : NamedParameterUtils.buildValueArray(required, requiredParams, null)) {
						ps.setObject(next++, param);
					}
				}
				next = bind.bind(ps, next);
				if (reads != null) {
					for (Object param : AuditAlerts.countReadsParams(reads.windowStarts(), reads.counts())) {
						ps.setObject(next++, param);
					}
					for (AuditAlerts.OffHoursCount count : reads.offHours()) {
						for (Object param : AuditAlerts.countOffHoursParams(count)) {
							ps.setObject(next++, param);
						}
					}
				}
				try {
					ps.execute();
				}
				catch (SQLException ex) {
					if (required != null && PRECONDITION_FAILED.equals(ex.getSQLState())) {
						throw new PreconditionFailedException();
					}
					throw ex;
				}
				for (int i = 0; i < leading; i++) {
					if (!ps.getMoreResults()) {
						throw new IllegalStateException("the append gave no result");
					}
				}
				T value;
				try (ResultSet rs = ps.getResultSet()) {
					value = result.read(rs);
				}
				if (reads == null) {
					return new WithReads<>(value, Map.of(), List.of());
				}
				Map<String, Long> before = readCounts(ps);
				List<Optional<Long>> raised = new ArrayList<>();
				for (int i = 0; i < reads.offHours().size(); i++) {
					if (!ps.getMoreResults()) {
						throw new IllegalStateException("an off-hours count gave no result");
					}
					try (ResultSet rs = ps.getResultSet()) {
						rs.next();
						raised.add(rs.getBoolean("created") ? Optional.of(rs.getLong("id")) : Optional.empty());
					}
				}
				return new WithReads<>(value, before, raised);
			}
		}));
	}

	/** A condition parsed, from the few the callers write. */
	private ParsedSql parsed(String condition) {
		ParsedSql parsed = this.conditions.get(condition);
		if (parsed == null) {
			if (this.conditions.size() >= CONDITIONS_KEPT) {
				this.conditions.clear();
			}
			parsed = NamedParameterUtils.parseSqlStatement(condition);
			this.conditions.put(condition, parsed);
		}
		return parsed;
	}

	@FunctionalInterface
	private interface Binding {

		int bind(PreparedStatement ps, int first) throws SQLException;

	}

	@FunctionalInterface
	private interface Result<T> {

		T read(ResultSet rs) throws SQLException;

	}

	/** The result of {@link AuditAlerts#COUNT_READS}, the statement's next. */
	private static Map<String, Long> readCounts(PreparedStatement ps) throws SQLException {
		if (!ps.getMoreResults()) {
			throw new IllegalStateException("the read counts gave no result");
		}
		Map<String, Long> before = new HashMap<>();
		try (ResultSet rs = ps.getResultSet()) {
			while (rs.next()) {
				before.put(rs.getString("actor"), rs.getLong("records"));
			}
		}
		return before;
	}

	/** An event's ten fields, in the order of {@link #COLUMNS} after the seq. */
	private static void bindContent(PreparedStatement ps, int first, AuditEvent e) throws SQLException {
		ps.setObject(first, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
		ps.setString(first + 1, e.actor());
		ps.setString(first + 2, e.actorRole());
		ps.setString(first + 3, e.controllerId());
		ps.setString(first + 4, e.action());
		ps.setArray(first + 5, ps.getConnection().createArrayOf("text", e.targetIds().toArray()));
		ps.setString(first + 6, e.category());
		ps.setString(first + 7, e.purpose());
		ps.setString(first + 8, e.outcome());
		ps.setString(first + 9, e.clientAddress());
	}

	private static int bindChainLock(PreparedStatement ps, int first) throws SQLException {
		ps.setLong(first, CHAIN_LOCK);
		return first + 1;
	}

	private static Optional<Head> headIfAny(ResultSet rs) throws SQLException {
		return rs.next() ? Optional.of(head(rs)) : Optional.empty();
	}

	private static Head head(ResultSet rs) throws SQLException {
		return new Head(rs.getLong("seq"), rs.getString("hash"));
	}

	void insert(List<AuditEntry> entries) {
		insert("audit_event", entries);
	}

	/**
	 * Inserts entries: a JDBC batch for a few, {@code COPY} for many.
	 * @param table {@code audit_event}, or a table of the same shape (the benchmark's)
	 */
	void insert(String table, List<AuditEntry> entries) {
		if (entries.size() >= COPY_FROM) {
			copy(table, entries);
		}
		else {
			batch(table, entries);
		}
	}

	private void batch(String table, List<AuditEntry> entries) {
		this.streaming.batchUpdate(
				"INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						AuditEntry e = entries.get(i);
						ps.setLong(1, e.seq());
						bindContent(ps, 2, e.event());
						ps.setString(12, e.prevHash());
						ps.setString(13, e.hash());
					}

					@Override
					public int getBatchSize() {
						return entries.size();
					}

				});
	}

	/**
	 * Writes the entries with PostgreSQL's {@code COPY} on the transaction's connection.
	 */
	private void copy(String table, List<AuditEntry> entries) {
		String sql = "COPY " + table + " (" + COLUMNS + ") FROM STDIN";
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
			try {
				StringBuilder rows = new StringBuilder(COPY_CHUNK + 1024);
				for (AuditEntry entry : entries) {
					CopyRows.append(rows, entry);
					if (rows.length() >= COPY_CHUNK) {
						write(copy, rows);
					}
				}
				write(copy, rows);
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		catch (SQLException ex) {
			DataAccessException translated = this.streaming.getExceptionTranslator().translate("COPY", sql, ex);
			throw (translated != null) ? translated : new IllegalStateException(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
		byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
		copy.writeToCopy(bytes, 0, bytes.length);
		rows.setLength(0);
	}

	/**
	 * Every event in seq order, fetched a page at a time so that memory stays constant;
	 * call it within a transaction (PostgreSQL streams only then).
	 */
	void forEach(Consumer<AuditEntry> action) {
		this.streaming.query("SELECT " + COLUMNS + " FROM audit_event ORDER BY seq",
				(ResultSet rs) -> action.accept(entry(rs)));
	}

	/** The events a search selects, newest first. */
	List<AuditEntry> search(AuditSearch search, int limit, long offset) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE true");
		List<Object> args = new ArrayList<>();
		condition(sql, args, "controller_id = ?", search.controllerId());
		condition(sql, args, "occurred_at >= ?",
				(search.from() != null) ? OffsetDateTime.ofInstant(search.from(), ZoneOffset.UTC) : null);
		condition(sql, args, "occurred_at < ?",
				(search.to() != null) ? OffsetDateTime.ofInstant(search.to(), ZoneOffset.UTC) : null);
		condition(sql, args, "actor = ?", search.actor());
		condition(sql, args, "action = ?", search.action());
		sql.append(" ORDER BY occurred_at DESC, seq DESC LIMIT ? OFFSET ?");
		args.add(limit);
		args.add(offset);
		return this.jdbc.sql(sql.toString()).params(args).query((rs, row) -> entry(rs)).list();
	}

	private static void condition(StringBuilder sql, List<Object> args, String condition, @Nullable Object value) {
		if (value != null) {
			sql.append(" AND ").append(condition);
			args.add(value);
		}
	}

	static AuditEntry entry(ResultSet rs) throws SQLException {
		Array targets = rs.getArray("target_ids");
		List<String> ids = Arrays.asList((String[]) targets.getArray());
		return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("actor_role"), rs.getString("controller_id"),
				rs.getString("action"), ids, rs.getString("category"), rs.getString("purpose"), rs.getString("outcome"),
				rs.getString("client_address"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	/** The last link of the chain. */
	record Head(long seq, String hash) {
	}

	/**
	 * Reads to count: each actor's window start, their records per minute, and those read
	 * off hours, per period.
	 */
	record ReadCounts(Map<String, Instant> windowStarts, List<AuditAlerts.ReadCount> counts,
			List<AuditAlerts.OffHoursCount> offHours) {
	}

	/**
	 * What a statement gave, each actor's read count in their window before the new reads
	 * (empty when none were counted), and for each off-hours count, in order, the id of
	 * the alert it raised, if it raised one.
	 */
	record WithReads<T>(T value, Map<String, Long> before, List<Optional<Long>> raisedOffHours) {
	}

}
