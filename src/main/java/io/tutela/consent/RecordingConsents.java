package io.tutela.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/**
 * Adds consents, withdrawals and objections to the ledger after checking them against the
 * controller's policy, and reads the ledger; every write and read is audited.
 */
@Service
class RecordingConsents {

	private final Ledger ledger;

	private final People people;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	RecordingConsents(Ledger ledger, People people, Policies policies, Auditing auditing, CurrentActor actor,
			Clock clock) {
		this.ledger = ledger;
		this.people = people;
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
	}

	@Transactional
	LedgerEntry record(String controllerId, ConsentInput in) {
		LedgerEntry entry = validate(controllerId, in);
		this.ledger.append(entry);
		this.auditing.success("consent." + entry.event().key(), controllerId, null, List.of(entry.id()));
		return entry;
	}

	/** Records an entry already checked (an unsubscribe link, a rights request). */
	@Transactional
	LedgerEntry record(LedgerEntry entry) {
		this.ledger.append(entry);
		this.auditing.success("consent." + entry.event().key(), entry.controllerId(), null, List.of(entry.id()));
		return entry;
	}

	List<LedgerEntry> list(String controllerId, @Nullable UUID subject, @Nullable String phone, @Nullable String email,
			int page, int size) {
		this.policies.controller(controllerId);
		List<FieldProblem> problems = new ArrayList<>();
		FieldProblem paging = Paging.problem(page, size);
		if (paging != null) {
			problems.add(paging);
		}
		Contacts.Person filter = (subject == null && People.blank(phone) == null && People.blank(email) == null) ? null
				: this.people.person(controllerId, subject, phone, email, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		List<LedgerEntry> found = (filter == null) ? this.ledger.list(controllerId, null, null, null, page * size, size)
				: this.ledger.list(controllerId, filter.subjectId(), filter.phone(), filter.email(), page * size, size);
		this.auditing.success("consent.read", controllerId, null, found.stream().map(LedgerEntry::id).toList());
		return found;
	}

	LedgerEntry one(String controllerId, UUID id) {
		LedgerEntry entry = this.ledger.find(controllerId, id).orElseThrow(() -> new NotFoundException("consent", id));
		this.auditing.success("consent.read", controllerId, null, List.of(id));
		return entry;
	}

	private LedgerEntry validate(String controllerId, ConsentInput in) {
		Policy policy = this.policies.current(controllerId);
		int currentVersion = this.policies.controller(controllerId).currentVersion();
		List<FieldProblem> problems = new ArrayList<>();
		Contacts.Person person = this.people.person(controllerId, in.subject(), in.phone(), in.email(), problems);
		String purpose = People.blank(in.purpose());
		if (purpose == null && policy.marketing() != null) {
			purpose = policy.marketing().purpose();
		}
		if (purpose == null || policy.purpose(purpose).isEmpty()) {
			problems.add(new FieldProblem("purpose", "not a purpose of the policy of " + controllerId));
		}
		String scope = (in.scope() != null) ? in.scope().strip().toLowerCase(Locale.ROOT) : "";
		if (!ChannelScope.known(scope)) {
			problems.add(new FieldProblem("scope", "automated, traditional or one channel: email, sms, mms, fax, "
					+ "automated_call, app_notification, paper_mail, operator_call"));
		}
		else if (ChannelScope.channel(scope) != null && policy.marketing() != null
				&& !policy.marketing().channels().contains(ChannelScope.channel(scope))) {
			problems.add(new FieldProblem("scope", "the policy does not name " + scope + " among its channels"));
		}
		LedgerEntry.Kind kind = null;
		for (LedgerEntry.Kind k : LedgerEntry.Kind.values()) {
			if (k.key().equals(in.event())) {
				kind = k;
			}
		}
		if (kind == null) {
			problems.add(new FieldProblem("event", "given, withdrawn or objected"));
		}
		Instant now = this.clock.instant();
		Instant occurred = (in.occurredAt() != null) ? in.occurredAt() : now;
		if (occurred.isAfter(now)) {
			problems.add(new FieldProblem("occurredAt", "is in the future"));
		}
		String method = People.blank(in.method());
		if (method == null) {
			problems.add(new FieldProblem("method",
					"say how it was expressed (web_form, recorded_call, signed_form, email, unsubscribe_link, ...)"));
		}
		String notice = People.blank(in.noticeVersion());
		if (notice == null) {
			notice = String.valueOf(currentVersion);
		}
		else if (!notice.matches("[1-9][0-9]{0,5}") || Integer.parseInt(notice) > currentVersion) {
			problems.add(new FieldProblem("noticeVersion",
					"a version of the policy of " + controllerId + ", from 1 to " + currentVersion));
		}
		if (!problems.isEmpty() || person == null || kind == null || purpose == null || method == null) {
			throw new InvalidInputException(problems);
		}
		return new LedgerEntry(UUID.randomUUID(), controllerId, person.subjectId(), person.phone(), person.email(),
				purpose, scope, kind, occurred, now, this.actor.actor().name(),
				new LedgerEntry.Evidence(method, People.blank(in.collectedBy()), notice,
						People.blank(in.listProvenance()), Boolean.TRUE.equals(in.thirdPartyUse())));
	}

	/**
	 * A ledger entry as sent to the API or a page.
	 *
	 * @param scope {@code automated}, {@code traditional}, or one channel
	 * @param event {@code given}, {@code withdrawn} or {@code objected}
	 */
	record ConsentInput(@Nullable UUID subject, @Nullable String phone, @Nullable String email,
			@Nullable String purpose, @Nullable String scope, @Nullable String event, @Nullable Instant occurredAt,
			@Nullable String method, @Nullable String collectedBy, @Nullable String noticeVersion,
			@Nullable String listProvenance, @Nullable Boolean thirdPartyUse) {
	}

}
