package io.tutela.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.policy.ControllerSummary;
import io.tutela.policy.Policies;
import io.tutela.web.InvalidInputException;
import io.tutela.web.Paging;

/**
 * The periodic re-check of marketing contact data (Conecto: the data expire
 * {@code marketing.contact_expiry} after the last contact; Connext: continued interest is
 * asked again every {@code marketing.interest_recheck}). Every night, and on request,
 * each controller's subjects in marketing (a marketing entry on the ledger, or a
 * contract) are looked at: those whose last contact (the latest of the recorded last
 * contact, a marketing consent given, a contract: running means today) is older than
 * either period are listed, replacing the previous run's list. Dates are counted as
 * {@link ContactExpiry} counts them: calendar dates in the controller's zone.
 */
@Service
class StaleContacts {

	private static final Logger log = LoggerFactory.getLogger(StaleContacts.class);

	private final JdbcClient jdbc;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	StaleContacts(JdbcClient jdbc, Policies policies, Auditing auditing, Clock clock) {
		this.jdbc = jdbc;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	@Scheduled(cron = "${tutela.consent.recheck-cron:0 30 2 * * *}")
	void recheckAll() {
		for (ControllerSummary controller : this.policies.controllers()) {
			if (controller.currentVersion() == 0) {
				continue;
			}
			try {
				recheck(controller.id(), this.clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("The re-check of stale contact data failed for {}: {}", controller.id(),
						ex.getClass().getSimpleName());
			}
		}
	}

	/**
	 * Lists again the controller's subjects whose contact data are stale or whose
	 * interest is due to be re-checked as of an instant; returns how many.
	 */
	@Transactional
	int recheck(String controllerId, Instant asOf) {
		Terms terms = Terms.of(this.policies.current(controllerId));
		this.jdbc.sql("DELETE FROM stale_contact WHERE controller_id = :c").param("c", controllerId).update();
		if (terms.marketingPurpose() == null
				|| (terms.contactExpiry() == null && interestRecheck(controllerId) == null)) {
			return 0;
		}
		Period expiry = terms.contactExpiry();
		Period recheck = interestRecheck(controllerId);
		LocalDate today = LocalDate.ofInstant(asOf, terms.zone());
		record Last(UUID subject, LocalDate last) {
		}
		List<Last> lasts = this.jdbc.sql("""
				WITH facts AS (
				  SELECT s.id, greatest(
				    CASE WHEN s.last_contact_at <= :now THEN CAST(s.last_contact_at AT TIME ZONE :zone AS date) END,
				    (SELECT max(CAST(e.occurred_at AT TIME ZONE :zone AS date)) FROM consent_event e
				      WHERE e.controller_id = :c AND e.subject_id = s.id AND e.event = 'given' AND e.purpose = :purpose
				        AND e.occurred_at <= :now),
				    (SELECT max(CASE WHEN k.end_date IS NULL OR k.end_date > :today THEN :today ELSE k.end_date END)
				      FROM contract k WHERE k.controller_id = :c AND k.subject_id = s.id AND k.start_date <= :today)
				  ) AS last
				  FROM subject s WHERE s.controller_id = :c
				    AND (EXISTS (SELECT 1 FROM consent_event e WHERE e.controller_id = :c AND e.subject_id = s.id
				                   AND e.purpose = :purpose)
				      OR EXISTS (SELECT 1 FROM contract k WHERE k.controller_id = :c AND k.subject_id = s.id)))
				SELECT id, last FROM facts WHERE last < :today ORDER BY id""")
			.param("c", controllerId)
			.param("now", Timestamp.from(asOf))
			.param("zone", terms.zone().getId())
			.param("today", today)
			.param("purpose", terms.marketingPurpose())
			.query((rs, n) -> new Last(rs.getObject("id", UUID.class), rs.getObject("last", LocalDate.class)))
			.list();
		List<UUID> flagged = new ArrayList<>();
		for (Last l : lasts) {
			String reason = null;
			LocalDate due = null;
			if (expiry != null && today.isAfter(l.last().plus(expiry))) {
				reason = "contact_expired";
				due = l.last().plus(expiry);
			}
			else if (recheck != null && today.isAfter(l.last().plus(recheck))) {
				reason = "interest_recheck_due";
				due = l.last().plus(recheck);
			}
			if (reason != null) {
				this.jdbc.sql("""
						INSERT INTO stale_contact (controller_id, subject_id, reason, last_contact, due_on, checked_at)
						VALUES (:c, :s, :reason, :last, :due, :at)""")
					.param("c", controllerId)
					.param("s", l.subject())
					.param("reason", reason)
					.param("last", l.last())
					.param("due", due)
					.param("at", Timestamp.from(asOf))
					.update();
				flagged.add(l.subject());
			}
		}
		this.auditing.success("stale_contact.recheck", controllerId, null, flagged);
		return flagged.size();
	}

	/** A page of the newest run's list, the longest stale first; audited. */
	List<Stale> list(String controllerId, int page, int size) {
		this.policies.controller(controllerId);
		var paging = Paging.problem(page, size);
		if (paging != null) {
			throw new InvalidInputException(List.of(paging));
		}
		List<Stale> found = this.jdbc.sql("""
				SELECT subject_id, reason, last_contact, due_on, checked_at FROM stale_contact
				WHERE controller_id = :c ORDER BY due_on, subject_id OFFSET :o LIMIT :l""")
			.param("c", controllerId)
			.param("o", page * size)
			.param("l", size)
			.query((rs, n) -> new Stale(rs.getObject("subject_id", UUID.class), rs.getString("reason"),
					rs.getObject("last_contact", LocalDate.class), rs.getObject("due_on", LocalDate.class),
					rs.getTimestamp("checked_at").toInstant()))
			.list();
		this.auditing.success("stale_contact.read", controllerId, null, found.stream().map(Stale::subjectId).toList());
		return found;
	}

	private @Nullable Period interestRecheck(String controllerId) {
		var marketing = this.policies.current(controllerId).marketing();
		return (marketing != null) ? marketing.interestRecheck() : null;
	}

	/**
	 * A subject whose marketing contact data went stale or whose interest is due to be
	 * asked again.
	 *
	 * @param reason {@code contact_expired} or {@code interest_recheck_due}
	 * @param dueOn the last day the data could be used, or the interest had to be asked
	 * again by
	 */
	record Stale(UUID subjectId, String reason, LocalDate lastContact, LocalDate dueOn, Instant checkedAt) {
	}

}
