package io.tutela.traffic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.vault.JusticeVault;
import io.tutela.vault.VaultCall;
import io.tutela.vault.VaultSession;

/**
 * The justice copy of traffic data, made soon after ingest: each import records, in its
 * own transaction, what it loaded ({@code traffic_sealing}: controller, table, the
 * import's {@code loaded_at} or every record of some months, the range of starts); this
 * step copies those records into the vault a month at a time, sealed and keyed-hashed,
 * and counts them in {@code traffic_month}. A month of an entry is taken off the entry
 * (or the entry removed) only after the vault has committed its records, in the
 * transaction that locks the entry: a crash in between leaves the entry, and sealing it
 * again stores nothing twice (the vault's natural keys) and counts once (the counts are
 * written with the entry's change).
 */
@Component
class TrafficSealing {

	private static final Logger log = LoggerFactory.getLogger(TrafficSealing.class);

	/** Records handed to the vault at a time. */
	private static final int BATCH = 20_000;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate stream;

	private final TransactionTemplate transaction;

	private final JusticeVault vault;

	TrafficSealing(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions,
			JusticeVault vault) {
		this.jdbc = jdbc;
		JdbcTemplate streaming = new JdbcTemplate(template.getDataSource());
		streaming.setFetchSize(BATCH);
		this.stream = new NamedParameterJdbcTemplate(streaming);
		this.transaction = new TransactionTemplate(transactions);
		this.vault = vault;
	}

	/** The background round: every entry of every controller, one month at a time. */
	@Scheduled(fixedDelayString = "${tutela.traffic.sealing.poll:PT10S}",
			initialDelayString = "${tutela.traffic.sealing.poll:PT10S}")
	void round() {
		long sealed = sealAll();
		if (sealed > 0) {
			log.info("{} traffic records sealed into the vault", sealed);
		}
	}

	/**
	 * Seals what every import recorded, skipping entries another transaction is sealing.
	 * @return how many records were read and copied
	 */
	long sealAll() {
		long sealed = 0;
		while (true) {
			Long done = this.transaction.execute((status) -> {
				Entry entry = lock("ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", Map.of());
				return (entry != null) ? sealMonth(entry) : null;
			});
			if (done == null) {
				return sealed;
			}
			sealed += done;
		}
	}

	/**
	 * Seals what the imports of a controller recorded for a table, waiting for a month
	 * being sealed elsewhere: afterwards the vault holds every record of the table that
	 * was committed before.
	 * @return how many records were read and copied
	 */
	long sealPending(String controllerId, String table) {
		List<Long> ids = this.jdbc
			.sql("SELECT id FROM traffic_sealing WHERE controller_id = :controller AND kind = :kind ORDER BY id")
			.param("controller", controllerId)
			.param("kind", table)
			.query(Long.class)
			.list();
		long sealed = 0;
		for (long id : ids) {
			while (true) {
				Long done = this.transaction.execute((status) -> {
					Entry entry = lock("AND id = :id FOR UPDATE", Map.of("id", id));
					return (entry != null) ? sealMonth(entry) : null;
				});
				if (done == null) {
					break;
				}
				sealed += done;
			}
		}
		return sealed;
	}

	/** Whether an import's records of a controller's table are still to be sealed. */
	boolean pending(String controllerId, String table) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM traffic_sealing WHERE controller_id = :controller AND kind = :kind)")
			.param("controller", controllerId)
			.param("kind", table)
			.query(Boolean.class)
			.single();
	}

	/**
	 * A condition on a traffic table's record {@code r}: it is already in the vault (no
	 * import's entry still reaches it).
	 */
	static String sealed(String table) {
		return "NOT EXISTS (SELECT 1 FROM traffic_sealing p WHERE p.controller_id = r.controller_id AND p.kind = '"
				+ table + "' AND r.start_at >= p.lo AND r.start_at < p.hi"
				+ " AND (p.loaded_at IS NULL OR p.loaded_at = r.loaded_at))";
	}

	private @Nullable Entry lock(String clause, Map<String, Object> params) {
		return this.jdbc
			.sql("SELECT id, controller_id, kind, loaded_at, lo, hi FROM traffic_sealing WHERE TRUE " + clause)
			.params(params)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
					rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
			.optional()
			.orElse(null);
	}

	/** Seals the first month of an entry and takes it off the entry. */
	private long sealMonth(Entry entry) {
		Instant month = month(entry.lo());
		Instant next = month.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
		Instant to = next.isBefore(entry.hi()) ? next : entry.hi();
		Map<String, Object> params = new HashMap<>();
		params.put("controller", entry.controllerId());
		params.put("from", Timestamp.from(entry.lo()));
		params.put("to", Timestamp.from(to));
		params.put("loaded", (entry.loadedAt() != null) ? Timestamp.from(entry.loadedAt()) : null);
		String range = " WHERE controller_id = :controller AND start_at >= :from AND start_at < :to"
				+ ((entry.loadedAt() != null) ? " AND loaded_at = :loaded" : "");
		Map<List<Object>, Long> counts = new HashMap<>();
		long read;
		if (entry.kind().equals("cdr")) {
			read = copy("SELECT caller, callee, start_at, duration_seconds, answered, cell, category FROM cdr" + range,
					params,
					(rs) -> new VaultCall(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
							rs.getInt(4), rs.getBoolean(5), rs.getString(6), rs.getString(7)),
					(calls) -> this.vault.store(entry.controllerId(), calls),
					(call) -> counts.merge(List.of(call.category(), call.answered()), 1L, Long::sum));
		}
		else {
			read = copy(
					"SELECT subscriber, host(assigned_ip), start_at, end_at, bytes_up, bytes_down, category"
							+ " FROM telematic_session" + range,
					params,
					(rs) -> new VaultSession(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
							instant(rs.getTimestamp(4)), rs.getLong(5), rs.getLong(6), rs.getString(7)),
					(sessions) -> this.vault.storeSessions(entry.controllerId(), sessions),
					(session) -> counts.merge(List.of(session.category()), 1L, Long::sum));
		}
		count(entry, month, counts);
		if (to.equals(entry.hi())) {
			this.jdbc.sql("DELETE FROM traffic_sealing WHERE id = :id").param("id", entry.id()).update();
		}
		else {
			this.jdbc.sql("UPDATE traffic_sealing SET lo = :lo WHERE id = :id")
				.param("lo", Timestamp.from(to))
				.param("id", entry.id())
				.update();
		}
		return read;
	}

	/**
	 * The month's counts: added for an import's records, counted again for whole months.
	 */
	private void count(Entry entry, Instant month, Map<List<Object>, Long> counts) {
		if (entry.loadedAt() == null) {
			this.jdbc.sql("SELECT traffic_recount(:kind, :controller, :month)")
				.param("kind", entry.kind())
				.param("controller", entry.controllerId())
				.param("month", Timestamp.from(month))
				.query((rs) -> {
				});
			return;
		}
		counts.forEach((key, n) -> this.jdbc.sql("""
				INSERT INTO traffic_month AS m (controller_id, kind, month, category, answered, records)
				VALUES (:controller, :kind, :month, :category, :answered, :n)
				ON CONFLICT (controller_id, kind, month, category, answered)
				DO UPDATE SET records = m.records + EXCLUDED.records""")
			.param("controller", entry.controllerId())
			.param("kind", entry.kind())
			.param("month", Timestamp.from(month))
			.param("category", key.get(0))
			.param("answered", (key.size() > 1) ? key.get(1) : null, java.sql.Types.BOOLEAN)
			.param("n", n)
			.update());
	}

	/**
	 * Reads the records and hands them to the vault a batch at a time, the vault storing
	 * one batch (on another thread, through its own connection) while the next is read.
	 */
	private <T> long copy(String sql, Map<String, Object> params, Row<T> row, Store<T> store, Counter<T> counter) {
		List<List<T>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
		long[] read = { 0 };
		ExecutorService storing = Executors.newSingleThreadExecutor();
		List<Future<Long>> stored = new ArrayList<>();
		try {
			this.stream.query(sql, params, (ResultSet rs) -> {
				T record = row.map(rs);
				counter.count(record);
				batch.get(0).add(record);
				read[0]++;
				if (batch.get(0).size() == BATCH) {
					List<T> full = batch.set(0, new ArrayList<>(BATCH));
					waitFor(stored);
					stored.add(storing.submit(() -> store.store(full)));
				}
			});
			waitFor(stored);
			if (!batch.get(0).isEmpty()) {
				store.store(batch.get(0));
			}
		}
		finally {
			storing.shutdownNow();
		}
		return read[0];
	}

	private static void waitFor(List<Future<Long>> stored) {
		try {
			for (Future<Long> batch : stored) {
				batch.get();
			}
			stored.clear();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("sealing interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException("sealing failed", ex.getCause());
		}
	}

	/** The start of the month (UTC) an instant is in. */
	static Instant month(Instant instant) {
		return instant.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Entry(long id, String controllerId, String kind, @Nullable Instant loadedAt, Instant lo,
			Instant hi) {
	}

	private interface Row<T> {

		T map(ResultSet rs) throws SQLException;

	}

	private interface Store<T> {

		long store(List<T> records);

	}

	private interface Counter<T> {

		void count(T record);

	}

}
