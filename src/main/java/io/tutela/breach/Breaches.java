package io.tutela.breach;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The breach register in PostgreSQL, always read within one controller. */
@Repository
class Breaches {

	private final JdbcClient jdbc;

	Breaches(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a breach under the controller's next number, returned. */
	int insert(UUID id, String controllerId, Breach.Input in, Instant deadline, String actor, Instant now) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('breach-number:' || :c))")
			.param("c", controllerId)
			.query()
			.singleRow();
		int number = this.jdbc.sql("SELECT coalesce(max(number), 0) + 1 FROM breach WHERE controller_id = :c")
			.param("c", controllerId)
			.query(Integer.class)
			.single();
		this.jdbc
			.sql("""
					INSERT INTO breach (id, controller_id, number, title, occurred_at, aware_at, deadline, nature, description,
					  categories, subjects_approx, records_approx, consequences, measures_taken, measures_proposed, risk,
					  recorded_by, recorded_at)
					VALUES (:id, :c, :n, :title, :occurred, :aware, :deadline, :nature, :description, :categories, :subjects,
					  :records, :consequences, :taken, :proposed, :risk, :actor, :now)""")
			.param("id", id)
			.param("c", controllerId)
			.param("n", number)
			.param("title", in.title())
			.param("occurred", timestamp(in.occurredAt()))
			.param("aware", timestamp(in.awareAt()))
			.param("deadline", timestamp(deadline))
			.param("nature", List.copyOf(in.nature()).toArray(String[]::new))
			.param("description", in.description())
			.param("categories", List.copyOf(in.categories()).toArray(String[]::new))
			.param("subjects", in.subjectsApprox())
			.param("records", in.recordsApprox())
			.param("consequences", in.consequences())
			.param("taken", in.measuresTaken())
			.param("proposed", in.measuresProposed())
			.param("risk", in.risk())
			.param("actor", actor)
			.param("now", timestamp(now))
			.update();
		return number;
	}

	Optional<Breach> find(String controllerId, int number) {
		return this.jdbc.sql("SELECT * FROM breach WHERE controller_id = :c AND number = :n")
			.param("c", controllerId)
			.param("n", number)
			.query(Breaches::map)
			.optional();
	}

	/**
	 * Breaches of the controller, the most recently known first; open ones only if asked.
	 */
	List<Breach> list(String controllerId, boolean openOnly, int offset, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM breach WHERE controller_id = :c
				  AND (NOT :open OR (authority_notified_at IS NULL AND coalesce(notify_authority, true)))
				ORDER BY aware_at DESC, number DESC OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("open", openOnly)
			.param("o", offset)
			.param("l", limit)
			.query(Breaches::map)
			.list();
	}

	void decide(UUID id, Breach.Decision d, Instant now) {
		this.jdbc.sql("""
				UPDATE breach SET notify_authority = :na, authority_reason = :ar, notify_subjects = :ns,
				  subjects_reason = :sr, art34_exception = :ex, decided_at = :now WHERE id = :id""")
			.param("na", d.notifyAuthority())
			.param("ar", d.authorityReason())
			.param("ns", d.notifySubjects())
			.param("sr", d.subjectsReason())
			.param("ex", d.art34Exception())
			.param("now", timestamp(now))
			.param("id", id)
			.update();
	}

	void authorityNotified(UUID id, Instant at, @Nullable String latenessReason) {
		this.jdbc.sql("UPDATE breach SET authority_notified_at = :at, lateness_reason = :r WHERE id = :id")
			.param("at", timestamp(at))
			.param("r", latenessReason)
			.param("id", id)
			.update();
	}

	void subjectsNotified(UUID id, Instant at) {
		this.jdbc.sql("UPDATE breach SET subjects_notified_at = :at WHERE id = :id")
			.param("at", timestamp(at))
			.param("id", id)
			.update();
	}

	void event(UUID breachId, Instant at, String kind, String text, String actor) {
		this.jdbc.sql("""
				INSERT INTO breach_event (id, breach_id, at, kind, text, actor)
				VALUES (:id, :b, :at, :kind, :text, :actor)""")
			.param("id", UUID.randomUUID())
			.param("b", breachId)
			.param("at", timestamp(at))
			.param("kind", kind)
			.param("text", text)
			.param("actor", actor)
			.update();
	}

	List<Breach.Event> events(UUID breachId) {
		return this.jdbc.sql("SELECT * FROM breach_event WHERE breach_id = :b ORDER BY at, id")
			.param("b", breachId)
			.query((rs, n) -> new Breach.Event(rs.getTimestamp("at").toInstant(), rs.getString("kind"),
					rs.getString("text"), rs.getString("actor")))
			.list();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

	private static List<String> texts(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	private static @Nullable Long whole(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Boolean flag(ResultSet rs, String column) throws SQLException {
		boolean value = rs.getBoolean(column);
		return rs.wasNull() ? null : value;
	}

	static Breach map(ResultSet rs, int row) throws SQLException {
		return new Breach(rs.getObject("id", UUID.class), rs.getString("controller_id"), rs.getInt("number"),
				rs.getString("title"), instant(rs, "occurred_at"), rs.getTimestamp("aware_at").toInstant(),
				rs.getTimestamp("deadline").toInstant(), texts(rs, "nature"), rs.getString("description"),
				texts(rs, "categories"), whole(rs, "subjects_approx"), whole(rs, "records_approx"),
				rs.getString("consequences"), rs.getString("measures_taken"), rs.getString("measures_proposed"),
				rs.getString("risk"), flag(rs, "notify_authority"), rs.getString("authority_reason"),
				flag(rs, "notify_subjects"), rs.getString("subjects_reason"), rs.getString("art34_exception"),
				instant(rs, "decided_at"), instant(rs, "authority_notified_at"), rs.getString("lateness_reason"),
				instant(rs, "subjects_notified_at"), rs.getString("recorded_by"),
				rs.getTimestamp("recorded_at").toInstant());
	}

}
