package io.tutela.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.audit.PreconditionFailedException;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.Policy.Channel;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Answers contact questions, one or a batch: loads the facts, lets {@link Decisions}
 * decide, and puts the read of the ledger on the audit log.
 */
@Service
class DecidingContacts {

	/** Whether the policy's version {@code :policy} is still in force for {@code :c}. */
	private static final String POLICY_IN_FORCE = Policies.VERSION_IN_FORCE + " = :policy";

	/** The most rows one batch may ask about. */
	static final int BATCH_LIMIT = 10_000;

	private final Contacts contacts;

	private final People people;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	DecidingContacts(Contacts contacts, People people, Policies policies, Auditing auditing, Clock clock) {
		this.contacts = contacts;
		this.people = people;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	/**
	 * Decides one question. No transaction: each read is a statement of its own (as each
	 * would see its own snapshot in a transaction at READ COMMITTED), and the audit
	 * record of what was read commits by itself, in one round trip, before the answer is
	 * given.
	 */
	Decision decide(String controllerId, Question question) {
		return decideAll(controllerId, List.of(question)).get(0);
	}

	/**
	 * Decides under the policy this process last read as in force, which the facts' own
	 * query confirms (or, when the questions need no such query, a read of its own); when
	 * a newer version is in force, decides again under it. No transaction, as
	 * {@link #decide}.
	 */
	List<Decision> decideAll(String controllerId, List<Question> questions) {
		Policies.InForce lastRead = this.policies.lastReadInForce(controllerId);
		if (questions.isEmpty() || questions.size() > BATCH_LIMIT) {
			throw InvalidInputException.of("rows", "from 1 to " + BATCH_LIMIT + " rows");
		}
		return decideUnder(controllerId, lastRead, false, true, questions)
			.or(() -> decideUnder(controllerId, lastRead, false, false, questions))
			.orElseGet(() -> decideUnder(controllerId, this.policies.inForce(controllerId), true, false, questions)
				.orElseThrow());
	}

	/**
	 * The decisions under a policy, audited; empty, before anything is written, when the
	 * policy turns out not to be in force any more. Questions about numbers, on a day for
	 * which the contact index was last found current, may be answered from it with no
	 * round trip before the audit's: that round trip then checks first that the index,
	 * the register's snapshot and the policy are still current, and appends nothing (and
	 * this answers empty) when they are not.
	 * @param confirmed whether the policy was just read as in force
	 * @param assume whether to answer from an index assumed current
	 */
	private Optional<List<Decision>> decideUnder(String controllerId, Policies.InForce inForce, boolean confirmed,
			boolean assume, List<Question> questions) {
		Policy policy = inForce.policy();
		Terms terms = Terms.of(policy);
		List<FieldProblem> problems = new ArrayList<>();
		List<Checked> checked = new ArrayList<>();
		for (int i = 0; i < questions.size(); i++) {
			Question q = questions.get(i);
			List<FieldProblem> own = new ArrayList<>();
			// whether a subject named by id exists, its facts' query tells
			Contacts.Person person = People.named(q.subject(), q.phone(), q.email(), own);
			Channel channel = (q.channel() != null) ? ChannelScope.channel(q.channel().strip().toLowerCase(Locale.ROOT))
					: null;
			if (channel == null) {
				own.add(new FieldProblem("channel", "one of email, sms, mms, fax, automated_call, app_notification, "
						+ "paper_mail, operator_call"));
			}
			String purpose = People.blank(q.purpose());
			if (purpose == null) {
				purpose = terms.marketingPurpose();
			}
			if (purpose == null || policy.purpose(purpose).isEmpty()) {
				own.add(new FieldProblem("purpose", "not a purpose of the policy of " + controllerId));
			}
			String prefix = (questions.size() > 1) ? "rows[" + i + "]." : "";
			if (!own.isEmpty() && person != null && !this.people.exists(controllerId, person)) {
				own.add(People.noSuchSubject(""));
			}
			own.forEach((p) -> problems.add(new FieldProblem(prefix + p.field(), p.message())));
			if (own.isEmpty() && person != null && channel != null && purpose != null) {
				checked.add(new Checked(prefix, person, channel, purpose,
						(q.asOf() != null) ? q.asOf() : this.clock.instant()));
			}
		}
		if (!problems.isEmpty()) {
			// the subjects of the rows without any other problem are asked about too, so
			// that the answer lists every problem
			for (Checked c : checked) {
				if (!this.people.exists(controllerId, c.person())) {
					problems.add(People.noSuchSubject(c.prefix()));
				}
			}
			return refused(controllerId, inForce, confirmed, problems);
		}
		ContactIndexes.Assumed assumed = assume ? assumed(controllerId, checked, terms.zone()).orElse(null) : null;
		// null, and the facts read as below, when the index cannot answer every question
		List<ContactFacts> fromIndex = (assumed != null) ? fromIndex(controllerId, assumed, checked, terms.zone())
				: null;
		Set<Integer> inForceSeen = new HashSet<>();
		List<Decision> decisions = new ArrayList<>();
		Set<Object> read = new LinkedHashSet<>();
		for (int i = 0; i < checked.size(); i++) {
			Checked c = checked.get(i);
			ContactFacts facts = (fromIndex != null) ? fromIndex.get(i)
					: this.contacts.facts(controllerId, c.person(), c.asOf(), terms.zone(), inForceSeen::add);
			if (c.person().subjectId() != null && facts.subjectIds().isEmpty()) {
				problems.add(People.noSuchSubject(c.prefix()));
			}
			read.addAll(facts.subjectIds());
			facts.entries().forEach((e) -> read.add(e.id()));
			decisions.add(Decisions.decide(terms, facts, c.channel(), c.purpose(), c.asOf(), null));
		}
		if (!problems.isEmpty()) {
			return refused(controllerId, inForce, confirmed, problems);
		}
		if (assumed != null && fromIndex != null) {
			try {
				this.auditing.successIf(
						assumed.precondition()
							.and(POLICY_IN_FORCE, Map.of("c", controllerId, "policy", inForce.version())),
						"contact_decision.read", controllerId, null, read);
				return Optional.of(decisions);
			}
			catch (PreconditionFailedException ex) {
				return Optional.empty();
			}
		}
		if (!confirmed && (inForceSeen.isEmpty() ? !stillInForce(controllerId, inForce)
				: !inForceSeen.equals(Set.of(inForce.version())))) {
			return Optional.empty();
		}
		this.auditing.success("contact_decision.read", controllerId, null, read);
		return Optional.of(decisions);
	}

	/**
	 * The contact index assumed current for the questions, when every one is about a
	 * number or a subject, as of one day.
	 */
	private Optional<ContactIndexes.Assumed> assumed(String controllerId, List<Checked> checked, ZoneId zone) {
		LocalDate day = null;
		for (Checked c : checked) {
			LocalDate on = LocalDays.dateOf(c.asOf(), zone);
			if (c.person().email() != null || (day != null && !day.equals(on))) {
				return Optional.empty();
			}
			day = on;
		}
		return (day != null) ? this.contacts.assumed(controllerId, day) : Optional.empty();
	}

	/**
	 * The facts of every question from the index assumed current, or null when it cannot
	 * answer one of them (a subject without a number of its own).
	 */
	private @Nullable List<ContactFacts> fromIndex(String controllerId, ContactIndexes.Assumed assumed,
			List<Checked> checked, ZoneId zone) {
		List<ContactFacts> facts = new ArrayList<>(checked.size());
		for (Checked c : checked) {
			Optional<ContactFacts> known = this.contacts.facts(controllerId, assumed.current(), c.person(),
					LocalDays.dateOf(c.asOf(), zone));
			if (known.isEmpty()) {
				return null;
			}
			facts.add(known.get());
		}
		return facts;
	}

	/**
	 * Refuses the questions with their problems; empty when the policy turns out not to
	 * be in force any more (they are asked again under the newer one, which may judge
	 * them otherwise).
	 */
	private Optional<List<Decision>> refused(String controllerId, Policies.InForce inForce, boolean confirmed,
			List<FieldProblem> problems) {
		if (!confirmed && !stillInForce(controllerId, inForce)) {
			return Optional.empty();
		}
		throw new InvalidInputException(problems);
	}

	private boolean stillInForce(String controllerId, Policies.InForce inForce) {
		return this.policies.inForce(controllerId).version() == inForce.version();
	}

	/** A question: who, on which channel, for which purpose, when (default now). */
	record Question(@Nullable UUID subject, @Nullable String phone, @Nullable String email, @Nullable String channel,
			@Nullable String purpose, @Nullable Instant asOf) {
	}

	private record Checked(String prefix, Contacts.Person person, Channel channel, String purpose, Instant asOf) {
	}

}
