package io.tutela.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;
import io.tutela.web.DashboardSource;

/**
 * The dashboard's figures of marketing contacts: the objections by e-mail waiting for a
 * person (the inbox's open list) and the subjects the newest re-check listed as stale, by
 * reason (the stale-contact list). Counts only: no personal data is read.
 */
@Component
class InboxFigures implements DashboardSource {

	private final JdbcClient jdbc;

	private final Policies policies;

	InboxFigures(JdbcClient jdbc, Policies policies) {
		this.jdbc = jdbc;
		this.policies = policies;
	}

	@Override
	public List<Figure> figures(String controllerId, Instant now) {
		if (this.policies.current(controllerId).marketing() == null) {
			return List.of();
		}
		long waiting = this.jdbc.sql(
				"SELECT count(*) FROM consent_inbox_message WHERE controller_id = :c AND state IN ('proposed', 'pending')")
			.param("c", controllerId)
			.query(Long.class)
			.single();
		Map<String, Long> stale = this.jdbc
			.sql("SELECT reason, count(*) FROM stale_contact WHERE controller_id = :c GROUP BY reason")
			.param("c", controllerId)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		String inbox = "/controllers/" + controllerId + "/consent-inbox?open=true";
		String list = "/controllers/" + controllerId + "/stale-contacts";
		long expired = stale.getOrDefault("contact_expired", 0L);
		long recheck = stale.getOrDefault("interest_recheck_due", 0L);
		return List.of(
				new Figure("objections-waiting", "dashboard.objections", waiting, (waiting > 0) ? "warn" : "ok", inbox,
						List.of(), 31),
				new Figure("contacts-stale", "dashboard.staleContacts", expired + recheck,
						(expired > 0) ? "late" : (recheck > 0) ? "warn" : "ok", list,
						List.of(new Bar("stale.reason.contact_expired", expired, "late", null),
								new Bar("stale.reason.interest_recheck_due", recheck, "warn", null)),
						32));
	}

}
