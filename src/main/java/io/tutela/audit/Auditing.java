package io.tutela.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The short way for any module to put what the current actor did on the audit log: the
 * action, its outcome, the controller, the category and the ids of the records touched.
 */
@Component
public class Auditing {

	private final AuditLog log;

	private final CurrentActor actor;

	private final AuditAlerts alerts;

	private final Clock clock;

	Auditing(AuditLog log, CurrentActor actor, AuditAlerts alerts, Clock clock) {
		this.log = log;
		this.actor = actor;
		this.alerts = alerts;
		this.clock = clock;
	}

	/**
	 * Raises an alert of a module's own rule of anomalous use about the current actor, at
	 * most once per window, and records it on the audit log.
	 * @param kind the rule ({@link AuditAlert#VAULT_MASS_QUERY} for example)
	 * @param windowStart the start of the window the alert covers (the key of its once)
	 * @param windowEnd its end
	 * @param count what the rule counted in it
	 * @return whether this call raised it
	 */
	public boolean alert(String kind, Instant windowStart, Instant windowEnd, long count) {
		CurrentActor.Actor current = this.actor.actor();
		Instant now = this.clock.instant();
		Optional<Long> id = this.alerts.raiseOnce(kind, current.name(), current.role(), windowStart, windowEnd,
				Math.max(count, 1), now);
		id.ifPresent((alertId) -> this.log.record(DetectingAnomalies.alertEvent(kind, alertId, now)));
		return id.isPresent();
	}

	public void success(String action, @Nullable String controllerId, @Nullable String category, Iterable<?> targets) {
		record(action, AuditEvent.SUCCESS, controllerId, category, targets);
	}

	/**
	 * A successful action, recorded only if a condition still holds (see
	 * {@link AuditLog#record(AuditEvent, Precondition)}).
	 * @throws PreconditionFailedException when it does not: nothing was recorded
	 */
	public void successIf(Precondition precondition, String action, @Nullable String controllerId,
			@Nullable String category, Iterable<?> targets) {
		this.log.record(event(action, AuditEvent.SUCCESS, controllerId, category, targets), precondition);
	}

	public void record(String action, String outcome, @Nullable String controllerId, @Nullable String category,
			Iterable<?> targets) {
		append(event(action, outcome, controllerId, category, targets));
	}

	/**
	 * The event {@link #record} appends, of the current actor and now, to be appended by
	 * {@link #append} later or on another thread (the actor is known only on the
	 * caller's).
	 */
	public AuditEvent event(String action, String outcome, @Nullable String controllerId, @Nullable String category,
			Iterable<?> targets) {
		List<Object> ids = new ArrayList<>();
		targets.forEach(ids::add);
		return this.actor.event(action)
			.controller(controllerId)
			.category(category)
			.targets(ids)
			.outcome(outcome)
			.build();
	}

	/**
	 * Appends an event built by {@link #event}, in a transaction of its own when none
	 * runs.
	 */
	public void append(AuditEvent event) {
		this.log.record(event);
	}

	/** An event of a named actor (a login, before the session knows who it is). */
	public void as(String actorName, String role, String action, String outcome, Iterable<?> targets) {
		List<Object> ids = new ArrayList<>();
		targets.forEach(ids::add);
		this.log.record(this.actor.event(action).actor(actorName, role).targets(ids).outcome(outcome).build());
	}

}
