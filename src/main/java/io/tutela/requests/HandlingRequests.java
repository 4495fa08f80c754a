package io.tutela.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.consent.RequestedChoices;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.records.HeldRecord;
import io.tutela.storage.Keys;
import io.tutela.subject.SubjectLookup;
import io.tutela.storage.SecretBox;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;

/**
 * The workflow of a rights request after intake: identity verified on the proofs the
 * policy asks for, the deadline extended once with a reason, a reasoned denial, execution
 * and the answer. Every step is an event of the request and an audit entry.
 */
@Service
class HandlingRequests {

	/** The shortest reason a denial or an extension may give. */
	static final int MIN_REASON = 20;

	/**
	 * The shortest reason of a denial where the policy wants it analytical ("motivando
	 * analiticamente").
	 */
	static final int MIN_ANALYTICAL_REASON = 200;

	private final RightsRequests requests;

	private final IdentityProofs proofs;

	private final AccessExport access;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	private final SecretBox results;

	private final RecipientNotices notices;

	private final SubjectLookup subjects;

	private final RequestedChoices choices;

	private final Erasure erasure;

	private final ReceivingRequests receiving;

	HandlingRequests(RightsRequests requests, IdentityProofs proofs, AccessExport access, Policies policies,
			Auditing auditing, CurrentActor actor, Clock clock, Keys keys, RecipientNotices notices,
			SubjectLookup subjects, RequestedChoices choices, Erasure erasure, ReceivingRequests receiving) {
		this.receiving = receiving;
		this.choices = choices;
		this.erasure = erasure;
		this.notices = notices;
		this.subjects = subjects;
		this.requests = requests;
		this.proofs = proofs;
		this.access = access;
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
		this.results = new SecretBox(keys.key("rights-results"));
	}

	RightsRequest one(String controllerId, UUID requestId) {
		RightsRequest request = this.requests.find(controllerId, requestId)
			.orElseThrow(() -> new NotFoundException("request", requestId));
		this.auditing.success("rights_request.read", controllerId, null, targets(request));
		return request;
	}

	List<RightsRequest> list(String controllerId, @Nullable RequestState state, boolean openOnly,
			@Nullable LocalDate dueBefore, int page, int size) {
		List<RightsRequest> found = this.requests.list(controllerId, state, openOnly, dueBefore, page * size, size);
		this.auditing.success("rights_request.list", controllerId, null,
				found.stream().map(RightsRequest::id).toList());
		return found;
	}

	List<RequestEvent> events(String controllerId, UUID requestId) {
		return this.requests.events(controllerId, requestId);
	}

	List<Erasure.Kept> kept(String controllerId, UUID requestId) {
		return this.requests.kept(controllerId, requestId);
	}

	@Transactional
	RightsRequest verifyIdentity(String controllerId, UUID requestId, List<IdentityProofs.Upload> uploads) {
		RightsRequest request = locked(controllerId, requestId);
		RightsRequest verified = request.verifyIdentity();
		uploads.forEach((u) -> this.proofs.store(controllerId, requestId, u));
		Policy.Rights rights = this.policies.current(controllerId).rights();
		Set<ProofKind> held = EnumSet.noneOf(ProofKind.class);
		this.proofs.of(controllerId, requestId).forEach((p) -> held.add(p.kind()));
		List<FieldProblem> problems = new ArrayList<>();
		if (rights.identityDocument() && !held.contains(ProofKind.IDENTITY_DOCUMENT)) {
			problems.add(new FieldProblem("proofs",
					"the policy of " + controllerId + " requires the subject's identity document"));
		}
		if (request.delegate() && rights.delegateProxy()) {
			if (!held.contains(ProofKind.PROXY)) {
				problems.add(new FieldProblem("proofs", "the policy of " + controllerId
						+ " requires the proxy signed by the subject for a delegate's request"));
			}
			if (!held.contains(ProofKind.DELEGATE_DOCUMENT)) {
				problems.add(new FieldProblem("proofs",
						"the policy of " + controllerId + " requires the delegate's identity document"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return step(verified, "identity_verified", null, null);
	}

	@Transactional
	RightsRequest extend(String controllerId, UUID requestId, @Nullable String reason, @Nullable LocalDate until) {
		String why = reason(reason, MIN_REASON);
		RightsRequest request = locked(controllerId, requestId);
		Policy policy = this.policies.current(controllerId);
		ZoneId zone = policy.controller().timezone();
		LocalDate latest = Deadlines.latestExtension(request.firstDueOn(), policy.rights().extension());
		RightsRequest extended = request.extend((until != null) ? until : latest, latest, this.clock.instant(), zone);
		return step(extended, "extended", why, extended.dueOn());
	}

	@Transactional
	RightsRequest deny(String controllerId, UUID requestId, @Nullable String reason) {
		boolean analytical = this.policies.current(controllerId).rights().reasonedDenial();
		String why = reason(reason, analytical ? MIN_ANALYTICAL_REASON : MIN_REASON);
		RightsRequest request = locked(controllerId, requestId);
		return close(request.deny(this.clock.instant()), "denied", why);
	}

	/**
	 * Executes the request and answers it: access with the zip of everything held and the
	 * report, sealed until the requester downloads it; restriction by blocking every use
	 * of the subject's data but storage; rectification (the data corrected through the
	 * subject's pages first) by recording it; objection and consent withdrawal on the
	 * consent ledger; directory removal by instructing the recipients of the directory's
	 * category. After a restriction or a rectification the recipients of the subject's
	 * data are told (art. 19), in the same transaction.
	 */
	@Transactional
	RightsRequest execute(String controllerId, UUID requestId) {
		RightsRequest request = locked(controllerId, requestId);
		RightsRequest started = request.start();
		if (!EXECUTABLE.contains(request.type())) {
			throw new TransitionRefused("request-not-executable",
					"Tutela cannot yet execute a request of type '" + RightsRequests.key(request.type())
							+ "'; executed are: "
							+ String.join(", ", EXECUTABLE.stream().map(RightsRequests::key).toList()) + ".");
		}
		if (request.type() != Policy.Right.ACCESS && request.subjectId() == null) {
			throw new TransitionRefused("request-subject-unknown",
					"the request names no subject Tutela holds: it cannot be executed on their data");
		}
		RightsRequest inProgress = step(started, "in_progress", null, null);
		Instant now = this.clock.instant();
		String outcome = null;
		if (request.type() == Policy.Right.ACCESS || request.type() == Policy.Right.PORTABILITY) {
			byte[] zip = (request.type() == Policy.Right.ACCESS) ? this.access.export(inProgress, now)
					: this.access.portable(inProgress, now);
			this.requests.storeResult(controllerId, requestId,
					this.results.seal(zip, context(controllerId, requestId)));
		}
		else if (request.type() == Policy.Right.ERASURE) {
			// the recipients are told of what was held, in the transaction that erases it
			List<HeldRecord> held = this.erasure.held(controllerId, request.subjectId());
			RecipientNotices.Told told = this.notices.tell(inProgress, request.subjectId(), Erasure.categories(held));
			this.requests.unlink(controllerId, request.subjectId(), "erased subject, request " + requestId);
			Erasure.Erased erased = this.erasure.erase(controllerId, request.subjectId(), held, now);
			this.requests.storeKept(controllerId, requestId, erased.kept());
			outcome = this.erasure.answer(erased) + "; " + told.summary();
		}
		else if (request.type() == Policy.Right.OBJECTION) {
			outcome = ledger("objected", this.choices.object(controllerId, request.subjectId(), requestId));
		}
		else if (request.type() == Policy.Right.CONSENT_WITHDRAWAL) {
			outcome = ledger("withdrawn", this.choices.withdraw(controllerId, request.subjectId(), requestId));
		}
		else if (request.type() == Policy.Right.DIRECTORY_REMOVAL) {
			String directory = this.policies.current(controllerId).rights().directoryCategory();
			if (directory == null) {
				throw new TransitionRefused("request-not-executable",
						"the policy of " + controllerId + " names no category of telephone-directory data");
			}
			outcome = "directory removal; "
					+ this.notices.tell(inProgress, request.subjectId(), Set.of(directory)).summary();
		}
		else {
			if (request.type() == Policy.Right.RESTRICTION) {
				this.subjects.restrict(controllerId, request.subjectId());
			}
			outcome = this.notices.tell(inProgress, request.subjectId(), now).summary();
		}
		this.auditing.success("rights_request.executed", controllerId, null, targets(request));
		return close(inProgress.answer(this.clock.instant()), "answered", outcome);
	}

	/**
	 * Forwards a request a processor received (its policy says requests reach it through
	 * its client controllers) to the client controller whose policy names it as
	 * processor: the client receives it as its own request, counted from the first
	 * receipt, verifies the identity and instructs its execution on the data it controls;
	 * the processor's request is closed with a reference to the client's, whose state the
	 * client's users follow.
	 */
	@Transactional
	RightsRequest forward(String controllerId, UUID requestId, @Nullable String clientId) {
		Policy policy = this.policies.current(controllerId);
		if (!policy.rights().viaClientController()) {
			throw new TransitionRefused("request-not-forwardable", "the policy of " + controllerId
					+ " does not receive requests for client controllers (rights.via_client_controller)");
		}
		String client = ReceivingRequests.blankToNull(clientId);
		if (client == null) {
			throw InvalidInputException.of("client", "name the client controller the request concerns");
		}
		boolean isClient = this.policies.find(client).isPresent()
				&& controllerId.equals(this.policies.current(client).controller().processor());
		if (!isClient) {
			throw InvalidInputException.of("client",
					"'" + client + "' is not a client controller whose policy names " + controllerId + " as processor");
		}
		RightsRequest request = locked(controllerId, requestId);
		RightsRequest closed = request.forward(this.clock.instant());
		String subject = request.subjectReference();
		if (subject == null && request.subjectId() != null) {
			subject = this.subjects.find(controllerId, request.subjectId())
				.map((s) -> (s.phone() != null) ? s.phone() : (s.email() != null) ? s.email() : s.customerCode())
				.orElse(null);
		}
		String details = "Forwarded by the processor " + controllerId + " (its request " + requestId + ")"
				+ ((request.details() != null) ? ": " + request.details() : "");
		RightsRequest received = this.receiving.receive(client,
				new Intake(RightsRequests.key(request.type()), subject, request.delegate() ? "delegate" : "subject",
						request.delegateName(), RightsRequests.key(request.channel()), request.identityCertain(),
						request.receivedAt(), details, List.of()));
		return close(closed, "forwarded", "forwarded to the client controller " + client + " as its request "
				+ received.id() + "; the processor acts on its instruction");
	}

	/** The types of request Tutela executes. */
	static final Set<Policy.Right> EXECUTABLE = EnumSet.of(Policy.Right.ACCESS, Policy.Right.RESTRICTION,
			Policy.Right.RECTIFICATION, Policy.Right.ERASURE, Policy.Right.PORTABILITY, Policy.Right.OBJECTION,
			Policy.Right.CONSENT_WITHDRAWAL, Policy.Right.DIRECTORY_REMOVAL);

	/** What a request recorded on the consent ledger, as the answer states it. */
	private static String ledger(String event, List<String> entries) {
		return entries.isEmpty() ? "nothing to record on the consent ledger"
				: "consent ledger, " + event + ": " + String.join(", ", entries);
	}

	/** The result of an executed request (the access zip). */
	byte[] result(String controllerId, UUID requestId) {
		RightsRequest request = this.requests.find(controllerId, requestId)
			.orElseThrow(() -> new NotFoundException("request", requestId));
		String sealed = this.requests.result(controllerId, requestId)
			.orElseThrow(() -> new NotFoundException("result of request", requestId));
		this.auditing.success("rights_request.result_read", controllerId, null, targets(request));
		return this.results.open(sealed, context(controllerId, requestId));
	}

	private RightsRequest close(RightsRequest closed, String kind, @Nullable String reason) {
		Policy policy = this.policies.current(closed.controllerId());
		LocalDate closedOn = LocalDate.ofInstant(this.clock.instant(), policy.controller().timezone());
		java.time.Period keep = policy.rights().proofRetention();
		return step(closed.withProofsPurgeOn((keep != null) ? closedOn.plus(keep) : closedOn), kind, reason, null);
	}

	private RightsRequest step(RightsRequest changed, String kind, @Nullable String reason, @Nullable LocalDate due) {
		this.requests.update(changed);
		this.requests.event(changed.controllerId(), changed.id(), this.clock.instant(), kind, this.actor.actor().name(),
				reason, due);
		this.auditing.success("rights_request." + kind, changed.controllerId(), null, targets(changed));
		return changed;
	}

	private RightsRequest locked(String controllerId, UUID requestId) {
		return this.requests.lock(controllerId, requestId)
			.orElseThrow(() -> new NotFoundException("request", requestId));
	}

	private static String reason(@Nullable String reason, int minimum) {
		String why = ReceivingRequests.blankToNull(reason);
		if (why == null || why.length() < minimum) {
			throw InvalidInputException.of("reason", "give the reason in at least " + minimum + " characters"
					+ ((minimum > MIN_REASON) ? ", analytically, as the controller's policy requires" : ""));
		}
		if (why.length() > ReceivingRequests.MAX_TEXT) {
			throw InvalidInputException.of("reason", "is longer than " + ReceivingRequests.MAX_TEXT + " characters");
		}
		return why;
	}

	private static List<Object> targets(RightsRequest r) {
		return (r.subjectId() != null) ? List.of(r.id(), r.subjectId()) : List.of(r.id());
	}

	private static String context(String controllerId, UUID requestId) {
		return "rights-result:" + controllerId + ":" + requestId;
	}

}
