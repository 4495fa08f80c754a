package io.tutela.traffic;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Call detail records and telematic sessions in PostgreSQL, always read within one
 * controller and its operational window. Only the filters given go into the statement, so
 * that PostgreSQL prunes the monthly partitions and uses the indexes for each.
 */
@Repository
class TrafficRecords {

	/** The attributes retention rules may select call detail records on. */
	static final Map<String, String> CDR_ATTRIBUTES = Map.of("answered", "answered");

	/**
	 * The subject's number, by which their calls were linked to them (and are found
	 * through the table's key).
	 */
	static final String SUBJECT_PHONE = "(SELECT phone FROM subject WHERE id = :subject AND controller_id = :controller)";

	/** The subject's accounts, by which their sessions were linked to them. */
	static final String SUBJECT_ACCOUNTS = "(SELECT customer_code FROM subject WHERE id = :subject"
			+ " AND controller_id = :controller UNION SELECT portal_account FROM subject WHERE id = :subject"
			+ " AND controller_id = :controller)";

	private final JdbcClient jdbc;

	TrafficRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Filters of a search; null ones are left out. */
	record Filter(@Nullable UUID subjectId, @Nullable String number, @Nullable String address, @Nullable Instant from,
			@Nullable Instant to) {
	}

	/** Calls matching every filter within the window, the latest first. */
	List<Cdr> cdrs(String controllerId, OperationalWindow window, Filter filter, int offset, int limit) {
		Query query = new Query(controllerId, window, filter);
		if (filter.number() != null) {
			query.where("(caller = :number OR callee = :number)", "number", filter.number());
		}
		if (filter.subjectId() != null) {
			query.where("caller = " + SUBJECT_PHONE + " AND subject_id = :subject", "subject", filter.subjectId());
		}
		return query.run(this.jdbc, "cdr", "start_at DESC, caller, callee", offset, limit,
				(rs, n) -> cdr(controllerId, rs));
	}

	/** Sessions matching every filter within the window, the latest first. */
	List<TelematicSession> sessions(String controllerId, OperationalWindow window, Filter filter, int offset,
			int limit) {
		Query query = new Query(controllerId, window, filter);
		if (filter.number() != null) {
			query.where("subscriber = :subscriber", "subscriber", filter.number());
		}
		if (filter.subjectId() != null) {
			query.where("subscriber IN " + SUBJECT_ACCOUNTS + " AND subject_id = :subject", "subject",
					filter.subjectId());
		}
		if (filter.address() != null) {
			query.where("assigned_ip = CAST(:address AS inet)", "address", filter.address());
		}
		return query.run(this.jdbc, "telematic_session", "start_at DESC, assigned_ip", offset, limit,
				(rs, n) -> session(controllerId, rs));
	}

	boolean subjectExists(String controllerId, UUID subjectId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM subject WHERE id = :s AND controller_id = :c)")
			.param("s", subjectId)
			.param("c", controllerId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The traffic a subject holds, month by month (in UTC, as the tables are
	 * partitioned): one row per table, month and, for calls, answered or not; never the
	 * records themselves.
	 */
	List<Map<String, Object>> monthsOf(String controllerId, UUID subjectId) {
		return this.jdbc.sql("""
				SELECT 'cdr' AS kind, to_char(start_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, answered,
				       count(*) AS records, sum(duration_seconds) AS seconds, NULL::numeric AS bytes,
				       min(start_at) AS first_start, category,
				       array_to_string(purposes, ',') AS purposes
				FROM cdr WHERE controller_id = :controller AND caller = """ + SUBJECT_PHONE + """
				  AND subject_id = :subject
				GROUP BY 2, answered, category, 9
				UNION ALL
				SELECT 'telematic_session', to_char(start_at AT TIME ZONE 'UTC', 'YYYY-MM'), NULL, count(*), NULL,
				       sum(bytes_up + bytes_down), min(start_at), category,
				       array_to_string(purposes, ',')
				FROM telematic_session WHERE controller_id = :controller AND subscriber IN """ + SUBJECT_ACCOUNTS + """
				  AND subject_id = :subject
				GROUP BY 2, category, 9
				ORDER BY 1, 2, 3""").param("subject", subjectId).param("controller", controllerId).query().listOfRows();
	}

	private static Cdr cdr(String controllerId, ResultSet rs) throws SQLException {
		Instant start = rs.getTimestamp("start_at").toInstant();
		String caller = rs.getString("caller");
		String callee = rs.getString("callee");
		return new Cdr(Cdr.id(controllerId, caller, start, callee), caller, callee, start,
				rs.getInt("duration_seconds"), rs.getBoolean("answered"), rs.getString("cell"),
				rs.getObject("subject_id", UUID.class), rs.getString("category"), texts(rs.getArray("purposes")));
	}

	private static TelematicSession session(String controllerId, ResultSet rs) throws SQLException {
		Instant start = rs.getTimestamp("start_at").toInstant();
		String address = rs.getString("assigned_ip");
		Timestamp end = rs.getTimestamp("end_at");
		return new TelematicSession(TelematicSession.id(controllerId, address, start), rs.getString("subscriber"),
				address, start, (end != null) ? end.toInstant() : null, rs.getLong("bytes_up"),
				rs.getLong("bytes_down"), rs.getObject("subject_id", UUID.class), rs.getString("category"),
				texts(rs.getArray("purposes")));
	}

	static List<String> texts(@Nullable Array array) throws SQLException {
		return (array != null) ? List.copyOf(Arrays.asList((String[]) array.getArray())) : List.of();
	}

	/** A search statement put together from the filters given. */
	private static final class Query {

		private final List<String> conditions = new ArrayList<>();

		private final Map<String, Object> parameters = new LinkedHashMap<>();

		Query(String controllerId, OperationalWindow window, Filter filter) {
			where("controller_id = :controller", "controller", controllerId);
			this.conditions.add(window.condition());
			this.parameters.putAll(window.parameters());
			if (filter.from() != null) {
				where("start_at >= :from", "from", Timestamp.from(filter.from()));
			}
			if (filter.to() != null) {
				where("start_at < :to", "to", Timestamp.from(filter.to()));
			}
		}

		void where(String condition, String name, Object value) {
			this.conditions.add(condition);
			this.parameters.put(name, value);
		}

		<T> List<T> run(JdbcClient jdbc, String table, String order, int offset, int limit, RowMapper<T> mapper) {
			return jdbc
				.sql("SELECT * FROM " + table + " WHERE " + String.join(" AND ", this.conditions) + " ORDER BY " + order
						+ " OFFSET :offset LIMIT :limit")
				.params(this.parameters)
				.param("offset", offset)
				.param("limit", limit)
				.query(mapper)
				.list();
		}

	}

}
