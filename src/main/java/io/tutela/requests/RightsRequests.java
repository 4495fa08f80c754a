package io.tutela.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.tutela.policy.Policy;

/**
 * Rights requests and their append-only history, always within one controller.
 */
@Repository
class RightsRequests {

	private static final String COLUMNS = "id, controller_id, type, subject_id, subject_reference, requester, "
			+ "delegate_name, channel, identity_certain, received_at, details, state, first_due_on, due_on, extended, "
			+ "closed_at, proofs_purge_on, result_sealed IS NOT NULL AS has_result";

	private final JdbcClient jdbc;

	RightsRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(RightsRequest r) {
		this.jdbc.sql("""
				INSERT INTO rights_request (id, controller_id, type, subject_id, subject_reference, requester,
				    delegate_name, channel, identity_certain, received_at, details, state, first_due_on, due_on)
				VALUES (:id, :c, :type, :subject, :ref, :requester, :delegateName, :channel, :certain, :received,
				    :details, :state, :firstDue, :due)""")
			.param("id", r.id())
			.param("c", r.controllerId())
			.param("type", key(r.type()))
			.param("subject", r.subjectId())
			.param("ref", r.subjectReference())
			.param("requester", r.delegate() ? "delegate" : "subject")
			.param("delegateName", r.delegateName())
			.param("channel", key(r.channel()))
			.param("certain", r.identityCertain())
			.param("received", OffsetDateTime.ofInstant(r.receivedAt(), java.time.ZoneOffset.UTC))
			.param("details", r.details())
			.param("state", r.state().key())
			.param("firstDue", r.firstDueOn())
			.param("due", r.dueOn())
			.update();
	}

	/** Saves the request's state, deadline and closing. */
	void update(RightsRequest r) {
		this.jdbc.sql("""
				UPDATE rights_request SET state = :state, due_on = :due, extended = :extended, closed_at = :closed,
				    proofs_purge_on = :purge
				WHERE controller_id = :c AND id = :id""")
			.param("state", r.state().key())
			.param("due", r.dueOn())
			.param("extended", r.extended())
			.param("closed",
					(r.closedAt() != null) ? OffsetDateTime.ofInstant(r.closedAt(), java.time.ZoneOffset.UTC) : null)
			.param("purge", r.proofsPurgeOn())
			.param("c", r.controllerId())
			.param("id", r.id())
			.update();
	}

	Optional<RightsRequest> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM rights_request WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(RightsRequests::map)
			.optional();
	}

	/** The request, locked until the transaction ends, so that two steps do not cross. */
	Optional<RightsRequest> lock(String controllerId, UUID id) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM rights_request WHERE controller_id = :c AND id = :id FOR UPDATE")
			.param("c", controllerId)
			.param("id", id)
			.query(RightsRequests::map)
			.optional();
	}

	/**
	 * Requests of a controller, soonest due first: in a state (or every open one when
	 * {@code openOnly}), due before a day.
	 */
	List<RightsRequest> list(String controllerId, @Nullable RequestState state, boolean openOnly,
			@Nullable LocalDate dueBefore, int offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM rights_request WHERE controller_id = :c
				  AND (CAST(:state AS text) IS NULL OR state = CAST(:state AS text))
				  AND (NOT :openOnly OR state NOT IN ('answered', 'denied'))
				  AND (CAST(:dueBefore AS date) IS NULL OR due_on < CAST(:dueBefore AS date))
				ORDER BY due_on, received_at, id OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("state", (state != null) ? state.key() : null)
			.param("openOnly", openOnly)
			.param("dueBefore", dueBefore)
			.param("o", offset)
			.param("l", limit)
			.query(RightsRequests::map)
			.list();
	}

	/**
	 * How many requests of a controller are open, overdue on a day, and due before
	 * another.
	 */
	record OpenCounts(long open, long overdue, long dueBefore) {
	}

	/**
	 * The open requests of a controller, those due before {@code today} (overdue), and
	 * those due before {@code near}, counted in one pass.
	 */
	OpenCounts countOpen(String controllerId, LocalDate today, LocalDate near) {
		return this.jdbc.sql("""
				SELECT count(*) AS open, count(*) FILTER (WHERE due_on < :today) AS overdue,
				       count(*) FILTER (WHERE due_on < :near) AS due_before
				FROM rights_request WHERE controller_id = :c AND state NOT IN ('answered', 'denied')""")
			.param("c", controllerId)
			.param("today", today)
			.param("near", near)
			.query((rs, n) -> new OpenCounts(rs.getLong("open"), rs.getLong("overdue"), rs.getLong("due_before")))
			.single();
	}

	void event(String controllerId, UUID requestId, Instant at, String kind, String actor, @Nullable String reason,
			@Nullable LocalDate dueOn) {
		this.jdbc.sql("""
				INSERT INTO rights_request_event (request_id, controller_id, at, kind, actor, reason, due_on)
				VALUES (:r, :c, :at, :kind, :actor, :reason, :due)""")
			.param("r", requestId)
			.param("c", controllerId)
			.param("at", OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
			.param("kind", kind)
			.param("actor", actor)
			.param("reason", reason)
			.param("due", dueOn)
			.update();
	}

	List<RequestEvent> events(String controllerId, UUID requestId) {
		return this.jdbc.sql("""
				SELECT at, kind, actor, reason, due_on FROM rights_request_event
				WHERE controller_id = :c AND request_id = :r ORDER BY id""")
			.param("c", controllerId)
			.param("r", requestId)
			.query((rs, n) -> new RequestEvent(rs.getObject("at", OffsetDateTime.class).toInstant(),
					rs.getString("kind"), rs.getString("actor"), rs.getString("reason"),
					rs.getObject("due_on", LocalDate.class)))
			.list();
	}

	/**
	 * Before the subject is erased: their requests keep a reference in place of the link,
	 * so that they stay on record (accountability) while the subject goes.
	 */
	void unlink(String controllerId, UUID subjectId, String reference) {
		this.jdbc.sql("""
				UPDATE rights_request SET subject_reference = coalesce(subject_reference, :r)
				WHERE controller_id = :c AND subject_id = :s""")
			.param("r", reference)
			.param("c", controllerId)
			.param("s", subjectId)
			.update();
	}

	/** Records what an erasure kept, in the order of its answer, in one statement. */
	void storeKept(String controllerId, UUID requestId, List<Erasure.Kept> kept) {
		if (kept.isEmpty()) {
			return;
		}
		int n = kept.size();
		String[] kinds = new String[n];
		UUID[] ids = new UUID[n];
		String[] grounds = new String[n];
		String[] rules = new String[n];
		String[] untils = new String[n];
		String[] waiting = new String[n];
		String[] references = new String[n];
		for (int i = 0; i < n; i++) {
			Erasure.Kept k = kept.get(i);
			kinds[i] = k.kind();
			ids[i] = k.id();
			grounds[i] = k.ground().key();
			rules[i] = k.rule();
			untils[i] = (k.until() != null) ? k.until().toString() : null;
			waiting[i] = k.waitingFor();
			references[i] = k.legalReference();
		}
		this.jdbc
			.sql("""
					INSERT INTO rights_request_kept (request_id, controller_id, position, kind, record_id, ground, rule_id,
					  until, waiting_for, legal_reference)
					SELECT :r, :c, k.position - 1, k.kind, k.id, k.ground, k.rule, CAST(k.until AS date), k.waiting, k.reference
					FROM unnest(CAST(:kinds AS text[]), CAST(:ids AS uuid[]), CAST(:grounds AS text[]), CAST(:rules AS text[]),
					            CAST(:untils AS text[]), CAST(:waiting AS text[]), CAST(:references AS text[]))
					     WITH ORDINALITY AS k (kind, id, ground, rule, until, waiting, reference, position)""")
			.param("r", requestId)
			.param("c", controllerId)
			.param("kinds", kinds)
			.param("ids", ids)
			.param("grounds", grounds)
			.param("rules", rules)
			.param("untils", untils)
			.param("waiting", waiting)
			.param("references", references)
			.update();
	}

	/** What the request's erasure kept, in the order of its answer. */
	List<Erasure.Kept> kept(String controllerId, UUID requestId) {
		return this.jdbc.sql("""
				SELECT kind, record_id, ground, rule_id, until, waiting_for, legal_reference FROM rights_request_kept
				WHERE controller_id = :c AND request_id = :r ORDER BY position""")
			.param("c", controllerId)
			.param("r", requestId)
			.query((rs, n) -> new Erasure.Kept(rs.getString("kind"), rs.getObject("record_id", UUID.class),
					Erasure.Ground.valueOf(rs.getString("ground").toUpperCase(Locale.ROOT)), rs.getString("rule_id"),
					rs.getObject("until", LocalDate.class), rs.getString("waiting_for"),
					rs.getString("legal_reference")))
			.list();
	}

	void storeResult(String controllerId, UUID requestId, String sealed) {
		this.jdbc.sql("UPDATE rights_request SET result_sealed = :s WHERE controller_id = :c AND id = :id")
			.param("s", sealed)
			.param("c", controllerId)
			.param("id", requestId)
			.update();
	}

	Optional<String> result(String controllerId, UUID requestId) {
		return this.jdbc
			.sql("SELECT result_sealed FROM rights_request WHERE controller_id = :c AND id = :id "
					+ "AND result_sealed IS NOT NULL")
			.param("c", controllerId)
			.param("id", requestId)
			.query(String.class)
			.optional();
	}

	static String key(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	private static RightsRequest map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
		return new RightsRequest(rs.getObject("id", UUID.class), rs.getString("controller_id"),
				Policy.Right.valueOf(rs.getString("type").toUpperCase(Locale.ROOT)),
				rs.getObject("subject_id", UUID.class), rs.getString("subject_reference"),
				"delegate".equals(rs.getString("requester")), rs.getString("delegate_name"),
				Policy.RequestChannel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)),
				rs.getBoolean("identity_certain"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
				rs.getString("details"), RequestState.of(rs.getString("state")),
				rs.getObject("first_due_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
				rs.getBoolean("extended"), (closed != null) ? closed.toInstant() : null,
				rs.getObject("proofs_purge_on", LocalDate.class), rs.getBoolean("has_result"));
	}

}
