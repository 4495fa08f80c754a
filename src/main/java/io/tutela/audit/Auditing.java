package io.tutela.audit;

import java.util.ArrayList;
import java.util.List;

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

	Auditing(AuditLog log, CurrentActor actor) {
		this.log = log;
		this.actor = actor;
	}

	public void success(String action, @Nullable String controllerId, @Nullable String category, Iterable<?> targets) {
		record(action, AuditEvent.SUCCESS, controllerId, category, targets);
	}

	public void record(String action, String outcome, @Nullable String controllerId, @Nullable String category,
			Iterable<?> targets) {
		List<Object> ids = new ArrayList<>();
		targets.forEach(ids::add);
		this.log.record(this.actor.event(action)
			.controller(controllerId)
			.category(category)
			.targets(ids)
			.outcome(outcome)
			.build());
	}

	/** An event of a named actor (a login, before the session knows who it is). */
	public void as(String actorName, String role, String action, String outcome, Iterable<?> targets) {
		List<Object> ids = new ArrayList<>();
		targets.forEach(ids::add);
		this.log.record(this.actor.event(action).actor(actorName, role).targets(ids).outcome(outcome).build());
	}

}
