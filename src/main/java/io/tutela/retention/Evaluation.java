package io.tutela.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.HeldRecord;
import io.tutela.records.RecordSource;
import io.tutela.records.RetentionDates;
import io.tutela.records.RetentionSteps;

/**
 * What the rules of a policy make due as of a day, and their actions applied. Records
 * kept by subject are visited subject by subject: every module's {@link RecordSource}
 * tells what it holds, {@link RetentionSteps} (the same steps the subject 360 shows)
 * which rules are due, and the module that owns the kind ({@link RetainedRecords})
 * applies them. Traffic data go in bulk by time through a {@link RetentionTarget}.
 * Records an active legal hold of a kind the rule names covers are left and counted as
 * held.
 */
@Component
class Evaluation {

	/** How the engine handles a rule. */
	enum Handling {

		/** Records found subject by subject. */
		RECORDS,
		/** Records in bulk by time. */
		BULK,
		/** No records of the rule's category are kept in Tutela. */
		NONE

	}

	private final List<RecordSource> sources;

	private final List<RetainedRecords> modules;

	private final List<RetentionTarget> targets;

	private final LegalHolds holds;

	private final JdbcClient jdbc;

	private final Clock clock;

	Evaluation(List<RecordSource> sources, List<RetainedRecords> modules, List<RetentionTarget> targets,
			LegalHolds holds, JdbcClient jdbc, Clock clock) {
		this.sources = sources;
		this.modules = modules;
		this.targets = targets;
		this.holds = holds;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Handling handling(Policy policy, Policy.RetentionRule rule) {
		if (target(policy, rule) != null) {
			return Handling.BULK;
		}
		boolean kept = policy.records()
			.stream()
			.anyMatch((m) -> m.categories().contains(rule.category()) && module(m.kind()) != null);
		return kept ? Handling.RECORDS : Handling.NONE;
	}

	private @Nullable RetentionTarget target(Policy policy, Policy.RetentionRule rule) {
		return this.targets.stream().filter((t) -> t.covers(policy, rule)).findFirst().orElse(null);
	}

	private @Nullable RetainedRecords module(RecordKind kind) {
		return this.modules.stream().filter((m) -> m.kinds().contains(kind)).findFirst().orElse(null);
	}

	/** The next subjects a run visits, in id order. */
	List<UUID> subjects(String controllerId, @Nullable UUID after, int limit) {
		TreeSet<UUID> ids = new TreeSet<>(Comparator.comparing(UUID::toString));
		for (RetainedRecords module : this.modules) {
			ids.addAll(module.subjects(controllerId, after, limit));
		}
		return ids.stream().limit(limit).toList();
	}

	/** A record found due, and the rule to apply. */
	private record Due(RecordKind kind, UUID id, Policy.RetentionRule rule) {
	}

	/**
	 * Counts (and unless a dry run, applies) what the rules make due for the records of
	 * these subjects, recording the rules applied to records that stay.
	 */
	void subjects(Policy policy, LocalDate asOf, boolean dryRun, List<UUID> subjects, Tally tally,
			@Nullable UUID runId) {
		String controllerId = policy.controller().id();
		List<LegalHolds.Scope> active = this.holds.active(controllerId);
		Map<UUID, Map<String, HeldRecord>> found = new LinkedHashMap<>();
		Set<UUID> ids = new HashSet<>();
		for (UUID subject : subjects) {
			Map<String, HeldRecord> records = new LinkedHashMap<>();
			for (RecordSource source : this.sources) {
				for (HeldRecord record : source.recordsOf(controllerId, subject)) {
					if (module(record.kind()) != null) {
						records.put(record.kind().key() + '/' + record.id(), record);
						ids.add(record.id());
					}
				}
			}
			found.put(subject, records);
		}
		Set<String> applied = applied(controllerId, ids);
		Set<String> seen = new HashSet<>();
		List<Due> due = new ArrayList<>();
		found.forEach((subject, records) -> records.values().forEach((record) -> {
			for (RetentionSteps.Step step : RetentionSteps.of(policy, record, asOf)) {
				String key = step.rule().id() + '/' + record.kind().key() + '/' + record.id();
				if (!step.due() || applied.contains(key)) {
					continue;
				}
				if (!seen.add(key)) {
					break;
				}
				if (held(active, step.rule(), subject, record)) {
					tally.held(step.rule().id(), 1);
					break;
				}
				RetainedRecords module = module(record.kind());
				if (module == null || !module.supports(record.kind(), step.rule().action())) {
					continue;
				}
				tally.due(step.rule().id(), 1);
				due.add(new Due(record.kind(), record.id(), step.rule()));
				if (step.rule().action() == Policy.Action.DELETE) {
					break;
				}
			}
		}));
		if (!dryRun && runId != null) {
			apply(controllerId, due, tally, runId);
		}
	}

	private static boolean held(List<LegalHolds.Scope> active, Policy.RetentionRule rule, UUID subject,
			HeldRecord record) {
		return active.stream()
			.anyMatch((s) -> rule.holds().contains(s.kind()) && s.covers(subject, record.kind(), record.collectedAt()));
	}

	/** The rules already applied to these records, as {@code rule/kind/id}. */
	private Set<String> applied(String controllerId, Set<UUID> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("""
				SELECT rule_id || '/' || record_kind || '/' || record_id FROM retention_applied
				WHERE controller_id = :c AND record_id = ANY (:ids)""")
			.param("c", controllerId)
			.param("ids", ids.toArray(UUID[]::new))
			.query(String.class)
			.list());
	}

	/**
	 * Applies what is due, kind by kind in an order that removes what refers to a record
	 * before the record (payments before invoices, invoices before contracts, the subject
	 * last).
	 */
	private void apply(String controllerId, List<Due> due, Tally tally, UUID runId) {
		Map<String, List<Due>> groups = new LinkedHashMap<>();
		due.stream()
			.sorted(Comparator.comparingInt((Due d) -> rank(d.kind())))
			.forEach((d) -> groups.computeIfAbsent(d.kind() + "/" + d.rule().id(), (k) -> new ArrayList<>()).add(d));
		Timestamp now = Timestamp.from(this.clock.instant());
		for (List<Due> group : groups.values()) {
			Due first = group.get(0);
			RetainedRecords module = module(first.kind());
			if (module == null) {
				continue;
			}
			long done = module.apply(controllerId, first.kind(), group.stream().map(Due::id).toList(),
					first.rule().action());
			tally.done(first.rule().id(), done);
			if (first.rule().action() != Policy.Action.DELETE) {
				for (Due d : group) {
					this.jdbc
						.sql("""
								INSERT INTO retention_applied (controller_id, rule_id, record_kind, record_id, run_id, applied_at)
								VALUES (:c, :rule, :kind, :id, :run, :now) ON CONFLICT DO NOTHING""")
						.param("c", controllerId)
						.param("rule", d.rule().id())
						.param("kind", d.kind().key())
						.param("id", d.id())
						.param("run", runId)
						.param("now", now)
						.update();
				}
			}
		}
	}

	private static int rank(RecordKind kind) {
		return switch (kind) {
			case PAYMENT, CALL_NOTE -> 0;
			case INVOICE -> 1;
			case SUBJECT -> 4;
			case CONTRACT -> 3;
			default -> 2;
		};
	}

	/** Whether a bulk rule can be applied, or why not. */
	@Nullable String pending(Policy policy, Policy.RetentionRule rule) {
		RetentionTarget target = target(policy, rule);
		if (target == null || rule.trigger() != Policy.Trigger.COLLECTED) {
			return "pending: only periods counted from collection act on these records in bulk";
		}
		if (rule.action() == Policy.Action.SEGREGATE && !target.segregates(policy, rule)) {
			return "pending: these records do not go to the justice vault yet";
		}
		if (rule.action() != Policy.Action.SEGREGATE && rule.action() != Policy.Action.DELETE) {
			return "pending: " + RetentionSteps.key(rule.action()) + " of these records";
		}
		return null;
	}

	/**
	 * A rule over records in bulk by time: counted, and unless a dry run applied, leaving
	 * what holds keep. A segregation leaves to the rule it leads to (deletion after the
	 * vault's period) what that rule already makes due.
	 */
	void bulk(Policy policy, Policy.RetentionRule rule, LocalDate asOf, boolean dryRun, Tally tally) {
		RetentionTarget target = target(policy, rule);
		if (target == null) {
			return;
		}
		ZoneId zone = policy.controller().timezone();
		Instant cutoff = RetentionDates.firstKept(asOf, rule.duration()).atStartOfDay(zone).toInstant();
		List<LegalHolds.Scope> held = held(policy, rule);
		boolean applies = pending(policy, rule) == null;
		if (rule.action() == Policy.Action.SEGREGATE) {
			Optional<Policy.RetentionRule> next = policy.rule((rule.then() != null) ? rule.then() : "");
			Instant floor = next.map((n) -> RetentionDates.firstKept(asOf, n.duration()).atStartOfDay(zone).toInstant())
				.orElse(Instant.EPOCH);
			tally.due(rule.id(), target.dueForSegregation(policy, rule, floor, cutoff, held));
			tally.held(rule.id(), target.held(policy, rule, floor, cutoff, held));
			if (applies && !dryRun && tally.due(rule.id()) > 0) {
				boolean floorFree = next.map((n) -> held(policy, n).isEmpty()).orElse(true);
				tally.done(rule.id(), target.segregate(policy, rule, floor, cutoff, held, floorFree));
			}
			return;
		}
		tally.due(rule.id(), target.due(policy, rule, cutoff, held));
		tally.held(rule.id(), target.held(policy, rule, Instant.EPOCH, cutoff, held));
		if (applies && !dryRun && tally.due(rule.id()) > 0) {
			tally.done(rule.id(), target.delete(policy, rule, cutoff, held));
		}
	}

	/** The active holds that keep records of the rule. */
	private List<LegalHolds.Scope> held(Policy policy, Policy.RetentionRule rule) {
		return this.holds.active(policy.controller().id(), rule.holds(), kindOf(policy, rule));
	}

	private static RecordKind kindOf(Policy policy, Policy.RetentionRule rule) {
		return policy.records()
			.stream()
			.filter((m) -> m.categories().contains(rule.category()))
			.map(Policy.RecordMapping::kind)
			.findFirst()
			.orElse(RecordKind.CDR);
	}

}
