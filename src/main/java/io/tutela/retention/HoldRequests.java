package io.tutela.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.web.InvalidInputException;

/**
 * Placing and releasing legal holds from the API and the console, with the same checks: a
 * kind the policy lists, a known record kind, a window that ends after it starts (days in
 * the controller's time zone, the last one included), a reason.
 */
@Component
class HoldRequests {

	private final LegalHolds holds;

	private final Policies policies;

	private final Auditing auditing;

	HoldRequests(LegalHolds holds, Policies policies, Auditing auditing) {
		this.holds = holds;
		this.policies = policies;
		this.auditing = auditing;
	}

	/** A hold to place: strings as typed, checked here. */
	record NewHold(@Nullable String kind, @Nullable String subjectId, @Nullable String recordKind,
			@Nullable LocalDate from, @Nullable LocalDate until, @Nullable String reason) {
	}

	UUID place(String controllerId, NewHold hold, String by) {
		Policy policy = this.policies.current(controllerId);
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		List<String> kinds = policy.legalHolds().stream().map(Policy.LegalHold::id).toList();
		if (hold.kind() == null || !kinds.contains(hold.kind())) {
			problems.add(new InvalidInputException.FieldProblem("kind",
					"must be one of the policy's legal hold kinds: " + String.join(", ", kinds)));
		}
		UUID subject = null;
		if (hold.subjectId() != null && !hold.subjectId().isBlank()) {
			try {
				subject = UUID.fromString(hold.subjectId().strip());
			}
			catch (IllegalArgumentException ex) {
				problems.add(new InvalidInputException.FieldProblem("subjectId", "must be a subject id (a UUID)"));
			}
		}
		RecordKind recordKind = null;
		if (hold.recordKind() != null && !hold.recordKind().isBlank()) {
			try {
				recordKind = RecordKind.valueOf(hold.recordKind().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new InvalidInputException.FieldProblem("recordKind",
						"must be a record kind such as cdr, support_ticket, invoice"));
			}
		}
		if (hold.from() != null && hold.until() != null && hold.until().isBefore(hold.from())) {
			problems.add(new InvalidInputException.FieldProblem("until", "must not be before from"));
		}
		if (hold.reason() == null || hold.reason().isBlank()) {
			problems.add(new InvalidInputException.FieldProblem("reason",
					"is required (the dispute or the order, with its reference)"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		ZoneId zone = policy.controller().timezone();
		Instant from = (hold.from() != null) ? hold.from().atStartOfDay(zone).toInstant() : null;
		Instant until = (hold.until() != null) ? hold.until().plusDays(1).atStartOfDay(zone).toInstant() : null;
		UUID id = this.holds.create(controllerId, hold.kind(), subject, recordKind, from, until, hold.reason().strip(),
				by);
		this.auditing.success("retention.hold.place", controllerId, null,
				(subject != null) ? List.of(id, subject) : List.of(id));
		return id;
	}

	boolean release(String controllerId, UUID id, String by) {
		boolean released = this.holds.release(controllerId, id, by);
		if (released) {
			this.auditing.success("retention.hold.release", controllerId, null, List.of(id));
		}
		return released;
	}

}
