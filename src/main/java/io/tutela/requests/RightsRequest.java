package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;

/**
 * A request by which a person exercises a right. Each step is a guarded method that
 * refuses what the current state does not allow and returns the request as it becomes.
 *
 * @param subjectReference the identifier as given, kept when it names nobody the
 * controller knows
 * @param firstDueOn the deadline from receipt; {@code dueOn} differs once extended
 */
record RightsRequest(UUID id, String controllerId, Policy.Right type, @Nullable UUID subjectId,
		@Nullable String subjectReference, boolean delegate, @Nullable String delegateName,
		Policy.RequestChannel channel, boolean identityCertain, Instant receivedAt, @Nullable String details,
		RequestState state, LocalDate firstDueOn, LocalDate dueOn, boolean extended, @Nullable Instant closedAt,
		@Nullable LocalDate proofsPurgeOn, boolean hasResult) {

	RightsRequest verifyIdentity() {
		if (this.state != RequestState.RECEIVED) {
			throw refused("verify the identity of");
		}
		return with(RequestState.IDENTITY_VERIFIED, null);
	}

	RightsRequest start() {
		if (this.state != RequestState.IDENTITY_VERIFIED) {
			throw (this.state == RequestState.RECEIVED)
					? new TransitionRefused("request-identity-not-verified",
							"The requester's identity must be verified before the request is executed.")
					: refused("execute");
		}
		return with(RequestState.IN_PROGRESS, null);
	}

	RightsRequest answer(Instant now) {
		if (this.state != RequestState.IN_PROGRESS) {
			throw refused("answer");
		}
		return with(RequestState.ANSWERED, now);
	}

	/**
	 * Closed by forwarding it to the client controller it concerns (the processor's
	 * side).
	 */
	RightsRequest forward(Instant now) {
		if (!this.state.open()) {
			throw refused("forward");
		}
		return with(RequestState.ANSWERED, now);
	}

	RightsRequest deny(Instant now) {
		if (!this.state.open()) {
			throw refused("deny");
		}
		return with(RequestState.DENIED, now);
	}

	/**
	 * Moves the deadline to {@code newDue}: once, while the first deadline has not
	 * passed, and no further than {@code latest}.
	 */
	RightsRequest extend(LocalDate newDue, LocalDate latest, Instant now, ZoneId zone) {
		if (!this.state.open()) {
			throw refused("extend");
		}
		if (this.extended) {
			throw new TransitionRefused("request-already-extended", "The deadline of this request was already "
					+ "extended, to " + this.dueOn + "; it can be extended only once.");
		}
		if (Deadlines.passed(this.firstDueOn, now, zone)) {
			throw new TransitionRefused("request-deadline-passed",
					"The first deadline (" + this.firstDueOn + ") has passed: an extension must be told within it.");
		}
		if (!latest.isAfter(this.firstDueOn)) {
			throw new TransitionRefused("request-extension-not-offered",
					"The controller's policy offers no extension of the deadline.");
		}
		if (!newDue.isAfter(this.firstDueOn) || newDue.isAfter(latest)) {
			throw new TransitionRefused("request-extension-too-long", "The new deadline must fall after "
					+ this.firstDueOn + " and no later than " + latest + ", as the policy allows.");
		}
		return new RightsRequest(this.id, this.controllerId, this.type, this.subjectId, this.subjectReference,
				this.delegate, this.delegateName, this.channel, this.identityCertain, this.receivedAt, this.details,
				this.state, this.firstDueOn, newDue, true, this.closedAt, this.proofsPurgeOn, this.hasResult);
	}

	RightsRequest withProofsPurgeOn(LocalDate day) {
		return new RightsRequest(this.id, this.controllerId, this.type, this.subjectId, this.subjectReference,
				this.delegate, this.delegateName, this.channel, this.identityCertain, this.receivedAt, this.details,
				this.state, this.firstDueOn, this.dueOn, this.extended, this.closedAt, day, this.hasResult);
	}

	private RightsRequest with(RequestState next, @Nullable Instant closed) {
		return new RightsRequest(this.id, this.controllerId, this.type, this.subjectId, this.subjectReference,
				this.delegate, this.delegateName, this.channel, this.identityCertain, this.receivedAt, this.details,
				next, this.firstDueOn, this.dueOn, this.extended, closed, this.proofsPurgeOn, this.hasResult);
	}

	private TransitionRefused refused(String what) {
		if (!this.state.open()) {
			return new TransitionRefused("request-closed",
					"The request is closed (" + this.state.key() + "): nothing more can be done on it.");
		}
		return new TransitionRefused("request-state-conflict",
				"Cannot " + what + " a request in state '" + this.state.key() + "'.");
	}

}
