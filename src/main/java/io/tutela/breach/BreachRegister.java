package io.tutela.breach;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.ConflictException;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;

/**
 * Records breaches and their steps, checking each against the law: the deadline comes
 * from the policy's {@code breach} section; a breach likely to result in a risk is
 * notified to the authority; a high risk is told to the subjects unless an exception of
 * art. 34(3) applies; every decision has its reason; a late notification says why it is
 * late. Every step is on the breach's history and on the audit log.
 */
@Service
class BreachRegister {

	static final int LONGEST_TEXT = 20_000;

	private final Breaches breaches;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	BreachRegister(Breaches breaches, Policies policies, Auditing auditing, CurrentActor actor, Clock clock) {
		this.breaches = breaches;
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
	}

	/** A breach with where it stands and its history. */
	record View(Breach breach, BreachClock clock, List<Breach.Event> events) {
	}

	@Transactional
	Breach record(String controllerId, Breach.Input in) {
		Policy policy = this.policies.current(controllerId);
		Policy.Breach procedure = policy.breach();
		if (procedure == null) {
			throw new ConflictException("no-breach-procedure",
					"the controller's policy has no breach section: the notification deadline is unknown");
		}
		Instant now = this.clock.instant();
		List<FieldProblem> problems = new ArrayList<>();
		text(in.title(), "title", 500, problems);
		text(in.description(), "description", LONGEST_TEXT, problems);
		text(in.consequences(), "consequences", LONGEST_TEXT, problems);
		text(in.measuresTaken(), "measuresTaken", LONGEST_TEXT, problems);
		if (in.measuresProposed() != null && in.measuresProposed().length() > LONGEST_TEXT) {
			problems.add(new FieldProblem("measuresProposed", "at most " + LONGEST_TEXT + " characters"));
		}
		if (in.awareAt() == null) {
			problems.add(new FieldProblem("awareAt", "is required: the 72-hour clock runs from it"));
		}
		else if (in.awareAt().isAfter(now)) {
			problems.add(new FieldProblem("awareAt", "is in the future"));
		}
		if (in.occurredAt() != null && in.awareAt() != null && in.occurredAt().isAfter(in.awareAt())) {
			problems.add(new FieldProblem("occurredAt", "is after the controller became aware of the breach"));
		}
		if (in.nature() == null || in.nature().isEmpty() || !Breach.NATURES.containsAll(in.nature())) {
			problems.add(new FieldProblem("nature", "one or more of " + String.join(", ", Breach.NATURES)));
		}
		if (in.categories() == null || in.categories().isEmpty()) {
			problems.add(new FieldProblem("categories", "name at least one category of personal data"));
		}
		else {
			for (String category : in.categories()) {
				if (policy.category(category).isEmpty()) {
					problems.add(new FieldProblem("categories", "'" + category + "' is not a category of the policy"));
				}
			}
		}
		if (in.subjectsApprox() != null && in.subjectsApprox() < 0) {
			problems.add(new FieldProblem("subjectsApprox", "cannot be negative"));
		}
		if (in.recordsApprox() != null && in.recordsApprox() < 0) {
			problems.add(new FieldProblem("recordsApprox", "cannot be negative"));
		}
		if (in.risk() == null || !Breach.RISKS.contains(in.risk())) {
			problems.add(new FieldProblem("risk", "one of " + String.join(", ", Breach.RISKS)));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		UUID id = UUID.randomUUID();
		int number = this.breaches.insert(id, controllerId, in, in.awareAt().plus(procedure.authorityDeadline()),
				this.actor.actor().name(), now);
		this.breaches.event(id, now, "recorded", in.title(), this.actor.actor().name());
		this.auditing.success("breach.record", controllerId, null, List.of(id));
		return find(controllerId, number);
	}

	View view(String controllerId, int number) {
		Breach breach = find(controllerId, number);
		this.auditing.success("breach.read", controllerId, null, List.of(breach.id()));
		return new View(breach, clock(breach), this.breaches.events(breach.id()));
	}

	List<View> list(String controllerId, boolean openOnly, int offset, int limit) {
		this.policies.controller(controllerId);
		List<View> views = new ArrayList<>();
		for (Breach breach : this.breaches.list(controllerId, openOnly, offset, limit)) {
			views.add(new View(breach, clock(breach), List.of()));
		}
		this.auditing.success("breach.search", controllerId, null, views.stream().map((v) -> v.breach().id()).toList());
		return views;
	}

	@Transactional
	View update(String controllerId, int number, Breach.Update update) {
		Breach breach = find(controllerId, number);
		List<FieldProblem> problems = new ArrayList<>();
		text(update.text(), "text", LONGEST_TEXT, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.breaches.event(breach.id(), this.clock.instant(), "update", update.text(), this.actor.actor().name());
		this.auditing.success("breach.update", controllerId, null, List.of(breach.id()));
		return view(controllerId, number);
	}

	@Transactional
	View decide(String controllerId, int number, Breach.Decision d) {
		Breach breach = find(controllerId, number);
		List<FieldProblem> problems = new ArrayList<>();
		if (d.notifyAuthority() == null) {
			problems.add(new FieldProblem("notifyAuthority", "is required: true or false"));
		}
		else if (!d.notifyAuthority() && !"unlikely".equals(breach.risk())) {
			problems.add(new FieldProblem("notifyAuthority",
					"a breach likely to result in a risk is notified to the authority (art. 33(1))"));
		}
		text(d.authorityReason(), "authorityReason", LONGEST_TEXT, problems);
		if (d.notifySubjects() == null) {
			problems.add(new FieldProblem("notifySubjects", "is required: true or false"));
		}
		else if (!d.notifySubjects() && "high".equals(breach.risk())) {
			if (d.art34Exception() == null || !Breach.ART34_EXCEPTIONS.contains(d.art34Exception())) {
				problems.add(new FieldProblem("art34Exception", "a high risk is told to the subjects unless one of "
						+ String.join(", ", Breach.ART34_EXCEPTIONS) + " applies (art. 34(3))"));
			}
		}
		if (d.art34Exception() != null && !Breach.ART34_EXCEPTIONS.contains(d.art34Exception())) {
			problems.add(new FieldProblem("art34Exception", "one of " + String.join(", ", Breach.ART34_EXCEPTIONS)));
		}
		text(d.subjectsReason(), "subjectsReason", LONGEST_TEXT, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.breaches.decide(breach.id(), d, this.clock.instant());
		this.breaches.event(breach.id(), this.clock.instant(), "decision",
				"authority: " + d.notifyAuthority() + " (" + d.authorityReason() + "); subjects: " + d.notifySubjects()
						+ " (" + d.subjectsReason() + ")"
						+ ((d.art34Exception() != null) ? "; art. 34(3): " + d.art34Exception() : ""),
				this.actor.actor().name());
		this.auditing.success("breach.decide", controllerId, null, List.of(breach.id()));
		return view(controllerId, number);
	}

	@Transactional
	View authorityNotified(String controllerId, int number, Breach.Notified n) {
		Breach breach = find(controllerId, number);
		if (breach.authorityNotifiedAt() != null) {
			throw new ConflictException("breach-already-notified", "the authority was already notified");
		}
		if (Boolean.FALSE.equals(breach.notifyAuthority())) {
			throw new ConflictException("breach-not-to-notify",
					"the decision was not to notify the authority; record a new decision first");
		}
		Instant at = (n.notifiedAt() != null) ? n.notifiedAt() : this.clock.instant();
		List<FieldProblem> problems = new ArrayList<>();
		if (at.isBefore(breach.awareAt()) || at.isAfter(this.clock.instant())) {
			problems.add(new FieldProblem("notifiedAt", "is between awareness of the breach and now"));
		}
		String reason = (n.latenessReason() != null && !n.latenessReason().isBlank()) ? n.latenessReason().strip()
				: null;
		if (at.isAfter(breach.deadline()) && reason == null) {
			problems.add(new FieldProblem("latenessReason",
					"the notification is late: the reasons for the delay are required (art. 33(1))"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.breaches.authorityNotified(breach.id(), at, reason);
		this.breaches.event(breach.id(), at, "authority_notified", (reason != null) ? reason : "",
				this.actor.actor().name());
		this.auditing.success("breach.authority-notified", controllerId, null, List.of(breach.id()));
		return view(controllerId, number);
	}

	@Transactional
	View subjectsNotified(String controllerId, int number, Breach.Notified n) {
		Breach breach = find(controllerId, number);
		if (breach.subjectsNotifiedAt() != null) {
			throw new ConflictException("breach-already-notified", "the subjects were already told");
		}
		Instant at = (n.notifiedAt() != null) ? n.notifiedAt() : this.clock.instant();
		if (at.isBefore(breach.awareAt()) || at.isAfter(this.clock.instant())) {
			throw InvalidInputException.of("notifiedAt", "is between awareness of the breach and now");
		}
		this.breaches.subjectsNotified(breach.id(), at);
		this.breaches.event(breach.id(), at, "subjects_notified", "", this.actor.actor().name());
		this.auditing.success("breach.subjects-notified", controllerId, null, List.of(breach.id()));
		return view(controllerId, number);
	}

	Breach find(String controllerId, int number) {
		this.policies.controller(controllerId);
		return this.breaches.find(controllerId, number).orElseThrow(() -> new NotFoundException("breach", number));
	}

	BreachClock clock(Breach breach) {
		return BreachClock.of(breach.deadline(), breach.authorityNotifiedAt(), breach.notifyAuthority(),
				this.clock.instant());
	}

	private static void text(@Nullable String value, String field, int max, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "is required"));
		}
		else if (value.length() > max) {
			problems.add(new FieldProblem(field, "at most " + max + " characters"));
		}
	}

}
