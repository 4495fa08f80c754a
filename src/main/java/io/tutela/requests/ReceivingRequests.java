package io.tutela.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.subject.SubjectLookup;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Intake of rights requests: the controller's policy decides which rights are offered and
 * which channels accepted; the deadline runs from receipt. A refused request leaves
 * nothing behind.
 */
@Service
class ReceivingRequests {

	static final int MAX_TEXT = 4000;

	static final int MAX_PROOF_BYTES = 10 * 1024 * 1024;

	private final RightsRequests requests;

	private final IdentityProofs proofs;

	private final SubjectLookup subjects;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	ReceivingRequests(RightsRequests requests, IdentityProofs proofs, SubjectLookup subjects, Policies policies,
			Auditing auditing, CurrentActor actor, Clock clock) {
		this.requests = requests;
		this.proofs = proofs;
		this.subjects = subjects;
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
	}

	@Transactional
	RightsRequest receive(String controllerId, Intake in) {
		return receive(controllerId, in, List.of());
	}

	/** Receives a request with documents uploaded beside it (from a form). */
	@Transactional
	RightsRequest receive(String controllerId, Intake in, List<IdentityProofs.Upload> uploaded) {
		Policy policy = this.policies.current(controllerId);
		Policy.Rights rights = policy.rights();
		List<FieldProblem> problems = new ArrayList<>();
		Policy.Right type = parse(Policy.Right.class, in.type(), "type", problems);
		if (type == Policy.Right.COMPLAINT) {
			problems.add(new FieldProblem("type", "a complaint is lodged with the supervisory authority "
					+ "(Garante), not exercised as a request to the controller"));
		}
		else if (type != null && !rights.offered().contains(type)) {
			problems.add(new FieldProblem("type", "the policy of " + controllerId + " does not offer '" + in.type()
					+ "'; it offers: " + keys(rights.offered())));
		}
		Policy.RequestChannel channel = parse(Policy.RequestChannel.class, in.channel(), "channel", problems);
		boolean certain = Boolean.TRUE.equals(in.identityCertain());
		if (channel != null && !rights.channels().contains(channel)) {
			problems.add(new FieldProblem("channel", "the policy of " + controllerId + " does not accept requests by "
					+ RightsRequests.key(channel) + "; it accepts: " + keys(rights.channels())));
		}
		else if (channel == Policy.RequestChannel.TELEPHONE && rights.telephoneNeedsIdentity() && !certain) {
			problems.add(new FieldProblem("channel", "a request by telephone is accepted only with certainty of "
					+ "the requester's identity, as the policy of " + controllerId + " says: ask for it in writing"));
		}
		boolean delegate = false;
		if (in.requester() != null && !in.requester().isBlank()) {
			switch (in.requester().strip().toLowerCase(Locale.ROOT)) {
				case "subject" -> delegate = false;
				case "delegate" -> delegate = true;
				default -> problems.add(new FieldProblem("requester", "must be 'subject' or 'delegate'"));
			}
		}
		String delegateName = blankToNull(in.delegateName());
		if (delegate && delegateName == null) {
			problems.add(new FieldProblem("delegateName", "a delegate's request names the delegate"));
		}
		UUID subjectId = null;
		String reference = blankToNull(in.subject());
		if (reference == null) {
			problems.add(new FieldProblem("subject",
					"name the subject: an id or an identifier (e-mail, phone, codice fiscale, customer code)"));
		}
		else if (reference.length() > 200) {
			problems.add(new FieldProblem("subject", "is longer than 200 characters"));
		}
		else {
			List<UUID> found = this.subjects.resolve(controllerId, reference);
			if (found.size() > 1) {
				problems.add(new FieldProblem("subject",
						"more than one subject has this identifier: give the subject's id"));
			}
			else if (found.size() == 1) {
				subjectId = found.get(0);
				reference = null;
			}
		}
		Instant now = this.clock.instant();
		Instant received = (in.receivedAt() != null) ? in.receivedAt() : now;
		if (received.isAfter(now)) {
			problems.add(new FieldProblem("receivedAt", "is in the future"));
		}
		String details = blankToNull(in.details());
		if (details != null && details.length() > MAX_TEXT) {
			problems.add(new FieldProblem("details", "is longer than " + MAX_TEXT + " characters"));
		}
		List<IdentityProofs.Upload> uploads = uploads(in.proofs(), problems);
		uploads.addAll(uploaded);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		ZoneId zone = policy.controller().timezone();
		java.time.LocalDate due = Deadlines.due(received, zone, rights.deadline());
		RightsRequest request = new RightsRequest(UUID.randomUUID(), controllerId, type, subjectId, reference, delegate,
				delegateName, channel, certain, received, details, RequestState.RECEIVED, due, due, false, null, null,
				false);
		this.requests.insert(request);
		this.requests.event(controllerId, request.id(), now, "received", this.actor.actor().name(), null, due);
		this.auditing.success("rights_request.received", controllerId, null,
				(subjectId != null) ? List.of(request.id(), subjectId) : List.of(request.id()));
		uploads.forEach((u) -> this.proofs.store(controllerId, request.id(), u));
		return request;
	}

	/** Decodes and checks documents sent in base64; each problem names its index. */
	static List<IdentityProofs.Upload> uploads(@Nullable List<Intake.ProofInput> inputs, List<FieldProblem> problems) {
		List<IdentityProofs.Upload> uploads = new ArrayList<>();
		if (inputs == null) {
			return uploads;
		}
		for (int i = 0; i < inputs.size(); i++) {
			Intake.ProofInput p = inputs.get(i);
			String field = "proofs[" + i + "]";
			ProofKind kind = null;
			try {
				kind = (p.kind() != null) ? ProofKind.of(p.kind()) : null;
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
			if (kind == null) {
				problems
					.add(new FieldProblem(field + ".kind", "must be identity_document, proxy or delegate_document"));
			}
			byte[] content = null;
			try {
				content = (p.content() != null) ? Base64.getDecoder().decode(p.content().strip()) : null;
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem(field + ".content", "is not valid base64"));
			}
			String problem = check(blankToNull(p.name()), content);
			if (problem != null) {
				problems.add(new FieldProblem(field, problem));
			}
			else if (kind != null && content != null) {
				uploads.add(new IdentityProofs.Upload(kind, p.name().strip(),
						(blankToNull(p.contentType()) != null) ? p.contentType().strip() : "application/octet-stream",
						content));
			}
		}
		return uploads;
	}

	/** What is wrong with a document, or null. */
	static @Nullable String check(@Nullable String name, byte @Nullable [] content) {
		if (name == null || name.length() > 255) {
			return "needs a file name of at most 255 characters";
		}
		if (content == null || content.length == 0) {
			return "is empty";
		}
		if (content.length > MAX_PROOF_BYTES) {
			return "is larger than " + (MAX_PROOF_BYTES / (1024 * 1024)) + " MB";
		}
		return null;
	}

	static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value, String field,
			List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field,
					"'" + value.strip() + "' is not one of: " + keys(List.of(type.getEnumConstants()))));
			return null;
		}
	}

	static @Nullable String blankToNull(@Nullable String s) {
		return (s == null || s.isBlank()) ? null : s.strip();
	}

	static String keys(List<? extends Enum<?>> values) {
		return values.stream().map(RightsRequests::key).collect(Collectors.joining(", "));
	}

}
