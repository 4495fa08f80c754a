package io.tutela.requests;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;

/**
 * Requests as the API and the pages show them, with days left counted in the controller's
 * zone.
 */
@Component
class RequestViews {

	private final HandlingRequests handling;

	private final IdentityProofs proofs;

	private final Policies policies;

	private final Clock clock;

	RequestViews(HandlingRequests handling, IdentityProofs proofs, Policies policies, Clock clock) {
		this.handling = handling;
		this.proofs = proofs;
		this.policies = policies;
		this.clock = clock;
	}

	/** The request as listed, without history or proofs. */
	RequestView summary(RightsRequest r) {
		return RequestView.of(r, this.clock.instant(), zone(r.controllerId()), null, null, null);
	}

	/** The request with its history, the proofs held and what its erasure kept. */
	RequestView detail(RightsRequest r) {
		return RequestView.of(r, this.clock.instant(), zone(r.controllerId()),
				this.handling.events(r.controllerId(), r.id()), this.proofs.of(r.controllerId(), r.id()),
				this.handling.kept(r.controllerId(), r.id()));
	}

	ZoneId zone(String controllerId) {
		return this.policies.current(controllerId).controller().timezone();
	}

}
