package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A rights request as the API and the pages show it, with the days left before its
 * deadline in the controller's zone.
 *
 * @param daysLeft calendar days to the deadline: 0 on the day, negative when overdue
 * (null once closed)
 * @param events the history (only on a single request)
 * @param proofs the documents held (kind, type, size; never their names or content)
 */
record RequestView(UUID id, String controllerId, String type, @Nullable UUID subjectId,
		@Nullable String subjectReference, String requester, @Nullable String delegateName, String channel,
		boolean identityCertain, Instant receivedAt, @Nullable String details, String state, LocalDate firstDueOn,
		LocalDate dueOn, boolean extended, @Nullable Long daysLeft, boolean overdue, @Nullable Instant closedAt,
		@Nullable LocalDate proofsDeletedOn, boolean hasResult, @Nullable List<RequestEvent> events,
		@Nullable List<IdentityProofs.Proof> proofs) {

	static RequestView of(RightsRequest r, Instant now, ZoneId zone, @Nullable List<RequestEvent> events,
			@Nullable List<IdentityProofs.Proof> proofs) {
		boolean open = r.state().open();
		return new RequestView(r.id(), r.controllerId(), RightsRequests.key(r.type()), r.subjectId(),
				r.subjectReference(), r.delegate() ? "delegate" : "subject", r.delegateName(),
				RightsRequests.key(r.channel()), r.identityCertain(), r.receivedAt(), r.details(), r.state().key(),
				r.firstDueOn(), r.dueOn(), r.extended(), open ? Deadlines.daysLeft(r.dueOn(), now, zone) : null,
				open && Deadlines.passed(r.dueOn(), now, zone), r.closedAt(), r.proofsPurgeOn(), r.hasResult(), events,
				proofs);
	}

}
