package io.tutela.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.records.RetentionSteps;
import io.tutela.storage.DroppedTables;

/**
 * Retention runs as of a day: for each rule of the policy, the records due, done and
 * held. A run is stored with its progress: the subjects are visited in batches, each
 * batch's changes committed together with the run's counts and cursor, then each bulk
 * rule in its own transaction; a run cut off at any point resumes from the last batch
 * committed (the next request for the same day, or the schedule) and ends with the same
 * records changed and the same report. A dry run changes no record. A second run finds
 * nothing more due. A preview counts without storing anything.
 */
@Service
class RetentionRuns {

	private final Policies policies;

	private final Evaluation evaluation;

	private final Auditing auditing;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final DroppedTables dropped;

	private final int batchSize;

	RetentionRuns(Policies policies, Evaluation evaluation, Auditing auditing, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock, DroppedTables dropped,
			@Value("${tutela.retention.batch-subjects:200}") int batchSize) {
		this.dropped = dropped;
		this.policies = policies;
		this.evaluation = evaluation;
		this.auditing = auditing;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.batchSize = batchSize;
	}

	/** What a run found and did with one rule. */
	record RuleReport(String rule, String category, String action, String status, long due, long done, long held) {
	}

	/** A run's report; a preview has no id. */
	record Report(@Nullable UUID id, String controllerId, LocalDate asOf, boolean dryRun, String state, long subjects,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, List<RuleReport> rules) {

		public long due() {
			return this.rules.stream().mapToLong(RuleReport::due).sum();
		}

	}

	/** Runs (or resumes the unfinished run of the same day and kind) to its end. */
	Report run(String controllerId, LocalDate asOf, boolean dryRun, String by) {
		return run(controllerId, asOf, dryRun, by, this.batchSize, Integer.MAX_VALUE);
	}

	/**
	 * Runs at most {@code maxBatches} batches of {@code batchSize} subjects (then bulk
	 * rules count as one batch each), leaving the run unfinished when it stops before the
	 * end.
	 */
	Report run(String controllerId, LocalDate asOf, boolean dryRun, String by, int batchSize, int maxBatches) {
		Policy policy = this.policies.current(controllerId);
		UUID id = unfinished(controllerId, asOf, dryRun).orElseGet(() -> start(policy, asOf, dryRun, by));
		int batches = 0;
		while (batches < maxBatches) {
			Cursor cursor = cursor(id);
			if (cursor.subjectsDone()) {
				break;
			}
			List<java.util.UUID> subjects = this.evaluation.subjects(controllerId, cursor.after(), batchSize);
			this.transactions.executeWithoutResult((tx) -> {
				Tally tally = new Tally();
				this.evaluation.subjects(policy, asOf, dryRun, subjects, tally, id);
				save(id, tally, subjects.isEmpty() ? null : subjects.get(subjects.size() - 1), subjects.size(),
						subjects.size() < batchSize);
			});
			batches++;
		}
		for (Policy.RetentionRule rule : policy.retention()) {
			if (batches >= maxBatches) {
				return report(id);
			}
			if (this.evaluation.handling(policy, rule) != Evaluation.Handling.BULK || finished(id, rule.id())) {
				continue;
			}
			this.transactions.executeWithoutResult((tx) -> {
				Tally tally = new Tally();
				this.evaluation.bulk(policy, rule, asOf, dryRun, tally);
				this.jdbc.sql("""
						UPDATE retention_run_rule SET due = :due, done = :done, held = :held, finished = TRUE
						WHERE run_id = :run AND rule_id = :rule""")
					.param("due", tally.due(rule.id()))
					.param("done", tally.done(rule.id()))
					.param("held", tally.held(rule.id()))
					.param("run", id)
					.param("rule", rule.id())
					.update();
				if (tally.done(rule.id()) > 0) {
					this.auditing.success("retention." + RetentionSteps.key(rule.action()), controllerId,
							rule.category(), List.of());
				}
			});
			batches++;
		}
		this.jdbc
			.sql("UPDATE retention_run SET state = 'finished', finished_at = :now WHERE id = :id AND state = 'running'")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update();
		this.auditing.success(dryRun ? "retention.preview" : "retention.run", controllerId, null, List.of(id));
		if (!dryRun) {
			// the files of the months the run dropped, removed apart from it
			this.dropped.dropSoon();
		}
		return report(id);
	}

	/**
	 * What the rules would do as of a day, counted without storing or changing anything.
	 */
	Report preview(String controllerId, LocalDate asOf) {
		Policy policy = this.policies.current(controllerId);
		Tally tally = new Tally();
		long visited = 0;
		UUID after = null;
		while (true) {
			List<UUID> subjects = this.evaluation.subjects(controllerId, after, this.batchSize);
			this.evaluation.subjects(policy, asOf, true, subjects, tally, null);
			visited += subjects.size();
			if (subjects.size() < this.batchSize) {
				break;
			}
			after = subjects.get(subjects.size() - 1);
		}
		List<RuleReport> rules = new ArrayList<>();
		for (Policy.RetentionRule rule : policy.retention()) {
			if (this.evaluation.handling(policy, rule) == Evaluation.Handling.BULK) {
				this.evaluation.bulk(policy, rule, asOf, true, tally);
			}
			rules.add(new RuleReport(rule.id(), rule.category(), RetentionSteps.key(rule.action()),
					status(policy, rule, true), tally.due(rule.id()), 0, tally.held(rule.id())));
		}
		return new Report(null, controllerId, asOf, true, "preview", visited, null, null, rules);
	}

	private String status(Policy policy, Policy.RetentionRule rule, boolean dryRun) {
		return switch (this.evaluation.handling(policy, rule)) {
			case NONE -> "no records of this category in Tutela";
			case BULK -> {
				String pending = this.evaluation.pending(policy, rule);
				yield (pending != null) ? pending : (dryRun ? "dry run" : "applied");
			}
			case RECORDS -> dryRun ? "dry run" : "applied";
		};
	}

	private Optional<UUID> unfinished(String controllerId, LocalDate asOf, boolean dryRun) {
		return this.jdbc.sql("""
				SELECT id FROM retention_run WHERE controller_id = :c AND as_of = :asOf AND dry_run = :dry
				AND state = 'running' ORDER BY started_at LIMIT 1""")
			.param("c", controllerId)
			.param("asOf", asOf)
			.param("dry", dryRun)
			.query(UUID.class)
			.optional();
	}

	/** The runs left unfinished (cut off), oldest first. */
	List<Report> unfinished() {
		return this.jdbc.sql("SELECT id FROM retention_run WHERE state = 'running' ORDER BY started_at")
			.query(UUID.class)
			.list()
			.stream()
			.map(this::report)
			.toList();
	}

	private UUID start(Policy policy, LocalDate asOf, boolean dryRun, String by) {
		UUID id = UUID.randomUUID();
		this.transactions.executeWithoutResult((tx) -> {
			this.jdbc.sql("""
					INSERT INTO retention_run (id, controller_id, as_of, dry_run, started_by, state, started_at)
					VALUES (:id, :c, :asOf, :dry, :by, 'running', :now)""")
				.param("id", id)
				.param("c", policy.controller().id())
				.param("asOf", asOf)
				.param("dry", dryRun)
				.param("by", by)
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
			int position = 0;
			for (Policy.RetentionRule rule : policy.retention()) {
				this.jdbc.sql("""
						INSERT INTO retention_run_rule (run_id, position, rule_id, category, action, status, finished)
						VALUES (:run, :position, :rule, :category, :action, :status, :finished)""")
					.param("run", id)
					.param("position", position++)
					.param("rule", rule.id())
					.param("category", rule.category())
					.param("action", RetentionSteps.key(rule.action()))
					.param("status", status(policy, rule, dryRun))
					.param("finished", this.evaluation.handling(policy, rule) == Evaluation.Handling.NONE)
					.update();
			}
		});
		return id;
	}

	private record Cursor(@Nullable UUID after, boolean subjectsDone) {
	}

	private Cursor cursor(UUID id) {
		return this.jdbc.sql(
				"SELECT cursor, NOT EXISTS (SELECT 1 FROM retention_run_rule r WHERE r.run_id = :id AND NOT r.finished "
						+ "AND r.rule_id = ANY (:records)) FROM retention_run WHERE id = :id")
			.param("id", id)
			.param("records", recordRules(id))
			.query((rs, n) -> new Cursor(rs.getObject(1, UUID.class), rs.getBoolean(2)))
			.single();
	}

	/** The rules of a run that act subject by subject. */
	private String[] recordRules(UUID id) {
		String controllerId = this.jdbc.sql("SELECT controller_id FROM retention_run WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		Policy policy = this.policies.current(controllerId);
		return policy.retention()
			.stream()
			.filter((r) -> this.evaluation.handling(policy, r) == Evaluation.Handling.RECORDS)
			.map(Policy.RetentionRule::id)
			.toArray(String[]::new);
	}

	private void save(UUID id, Tally tally, @Nullable UUID last, int visited, boolean end) {
		tally.counts.forEach((rule, counts) -> this.jdbc.sql("""
				UPDATE retention_run_rule SET due = due + :due, done = done + :done, held = held + :held
				WHERE run_id = :run AND rule_id = :rule""")
			.param("due", counts[0])
			.param("done", counts[1])
			.param("held", counts[2])
			.param("run", id)
			.param("rule", rule)
			.update());
		this.jdbc.sql("""
				UPDATE retention_run SET cursor = coalesce(:last, cursor), subjects_done = subjects_done + :n
				WHERE id = :id""").param("last", last).param("n", visited).param("id", id).update();
		if (end) {
			this.jdbc
				.sql("UPDATE retention_run_rule SET finished = TRUE WHERE run_id = :id AND rule_id = ANY (:records)")
				.param("id", id)
				.param("records", recordRules(id))
				.update();
		}
	}

	private boolean finished(UUID id, String rule) {
		return this.jdbc.sql("SELECT finished FROM retention_run_rule WHERE run_id = :id AND rule_id = :rule")
			.param("id", id)
			.param("rule", rule)
			.query(Boolean.class)
			.single();
	}

	/** A stored run's report. */
	Report report(UUID id) {
		List<RuleReport> rules = this.jdbc.sql("""
				SELECT rule_id, category, action, status, due, done, held FROM retention_run_rule
				WHERE run_id = :id ORDER BY position""")
			.param("id", id)
			.query((rs, n) -> new RuleReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getLong(5), rs.getLong(6), rs.getLong(7)))
			.list();
		return this.jdbc.sql("SELECT * FROM retention_run WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> new Report(id, rs.getString("controller_id"), rs.getDate("as_of").toLocalDate(),
					rs.getBoolean("dry_run"), rs.getString("state"), rs.getLong("subjects_done"),
					rs.getTimestamp("started_at").toInstant(),
					(rs.getTimestamp("finished_at") != null) ? rs.getTimestamp("finished_at").toInstant() : null,
					rules))
			.single();
	}

	/** A controller's runs, newest first. */
	List<Report> list(String controllerId, int limit) {
		return this.jdbc
			.sql("SELECT id FROM retention_run WHERE controller_id = :c ORDER BY started_at DESC LIMIT " + limit)
			.param("c", controllerId)
			.query(UUID.class)
			.list()
			.stream()
			.map(this::report)
			.toList();
	}

	/** A controller's run, if there is one with that id. */
	Optional<Report> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT id FROM retention_run WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(UUID.class)
			.optional()
			.map(this::report);
	}

}
