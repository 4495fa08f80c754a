package io.tutela.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Creates unsubscribe links for messages, and records the objection when a person follows
 * one: no login, the signature and the expiry are the checks.
 */
@Service
class Unsubscribing {

	private final UnsubscribeLinks links;

	private final People people;

	private final RecordingConsents recording;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	Unsubscribing(UnsubscribeLinks links, People people, RecordingConsents recording, Policies policies,
			Auditing auditing, Clock clock) {
		this.links = links;
		this.people = people;
		this.recording = recording;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	String create(String controllerId, LinkInput in) {
		Policy policy = this.policies.current(controllerId);
		List<FieldProblem> problems = new ArrayList<>();
		Contacts.Person person = this.people.person(controllerId, in.subject(), in.phone(), in.email(), problems);
		String purpose = (People.blank(in.purpose()) != null) ? in.purpose().strip()
				: (policy.marketing() != null) ? policy.marketing().purpose() : null;
		if (purpose == null || policy.purpose(purpose).isEmpty()) {
			problems.add(new FieldProblem("purpose", "not a purpose of the policy of " + controllerId));
		}
		String scope = (in.scope() != null) ? in.scope().strip().toLowerCase(Locale.ROOT) : "";
		if (!ChannelScope.known(scope)) {
			problems.add(new FieldProblem("scope", "automated, traditional or one channel"));
		}
		if (in.expiresAt() == null || !in.expiresAt().isAfter(this.clock.instant())) {
			problems.add(new FieldProblem("expiresAt", "when the link stops working: an instant in the future"));
		}
		if (!problems.isEmpty() || person == null || purpose == null || in.expiresAt() == null) {
			throw new InvalidInputException(problems);
		}
		String token = this.links.token(UnsubscribeLinks.Link.of(controllerId, person, purpose, scope, in.expiresAt()));
		this.auditing.success("unsubscribe_link.create", controllerId, null,
				List.of((person.subjectId() != null) ? person.subjectId() : "prospect"));
		return token;
	}

	/** The link of a token, or why it does not work. */
	Followed follow(String token) {
		Optional<UnsubscribeLinks.Link> link = this.links.read(token);
		if (link.isEmpty() || this.policies.find(link.get().controllerId()).isEmpty()) {
			return new Followed(null, "invalid");
		}
		if (!link.get().expiresAt().isAfter(this.clock.instant())) {
			return new Followed(link.get(), "expired");
		}
		return new Followed(link.get(), null);
	}

	/** Records the objection of a valid link. */
	LedgerEntry object(UnsubscribeLinks.Link link) {
		Instant now = this.clock.instant();
		int version = this.policies.controller(link.controllerId()).currentVersion();
		UUID subject = link.subjectId();
		return this.recording.record(new LedgerEntry(UUID.randomUUID(), link.controllerId(), subject,
				link.kind().equals("phone") ? link.value() : null, link.kind().equals("email") ? link.value() : null,
				link.purpose(), link.scope(), LedgerEntry.Kind.OBJECTED, now, now, "unsubscribe-link",
				new LedgerEntry.Evidence("unsubscribe_link", "the subject", String.valueOf(version), null, false)));
	}

	/**
	 * A followed link, or the reason it does not work ({@code invalid}, {@code expired}).
	 */
	record Followed(UnsubscribeLinks.@Nullable Link link, @Nullable String problem) {
	}

	record LinkInput(@Nullable UUID subject, @Nullable String phone, @Nullable String email, @Nullable String purpose,
			@Nullable String scope, @Nullable Instant expiresAt) {
	}

}
