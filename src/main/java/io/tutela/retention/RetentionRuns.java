package io.tutela.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.records.RetentionDates;

/**
 * A retention run as of a day: for each rule of the policy, the records due and what was
 * done with them. Only rules counted from collection and acting by deletion or
 * segregation (into the justice vault) are applied so far, on the records whose module
 * offers them; anonymisation and pseudonymisation are reported as pending with what they
 * would take. Legal holds are not recorded yet, so nothing is held. A dry run changes
 * nothing; a run is one transaction on the operational tables (what it stored in the
 * vault before a cut is found there again when it resumes), and a second run finds
 * nothing more due.
 */
@Service
class RetentionRuns {

	private final Policies policies;

	private final List<RetentionTarget> targets;

	private final Auditing auditing;

	RetentionRuns(Policies policies, List<RetentionTarget> targets, Auditing auditing) {
		this.policies = policies;
		this.targets = targets;
		this.auditing = auditing;
	}

	/** What a run did with one rule. */
	record RuleReport(String rule, String category, String action, String status, long due, long done, long held,
			@Nullable Instant cutoff) {
	}

	/** A run's report. */
	record Report(String controllerId, LocalDate asOf, boolean dryRun, List<RuleReport> rules) {
	}

	@Transactional
	Report run(String controllerId, LocalDate asOf, boolean dryRun) {
		Policy policy = this.policies.current(controllerId);
		ZoneId zone = policy.controller().timezone();
		List<RuleReport> reports = new ArrayList<>();
		for (Policy.RetentionRule rule : policy.retention()) {
			String action = rule.action().name().toLowerCase(Locale.ROOT);
			RetentionTarget target = this.targets.stream()
				.filter((t) -> t.covers(policy, rule))
				.findFirst()
				.orElse(null);
			if (target == null || rule.trigger() != Policy.Trigger.COLLECTED) {
				reports.add(new RuleReport(rule.id(), rule.category(), action, "not applied yet", 0, 0, 0, null));
				continue;
			}
			Instant cutoff = RetentionDates.firstKept(asOf, rule.duration()).atStartOfDay(zone).toInstant();
			if (rule.action() == Policy.Action.SEGREGATE) {
				reports.add(segregate(policy, rule, target, asOf, cutoff, dryRun));
				continue;
			}
			long due = target.due(policy, rule, cutoff);
			if (rule.action() != Policy.Action.DELETE) {
				reports.add(new RuleReport(rule.id(), rule.category(), action, "pending", due, 0, 0, cutoff));
				continue;
			}
			long done = (dryRun || due == 0) ? 0 : target.delete(policy, rule, cutoff);
			reports.add(new RuleReport(rule.id(), rule.category(), action, dryRun ? "dry run" : "applied", due, done, 0,
					cutoff));
			if (done > 0) {
				this.auditing.success("retention." + action, controllerId, rule.category(), List.of());
			}
		}
		this.auditing.success(dryRun ? "retention.preview" : "retention.run", controllerId, null, List.of());
		return new Report(controllerId, asOf, dryRun, reports);
	}

	/**
	 * Moves into the vault what a segregation rule makes due, leaving to the rule it
	 * leads to (deletion after the vault's period) what that rule already makes due.
	 */
	private RuleReport segregate(Policy policy, Policy.RetentionRule rule, RetentionTarget target, LocalDate asOf,
			Instant cutoff, boolean dryRun) {
		ZoneId zone = policy.controller().timezone();
		Instant floor = policy.retention()
			.stream()
			.filter((next) -> next.id().equals(rule.then()))
			.findFirst()
			.map((next) -> RetentionDates.firstKept(asOf, next.duration()).atStartOfDay(zone).toInstant())
			.orElse(Instant.EPOCH);
		long due = target.dueForSegregation(policy, rule, floor, cutoff);
		if (!target.segregates(policy, rule)) {
			return new RuleReport(rule.id(), rule.category(), "segregate",
					"pending: these records do not go to the justice vault yet", due, 0, 0, cutoff);
		}
		long done = (dryRun || due == 0) ? 0 : target.segregate(policy, rule, floor, cutoff);
		if (done > 0) {
			this.auditing.success("retention.segregate", policy.controller().id(), rule.category(), List.of());
		}
		return new RuleReport(rule.id(), rule.category(), "segregate", dryRun ? "dry run" : "applied", due, done, 0,
				cutoff);
	}

}
