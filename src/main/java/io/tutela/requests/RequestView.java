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
 * @param kept what an erasure kept, each record with its ground (only on a single
 * request)
 */
record RequestView(UUID id, String controllerId, String type, @Nullable UUID subjectId,
		@Nullable String subjectReference, String requester, @Nullable String delegateName, String channel,
		boolean identityCertain, Instant receivedAt, @Nullable String details, String state, LocalDate firstDueOn,
		LocalDate dueOn, boolean extended, @Nullable Long daysLeft, boolean overdue, @Nullable Instant closedAt,
		@Nullable LocalDate proofsDeletedOn, boolean hasResult, @Nullable List<RequestEvent> events,
		@Nullable List<IdentityProofs.Proof> proofs, @Nullable List<KeptRecord> kept) {

	/**
	 * A record an erasure kept: its kind ({@code consent_event} for a ledger entry), its
	 * id, the ground ({@code legal_hold}, {@code legal_obligation}, {@code own_rules},
	 * {@code identifies_kept}, {@code ledger_evidence}) and, for a legal obligation, the
	 * policy's rule, until when it keeps the record or the event it waits for, and the
	 * rule's legal reference.
	 */
	record KeptRecord(String kind, UUID recordId, String ground, @Nullable String rule, @Nullable LocalDate until,
			@Nullable String waitingFor, @Nullable String legalReference) {

		static KeptRecord of(Erasure.Kept k) {
			return new KeptRecord(k.kind(), k.id(), k.ground().key(), k.rule(), k.until(), k.waitingFor(),
					k.legalReference());
		}

	}

	/** What the erasure kept, counted by kind and ground, for the pages. */
	public List<KeptGroup> keptGroups() {
		return (this.kept == null) ? List.of() : KeptGroup.of(this.kept);
	}

	static RequestView of(RightsRequest r, Instant now, ZoneId zone, @Nullable List<RequestEvent> events,
			@Nullable List<IdentityProofs.Proof> proofs, @Nullable List<Erasure.Kept> kept) {
		boolean open = r.state().open();
		return new RequestView(r.id(), r.controllerId(), RightsRequests.key(r.type()), r.subjectId(),
				r.subjectReference(), r.delegate() ? "delegate" : "subject", r.delegateName(),
				RightsRequests.key(r.channel()), r.identityCertain(), r.receivedAt(), r.details(), r.state().key(),
				r.firstDueOn(), r.dueOn(), r.extended(), open ? Deadlines.daysLeft(r.dueOn(), now, zone) : null,
				open && Deadlines.passed(r.dueOn(), now, zone), r.closedAt(), r.proofsPurgeOn(), r.hasResult(), events,
				proofs, (kept != null) ? kept.stream().map(KeptRecord::of).toList() : null);
	}

}
