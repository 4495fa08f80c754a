package io.tutela.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to personal data or to the system: who did what, to which
 * records, when, from where and why. It holds record ids, never personal values (no
 * names, numbers or e-mail addresses in any field).
 *
 * <p>
 * Actions are named {@code <resource>.<verb>}, as in {@code subject.read},
 * {@code contract.update} or {@code vault.query}; an action whose verb is one of
 * {@link #READ_VERBS} with a {@link #SUCCESS} outcome and at least one target is a read
 * of personal data, watched by the anomaly alerts.
 *
 * @param occurredAt when it happened; kept to the microsecond (finer parts are dropped)
 * so that the database returns exactly what was hashed
 * @param actor who did it: a staff account's name, {@code anonymous} or {@code system}
 * @param actorRole the actor's role (without Spring Security's {@code ROLE_} prefix)
 * @param controllerId the controller whose data were touched, if any
 * @param action what was done, as {@code <resource>.<verb>}
 * @param targetIds the ids of the records touched (never personal values)
 * @param category the data category of the records, as the policy names it
 * @param purpose the purpose the access served, as the policy names it
 * @param outcome {@link #SUCCESS}, {@link #DENIED}, {@link #FAILURE} or another short
 * word
 * @param clientAddress the network address the request came from
 */
public record AuditEvent(Instant occurredAt, String actor, String actorRole, @Nullable String controllerId,
		String action, List<String> targetIds, @Nullable String category, @Nullable String purpose, String outcome,
		@Nullable String clientAddress) {

	public static final String SUCCESS = "success";

	public static final String DENIED = "denied";

	public static final String FAILURE = "failure";

	/** The verbs of actions that read personal data. */
	public static final Set<String> READ_VERBS = Set.of("read", "search", "query", "export", "download");

	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	public AuditEvent {
		if (occurredAt == null || occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(LATEST)) {
			throw new IllegalArgumentException("occurredAt must be an instant between the years 1 and 9999");
		}
		occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
		actor = required("actor", actor);
		actorRole = required("actorRole", actorRole);
		controllerId = optional("controllerId", controllerId);
		action = required("action", action);
		if (targetIds == null) {
			throw new IllegalArgumentException("targetIds must not be null (an empty list is fine)");
		}
		for (String id : targetIds) {
			required("targetIds", id);
		}
		targetIds = List.copyOf(targetIds);
		category = optional("category", category);
		purpose = optional("purpose", purpose);
		outcome = required("outcome", outcome);
		clientAddress = optional("clientAddress", clientAddress);
	}

	private static String required(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " must not be blank");
		}
		optional(field, value);
		return value;
	}

	private static @Nullable String optional(String field, @Nullable String value) {
		if (value != null && value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(field + " must not contain the NUL character");
		}
		return value;
	}

	/**
	 * A builder for an event of the given actor and action, now unless told otherwise.
	 */
	public static Builder builder(Instant occurredAt, String actor, String actorRole, String action) {
		return new Builder(occurredAt, actor, actorRole, action);
	}

	/**
	 * Whether this event is a successful read of personal data: its verb is one of
	 * {@link #READ_VERBS} and it names at least one record.
	 */
	public boolean isPersonalDataRead() {
		String verb = this.action.substring(this.action.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return READ_VERBS.contains(verb) && SUCCESS.equals(this.outcome) && !this.targetIds.isEmpty();
	}

	/** Builds an {@link AuditEvent} field by field. */
	public static final class Builder {

		private Instant occurredAt;

		private String actor;

		private String actorRole;

		private final String action;

		private @Nullable String controllerId;

		private List<String> targetIds = new ArrayList<>();

		private @Nullable String category;

		private @Nullable String purpose;

		private String outcome = SUCCESS;

		private @Nullable String clientAddress;

		private Builder(Instant occurredAt, String actor, String actorRole, String action) {
			this.occurredAt = occurredAt;
			this.actor = actor;
			this.actorRole = actorRole;
			this.action = action;
		}

		public Builder occurredAt(Instant occurredAt) {
			this.occurredAt = occurredAt;
			return this;
		}

		public Builder actor(String actor, String actorRole) {
			this.actor = actor;
			this.actorRole = actorRole;
			return this;
		}

		public Builder controller(@Nullable String controllerId) {
			this.controllerId = controllerId;
			return this;
		}

		public Builder target(Object id) {
			this.targetIds.add(String.valueOf(id));
			return this;
		}

		public Builder targets(Iterable<?> ids) {
			for (Object id : ids) {
				target(id);
			}
			return this;
		}

		public Builder category(@Nullable String category) {
			this.category = category;
			return this;
		}

		public Builder purpose(@Nullable String purpose) {
			this.purpose = purpose;
			return this;
		}

		public Builder outcome(String outcome) {
			this.outcome = outcome;
			return this;
		}

		public Builder clientAddress(@Nullable String clientAddress) {
			this.clientAddress = clientAddress;
			return this;
		}

		public AuditEvent build() {
			return new AuditEvent(this.occurredAt, this.actor, this.actorRole, this.controllerId, this.action,
					this.targetIds, this.category, this.purpose, this.outcome, this.clientAddress);
		}

	}

}
