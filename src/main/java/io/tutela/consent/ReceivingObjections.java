package io.tutela.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.subject.SubjectLookup;
import io.tutela.web.ConflictException;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/**
 * The inbox of objections by e-mail: a message received at the controller's objection
 * address (from a mailbox, a page or the API) is kept once per Message-ID; Tutela looks
 * for the subject it comes from (an unsubscribe link it quotes, the sender's address) and
 * proposes the objection when one subject is named and the message asks to stop. A person
 * confirms it (an objection on the ledger, with the message as its evidence), chooses the
 * subject, or marks it as no objection. Every step is audited.
 */
@Service
class ReceivingObjections {

	private final InboxMessages messages;

	private final UnsubscribeLinks links;

	private final SubjectLookup subjects;

	private final RecordingConsents recording;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	ReceivingObjections(InboxMessages messages, UnsubscribeLinks links, SubjectLookup subjects,
			RecordingConsents recording, Policies policies, Auditing auditing, CurrentActor actor, Clock clock) {
		this.messages = messages;
		this.links = links;
		this.subjects = subjects;
		this.recording = recording;
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
	}

	/**
	 * Takes a message in; one with a Message-ID the controller has already is not added
	 * again ({@code created} false).
	 */
	@Transactional
	Received receive(String controllerId, byte[] raw, String source) {
		this.policies.controller(controllerId);
		ReceivedMail mail;
		try {
			mail = ReceivedMail.read(raw);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(List.of(new FieldProblem("message", ex.getMessage())));
		}
		Optional<InboxMessage> known = this.messages.byMessageId(controllerId, mail.messageId());
		if (known.isPresent()) {
			this.auditing.success("consent_inbox.duplicate", controllerId, null, List.of(known.get().id()));
			return new Received(known.get(), false);
		}
		UnsubscribeLinks.Link link = null;
		for (String token : mail.tokens()) {
			Optional<UnsubscribeLinks.Link> read = this.links.read(token);
			if (link == null && read.isPresent() && read.get().controllerId().equals(controllerId)) {
				link = read.get();
			}
		}
		UUID linked = (link != null) ? link.subjectId() : null;
		boolean prospect = link != null && linked == null;
		List<UUID> bySender = (mail.sender() != null) ? this.subjects.resolve(controllerId, mail.sender()) : List.of();
		Set<UUID> candidates = new LinkedHashSet<>();
		if (linked != null) {
			candidates.add(linked);
		}
		candidates.addAll(bySender);
		InboxMessage.Match match;
		UUID proposed = null;
		if (prospect) {
			match = bySender.isEmpty() ? InboxMessage.Match.LINK : InboxMessage.Match.AMBIGUOUS;
		}
		else if (candidates.isEmpty()) {
			match = InboxMessage.Match.NONE;
		}
		else if (candidates.size() > 1) {
			match = InboxMessage.Match.AMBIGUOUS;
		}
		else {
			proposed = candidates.iterator().next();
			match = (linked != null) ? InboxMessage.Match.LINK : InboxMessage.Match.SENDER;
		}
		boolean proposesProspect = prospect && match == InboxMessage.Match.LINK;
		String proposedEmail = (proposesProspect && link.kind().equals("email")) ? link.value() : null;
		String proposedPhone = (proposesProspect && link.kind().equals("phone")) ? link.value() : null;
		InboxMessage.State state = ((proposed != null || proposesProspect) && mail.objectionLike())
				? InboxMessage.State.PROPOSED : InboxMessage.State.PENDING;
		InboxMessage message = new InboxMessage(UUID.randomUUID(), controllerId, mail.messageId(), this.clock.instant(),
				mail.sentAt(), mail.sender(), mail.subjectLine(), mail.body(), source, this.actor.actor().name(),
				mail.objectionLike(), match, proposed, proposedEmail, proposedPhone, List.copyOf(candidates),
				(link != null) ? link.purpose() : null, state, null, null, null);
		if (!this.messages.add(message)) {
			return new Received(this.messages.byMessageId(controllerId, mail.messageId()).orElseThrow(), false);
		}
		List<Object> targets = new ArrayList<>(List.of(message.id()));
		targets.addAll(candidates);
		this.auditing.success("consent_inbox.receive", controllerId, null, targets);
		return new Received(message, true);
	}

	List<InboxMessage> list(String controllerId, boolean open, int page, int size) {
		this.policies.controller(controllerId);
		FieldProblem paging = Paging.problem(page, size);
		if (paging != null) {
			throw new InvalidInputException(List.of(paging));
		}
		List<InboxMessage> found = this.messages.list(controllerId, open, page * size, size);
		this.auditing.success("consent_inbox.read", controllerId, null, found.stream().map(InboxMessage::id).toList());
		return found;
	}

	InboxMessage one(String controllerId, UUID id) {
		InboxMessage message = find(controllerId, id);
		this.auditing.success("consent_inbox.read", controllerId, null, List.of(id));
		return message;
	}

	/**
	 * Records the objection of a message: of the subject a person chose, of the sender's
	 * address (a prospect: the ledger keeps the bare address), or else of whom Tutela
	 * proposed. It counts from when the message was sent (or received, if its date is
	 * missing or in the future), for the purpose of the quoted link or the policy's
	 * marketing purpose, on every channel.
	 */
	@Transactional
	LedgerEntry object(String controllerId, UUID id, Choice choice) {
		InboxMessage message = open(controllerId, id);
		List<FieldProblem> problems = new ArrayList<>();
		UUID subject = (choice.subject() != null) ? choice.subject()
				: choice.sender() ? null : message.proposedSubject();
		String email = (choice.subject() != null) ? null : choice.sender() ? message.sender() : message.proposedEmail();
		String phone = (choice.subject() != null || choice.sender()) ? null : message.proposedPhone();
		if (choice.sender() && message.sender() == null) {
			problems.add(new FieldProblem("sender", "the message has no readable sender's address"));
		}
		else if (subject == null && email == null && phone == null) {
			problems.add(new FieldProblem("subject", "choose the subject the message comes from"));
		}
		else if (choice.subject() != null
				&& !this.subjects.resolve(controllerId, choice.subject().toString()).contains(choice.subject())) {
			problems.add(new FieldProblem("subject", "not a subject of " + controllerId));
		}
		Policy policy = this.policies.current(controllerId);
		String purpose = (message.linkPurpose() != null && policy.purpose(message.linkPurpose()).isPresent())
				? message.linkPurpose() : (policy.marketing() != null) ? policy.marketing().purpose() : null;
		if (purpose == null) {
			problems.add(new FieldProblem("purpose", "the policy of " + controllerId + " names no marketing purpose"));
		}
		if (!problems.isEmpty() || purpose == null) {
			throw new InvalidInputException(problems);
		}
		Instant now = this.clock.instant();
		Instant occurred = (message.sentAt() != null && !message.sentAt().isAfter(now)) ? message.sentAt()
				: message.receivedAt();
		String evidence = "the sender, by e-mail: Message-ID " + message.messageId() + ", sent "
				+ ((message.sentAt() != null) ? message.sentAt() : "(no date)") + ", inbox message " + message.id();
		LedgerEntry entry = this.recording.record(new LedgerEntry(UUID.randomUUID(), controllerId, subject, phone,
				(subject == null && phone == null) ? email : null, purpose, "automated", LedgerEntry.Kind.OBJECTED,
				occurred, now, this.actor.actor().name(), new LedgerEntry.Evidence("email", evidence,
						String.valueOf(this.policies.controller(controllerId).currentVersion()), null, false)));
		decide(message, InboxMessage.State.OBJECTION, now, entry.id());
		List<Object> targets = new ArrayList<>(List.of(id, entry.id()));
		if (subject != null) {
			targets.add(subject);
		}
		this.auditing.success("consent_inbox.objection", controllerId, null, targets);
		return entry;
	}

	/** A person decided the message is no objection. */
	@Transactional
	InboxMessage dismiss(String controllerId, UUID id) {
		InboxMessage message = open(controllerId, id);
		decide(message, InboxMessage.State.NOT_OBJECTION, this.clock.instant(), null);
		this.auditing.success("consent_inbox.not_objection", controllerId, null, List.of(id));
		return find(controllerId, id);
	}

	private void decide(InboxMessage message, InboxMessage.State state, Instant at, @Nullable UUID event) {
		if (!this.messages.decide(message.controllerId(), message.id(), state, at, this.actor.actor().name(), event)) {
			throw new ConflictException("inbox-message-decided", "the message was decided already");
		}
	}

	private InboxMessage open(String controllerId, UUID id) {
		InboxMessage message = find(controllerId, id);
		if (!message.state().open()) {
			throw new ConflictException("inbox-message-decided",
					"the message was decided already: " + message.state().key());
		}
		return message;
	}

	private InboxMessage find(String controllerId, UUID id) {
		return this.messages.find(controllerId, id).orElseThrow(() -> new NotFoundException("inbox message", id));
	}

	/**
	 * Whom a person records the objection for: a subject, or the sender's address, or
	 * (both empty) whom Tutela proposed.
	 */
	record Choice(@Nullable UUID subject, boolean sender) {

		static final Choice PROPOSED = new Choice(null, false);

	}

	/** A message taken in, and whether it is new. */
	record Received(InboxMessage message, boolean created) {
	}

}
