package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.tutela.consent.RequestedChoices;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.HeldRecord;
import io.tutela.records.RecordSource;
import io.tutela.records.RetentionSteps;
import io.tutela.retention.LegalHolds;
import io.tutela.retention.RetainedRecords;
import io.tutela.subject.Subject;
import io.tutela.subject.SubjectLookup;

/**
 * Erasure (GDPR art. 17): every record held about the subject is deleted, or anonymised
 * where another record still refers to it, unless a ground keeps it: an active legal hold
 * covering it (art. 17(3)(e)), or a purpose of the record resting on a legal obligation
 * (art. 17(3)(b)) whose retention rule is not yet due — Connext's civil records,
 * invoices, traffic data in the window art. 132 sets. What is kept is restricted with the
 * subject and listed with its ground in the answer; grounds and periods come from the
 * policy. Each module applies the action to its own tables ({@link RetainedRecords}); the
 * consent ledger is append-only evidence and is left as it is, so an objection keeps
 * being honoured.
 */
@Component
class Erasure {

	/** The kind named for a consent-ledger entry kept. */
	static final String LEDGER = "consent_event";

	/** Why a record outlives an erasure; its wording is {@code requests.kept.<key>}. */
	enum Ground {

		/** An active legal hold covers it (GDPR art. 17(3)(e)). */
		LEGAL_HOLD,
		/**
		 * A purpose of it rests on a legal obligation whose rule is not due (art.
		 * 17(3)(b)).
		 */
		LEGAL_OBLIGATION,
		/** Its kind goes by its own retention rules (traffic data, month by month). */
		OWN_RULES,
		/** The subject's own record, kept because it identifies the records kept. */
		IDENTIFIES_KEPT,
		/** A consent-ledger entry: append-only evidence, and an objection to honour. */
		LEDGER_EVIDENCE;

		String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One record kept, and why: the ground and, for a legal obligation, the retention
	 * rule that keeps it, until when (or the event it waits for) and its legal reference.
	 *
	 * @param kind the record kind, or {@code consent_event} for a ledger entry
	 */
	record Kept(String kind, UUID id, Ground ground, @Nullable String rule, @Nullable LocalDate until,
			@Nullable String waitingFor, @Nullable String legalReference) {

		static Kept of(RecordKind kind, UUID id, Ground ground) {
			return new Kept(RetentionSteps.key(kind), id, ground, null, null, null, null);
		}

	}

	/** What an erasure did. */
	record Erased(Map<RecordKind, Long> deleted, Map<RecordKind, Long> anonymised, List<Kept> kept) {

		/** The answer in words, the grounds worded in the language given. */
		String summary(MessageSource messages, Locale locale) {
			StringBuilder text = new StringBuilder("erased: ").append(counts(this.deleted));
			if (!this.anonymised.isEmpty()) {
				text.append("; anonymised (still referred to): ").append(counts(this.anonymised));
			}
			if (this.kept.isEmpty()) {
				text.append("; nothing kept");
			}
			else {
				Map<String, Integer> grouped = new LinkedHashMap<>();
				this.kept
					.forEach((k) -> grouped.merge(k.kind() + " — " + ground(messages, k, locale), 1, Integer::sum));
				text.append("; kept, restricted: ");
				List<String> parts = new ArrayList<>();
				grouped.forEach((what, n) -> parts.add(n + " " + what));
				text.append(String.join("; ", parts));
			}
			return text.toString();
		}

		private static String counts(Map<RecordKind, Long> counts) {
			if (counts.isEmpty()) {
				return "nothing";
			}
			List<String> parts = new ArrayList<>();
			counts.forEach((kind, n) -> parts.add(n + " " + RetentionSteps.key(kind)));
			return String.join(", ", parts);
		}

	}

	/**
	 * The ground of a kept record in words: {@code requests.kept.<ground>}, or
	 * {@code .waiting} with the event the rule waits for.
	 */
	static String ground(MessageSource messages, Kept kept, Locale locale) {
		boolean waiting = waiting(kept.until(), kept.waitingFor());
		String until = (kept.until() != null) ? kept.until().toString() : waiting
				? messages.getMessage("triggerNoun." + kept.waitingFor(), null, kept.waitingFor(), locale) : "-";
		String text = messages.getMessage(wording(kept.ground().key(), kept.until(), kept.waitingFor()),
				new Object[] { (kept.rule() != null) ? kept.rule() : "-", until }, locale);
		return (kept.legalReference() != null) ? text + ", " + kept.legalReference() : text;
	}

	/**
	 * The message key wording a ground: {@code requests.kept.<ground>}, with
	 * {@code .waiting} when the rule waits for an event that has not come.
	 */
	static String wording(String ground, @Nullable LocalDate until, @Nullable String waitingFor) {
		return "requests.kept." + ground + (waiting(until, waitingFor) ? ".waiting" : "");
	}

	private static boolean waiting(@Nullable LocalDate until, @Nullable String waitingFor) {
		return until == null && waitingFor != null;
	}

	private final List<RecordSource> sources;

	private final List<RetainedRecords> modules;

	private final LegalHolds holds;

	private final Policies policies;

	private final SubjectLookup subjects;

	private final RequestedChoices ledger;

	private final MessageSource messages;

	Erasure(List<RecordSource> sources, List<RetainedRecords> modules, LegalHolds holds, Policies policies,
			SubjectLookup subjects, RequestedChoices ledger, MessageSource messages) {
		this.messages = messages;
		this.sources = sources;
		this.modules = modules;
		this.holds = holds;
		this.policies = policies;
		this.subjects = subjects;
		this.ledger = ledger;
	}

	/**
	 * The answer in words, for the request's history: it speaks the API's language (the
	 * pages word the kept list in the reader's).
	 */
	String answer(Erased erased) {
		return erased.summary(this.messages, Locale.ENGLISH);
	}

	/** The categories of the records: whose recipients an erasure of them tells. */
	static Set<String> categories(List<HeldRecord> records) {
		Set<String> categories = new LinkedHashSet<>();
		records.forEach((r) -> categories.add(r.category()));
		return categories;
	}

	/**
	 * Erases what no ground keeps among the records held about the subject (as
	 * {@link #held} read them), in the caller's transaction.
	 */
	Erased erase(String controllerId, UUID subjectId, List<HeldRecord> records, Instant now) {
		Policy policy = this.policies.current(controllerId);
		LocalDate today = LocalDate.ofInstant(now, policy.controller().timezone());
		List<Kept> kept = new ArrayList<>();
		Map<RecordKind, List<UUID>> erasable = new EnumMap<>(RecordKind.class);
		for (HeldRecord record : records) {
			Kept ground = ground(controllerId, subjectId, policy, record, today);
			if (ground != null) {
				kept.add(ground);
			}
			else if (module(record.kind()) == null) {
				kept.add(Kept.of(record.kind(), record.id(), Ground.OWN_RULES));
			}
			else if (record.kind() != RecordKind.SUBJECT) {
				erasable.computeIfAbsent(record.kind(), (k) -> new ArrayList<>()).add(record.id());
			}
		}
		Map<RecordKind, Long> deleted = new EnumMap<>(RecordKind.class);
		Map<RecordKind, Long> anonymised = new EnumMap<>(RecordKind.class);
		erasable.forEach(
				(kind, ids) -> count(deleted, kind, module(kind).apply(controllerId, kind, ids, Policy.Action.DELETE)));
		// what another record still refers to stays, and loses what identifies the
		// subject
		Set<UUID> keptIds = new LinkedHashSet<>();
		kept.forEach((k) -> keptIds.add(k.id()));
		Map<RecordKind, List<UUID>> left = new EnumMap<>(RecordKind.class);
		for (HeldRecord record : held(controllerId, subjectId)) {
			if (record.kind() != RecordKind.SUBJECT && !keptIds.contains(record.id())
					&& erasable.containsKey(record.kind())) {
				left.computeIfAbsent(record.kind(), (k) -> new ArrayList<>()).add(record.id());
			}
		}
		left.forEach((kind, ids) -> count(anonymised, kind,
				module(kind).apply(controllerId, kind, ids, Policy.Action.ANONYMISE)));
		RetainedRecords subjectModule = module(RecordKind.SUBJECT);
		String subjectKind = RetentionSteps.key(RecordKind.SUBJECT);
		boolean subjectKept = kept.stream().anyMatch((k) -> k.kind().equals(subjectKind));
		// the ledger's entries stay as evidence; with them the subject row is anonymised
		// rather than deleted
		Subject subject = this.subjects.find(controllerId, subjectId).orElse(null);
		List<Kept> evidence = new ArrayList<>();
		this.ledger
			.evidence(controllerId, subjectId, (subject != null) ? subject.phone() : null,
					(subject != null) ? subject.email() : null)
			.forEach((id) -> evidence.add(new Kept(LEDGER, id, Ground.LEDGER_EVIDENCE, null, null, null, null)));
		if (kept.isEmpty() && subjectModule != null) {
			long gone = subjectModule.apply(controllerId, RecordKind.SUBJECT, List.of(subjectId), Policy.Action.DELETE);
			if (gone > 0) {
				count(deleted, RecordKind.SUBJECT, gone);
			}
			else {
				count(anonymised, RecordKind.SUBJECT, subjectModule.apply(controllerId, RecordKind.SUBJECT,
						List.of(subjectId), Policy.Action.ANONYMISE));
			}
		}
		else {
			if (!subjectKept) {
				kept.add(Kept.of(RecordKind.SUBJECT, subjectId, Ground.IDENTIFIES_KEPT));
			}
			this.subjects.restrict(controllerId, subjectId);
		}
		if (subject != null && subject.phone() != null) {
			this.ledger.erased(controllerId);
		}
		kept.addAll(evidence);
		return new Erased(deleted, anonymised, kept);
	}

	/**
	 * Why the record is kept, or {@code null}: a legal hold covering it, or a purpose
	 * resting on a legal obligation whose retention rule is not yet due.
	 */
	private @Nullable Kept ground(String controllerId, UUID subjectId, Policy policy, HeldRecord record,
			LocalDate today) {
		if (this.holds.holds(controllerId, subjectId, record.kind(), record.collectedAt())) {
			return Kept.of(record.kind(), record.id(), Ground.LEGAL_HOLD);
		}
		boolean obligation = policy.purposes()
			.stream()
			.anyMatch((p) -> record.purposes().contains(p.id())
					&& p.legalBasis().contains(Policy.LegalBasis.LEGAL_OBLIGATION));
		if (!obligation) {
			return null;
		}
		for (RetentionSteps.Step step : RetentionSteps.of(policy, record, today)) {
			if (!step.due()) {
				return new Kept(RetentionSteps.key(record.kind()), record.id(), Ground.LEGAL_OBLIGATION,
						step.rule().id(), step.dueOn(), step.waitingFor(), step.rule().legalReference());
			}
		}
		return null;
	}

	/** Every record every module holds about the subject. */
	List<HeldRecord> held(String controllerId, UUID subjectId) {
		List<HeldRecord> held = new ArrayList<>();
		this.sources.forEach((s) -> held.addAll(s.recordsOf(controllerId, subjectId)));
		return held;
	}

	private @Nullable RetainedRecords module(RecordKind kind) {
		for (RetainedRecords m : this.modules) {
			if (m.kinds().contains(kind) && m.supports(kind, Policy.Action.DELETE)) {
				return m;
			}
		}
		return null;
	}

	private static void count(Map<RecordKind, Long> counts, RecordKind kind, long n) {
		if (n > 0) {
			counts.merge(kind, n, Long::sum);
		}
	}

}
