package io.tutela.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.tutela.policy.RecordKind;

/**
 * Legal holds (a disputed bill, a court order): while active, a hold keeps the records it
 * covers (one subject or all, one record kind or all, collected inside a window or at any
 * time) from the retention rules that name its kind, and from erasure.
 */
@Service
public class LegalHolds {

	private final JdbcClient jdbc;

	private final Clock clock;

	LegalHolds(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * An active hold's reach: null fields cover everything.
	 *
	 * @param kind the policy's {@code legal_holds} id
	 * @param recordKind the kind key ({@code cdr}, {@code support_ticket})
	 */
	public record Scope(UUID id, String kind, @Nullable UUID subjectId, @Nullable String recordKind,
			@Nullable Instant from, @Nullable Instant until) {

		/**
		 * Whether it covers a record of a subject (null: of nobody known), kind and time.
		 */
		public boolean covers(@Nullable UUID subject, RecordKind kind, Instant at) {
			return (this.subjectId == null || this.subjectId.equals(subject))
					&& (this.recordKind == null || this.recordKind.equals(kind.key()))
					&& (this.from == null || !at.isBefore(this.from))
					&& (this.until == null || at.isBefore(this.until));
		}

		/**
		 * A SQL condition true for the rows it covers, on a table of one record kind
		 * whose subject and time are the given columns (values are typed, so written
		 * inline).
		 */
		String sql(String subjectColumn, String timeColumn) {
			StringBuilder sql = new StringBuilder("(TRUE");
			if (this.subjectId != null) {
				sql.append(" AND ").append(subjectColumn).append(" = '").append(this.subjectId).append("'::uuid");
			}
			if (this.from != null) {
				sql.append(" AND ").append(timeColumn).append(" >= '").append(this.from).append("'::timestamptz");
			}
			if (this.until != null) {
				sql.append(" AND ").append(timeColumn).append(" < '").append(this.until).append("'::timestamptz");
			}
			return sql.append(')').toString();
		}

	}

	/**
	 * Whether an active hold of any kind covers a record of the subject, of the kind,
	 * from that instant: what erasure must leave in place.
	 */
	public boolean holds(String controllerId, @Nullable UUID subjectId, RecordKind kind, Instant at) {
		return active(controllerId).stream().anyMatch((s) -> s.covers(subjectId, kind, at));
	}

	/** The active holds of a controller. */
	public List<Scope> active(String controllerId) {
		return this.jdbc.sql("""
				SELECT id, kind, subject_id, record_kind, from_at, until_at FROM legal_hold
				WHERE controller_id = :c AND released_at IS NULL ORDER BY created_at""")
			.param("c", controllerId)
			.query((rs, n) -> new Scope(rs.getObject("id", UUID.class), rs.getString("kind"),
					rs.getObject("subject_id", UUID.class), rs.getString("record_kind"),
					instant(rs.getTimestamp("from_at")), instant(rs.getTimestamp("until_at"))))
			.list();
	}

	/**
	 * The active holds of the given kinds (a rule's {@code holds}) that reach a record
	 * kind.
	 */
	public List<Scope> active(String controllerId, Collection<String> kinds, RecordKind recordKind) {
		return active(controllerId).stream()
			.filter((s) -> kinds.contains(s.kind()))
			.filter((s) -> s.recordKind() == null || s.recordKind().equals(recordKind.key()))
			.toList();
	}

	/**
	 * A SQL condition true for the rows any of the scopes covers ({@code FALSE} for
	 * none).
	 */
	public static String sql(List<Scope> scopes, String subjectColumn, String timeColumn) {
		return scopes.isEmpty() ? "FALSE"
				: scopes.stream()
					.map((s) -> s.sql(subjectColumn, timeColumn))
					.collect(Collectors.joining(" OR ", "(", ")"));
	}

	/** A hold as listed. */
	record Hold(UUID id, String kind, @Nullable UUID subjectId, @Nullable String recordKind, @Nullable Instant from,
			@Nullable Instant until, String reason, Instant createdAt, String createdBy, @Nullable Instant releasedAt,
			@Nullable String releasedBy) {
	}

	List<Hold> list(String controllerId) {
		return this.jdbc.sql("SELECT * FROM legal_hold WHERE controller_id = :c ORDER BY created_at DESC")
			.param("c", controllerId)
			.query((rs, n) -> new Hold(rs.getObject("id", UUID.class), rs.getString("kind"),
					rs.getObject("subject_id", UUID.class), rs.getString("record_kind"),
					instant(rs.getTimestamp("from_at")), instant(rs.getTimestamp("until_at")), rs.getString("reason"),
					rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
					instant(rs.getTimestamp("released_at")), rs.getString("released_by")))
			.list();
	}

	UUID create(String controllerId, String kind, @Nullable UUID subjectId, @Nullable RecordKind recordKind,
			@Nullable Instant from, @Nullable Instant until, String reason, String by) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO legal_hold (id, controller_id, kind, subject_id, record_kind, from_at, until_at, reason,
				  created_at, created_by)
				VALUES (:id, :c, :kind, :subject, :recordKind, :from, :until, :reason, :now, :by)""")
			.param("id", id)
			.param("c", controllerId)
			.param("kind", kind)
			.param("subject", subjectId)
			.param("recordKind", (recordKind != null) ? recordKind.key() : null)
			.param("from", timestamp(from))
			.param("until", timestamp(until))
			.param("reason", reason)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("by", by)
			.update();
		return id;
	}

	/** Releases an active hold; false when there is none with that id. */
	boolean release(String controllerId, UUID id, String by) {
		return this.jdbc.sql("""
				UPDATE legal_hold SET released_at = :now, released_by = :by
				WHERE controller_id = :c AND id = :id AND released_at IS NULL""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("by", by)
			.param("c", controllerId)
			.param("id", id)
			.update() > 0;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
