package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Rights requests as the person they are about sees them, for the subject portal: submit
 * through the same intake as every channel (recorded as {@code portal}, the deadline
 * computed the same way), follow one's own, download the result. A person is the subject
 * the controller knows, or, for someone it does not know, the e-mail address the portal
 * proved; nothing here ever reaches another person's requests or another controller's.
 */
@Service
public class PortalRequests {

	private final ReceivingRequests receiving;

	private final HandlingRequests handling;

	private final RightsRequests requests;

	private final RequestViews views;

	private final Policies policies;

	private final JdbcClient jdbc;

	PortalRequests(ReceivingRequests receiving, HandlingRequests handling, RightsRequests requests, RequestViews views,
			Policies policies, JdbcClient jdbc) {
		this.receiving = receiving;
		this.handling = handling;
		this.requests = requests;
		this.views = views;
		this.policies = policies;
		this.jdbc = jdbc;
	}

	/**
	 * Who asks: the subject the controller knows, or (when {@code subjectId} is null) the
	 * person who proved control of {@code email}.
	 */
	public record Person(@Nullable UUID subjectId, String email) {
	}

	/**
	 * A document sent with a request.
	 *
	 * @param kind {@code identity_document}, {@code proxy} or {@code delegate_document}
	 */
	public record Document(String kind, String name, String contentType, byte[] content) {
	}

	/** What the policy asks of a request through the portal. */
	public record Terms(boolean accepted, List<String> types, boolean identityDocument, boolean delegateProxy) {
	}

	/** A request as its person sees it. */
	public record Summary(UUID id, String type, String state, Instant receivedAt, LocalDate dueOn, boolean extended,
			@Nullable Long daysLeft, @Nullable Instant closedAt, boolean hasResult, String channel, String requester) {
	}

	/** One step of a request's history, without the staff member who took it. */
	public record Step(Instant at, String kind, @Nullable String reason, @Nullable LocalDate dueOn) {
	}

	/**
	 * A request with its history, the kinds of document held and, after an erasure, what
	 * it kept and why.
	 */
	public record Detail(Summary summary, @Nullable String delegateName, @Nullable String details, List<Step> history,
			List<String> proofs, List<KeptGroup> kept) {
	}

	/** The rights a person may exercise through the portal and the documents asked. */
	public Terms terms(String controllerId) {
		Policy.Rights rights = this.policies.current(controllerId).rights();
		return new Terms(rights.channels().contains(Policy.RequestChannel.PORTAL),
				rights.offered().stream().filter((r) -> r != Policy.Right.COMPLAINT).map(RightsRequests::key).toList(),
				rights.identityDocument(), rights.delegateProxy());
	}

	/**
	 * Receives a request of the person through the intake, channel {@code portal}; the
	 * intake's problems are thrown as they are. A person the controller does not know by
	 * their address may name themselves by another identifier (phone, customer code); the
	 * operator verifies their identity on the documents before anything is executed.
	 * Returns the request's id.
	 */
	@Transactional
	public UUID submit(String controllerId, Person person, @Nullable String identifier, @Nullable String type,
			@Nullable String requester, @Nullable String delegateName, @Nullable String details,
			List<Document> documents) {
		List<FieldProblem> problems = new ArrayList<>();
		List<IdentityProofs.Upload> uploads = new ArrayList<>();
		for (Document d : documents) {
			String problem = ReceivingRequests.check(ReceivingRequests.blankToNull(d.name()), d.content());
			if (problem != null) {
				problems.add(new FieldProblem(d.kind(), problem));
			}
			else {
				uploads.add(new IdentityProofs.Upload(ProofKind.of(d.kind()), d.name().strip(), d.contentType(),
						d.content()));
			}
		}
		Terms terms = terms(controllerId);
		List<String> kinds = documents.stream().map(Document::kind).toList();
		if (terms.identityDocument() && !kinds.contains(ProofKind.IDENTITY_DOCUMENT.key())) {
			problems.add(new FieldProblem(ProofKind.IDENTITY_DOCUMENT.key(),
					"the policy of " + controllerId + " requires the identity document of the person concerned"));
		}
		if (terms.delegateProxy() && "delegate".equals(requester)) {
			for (ProofKind kind : List.of(ProofKind.PROXY, ProofKind.DELEGATE_DOCUMENT)) {
				if (!kinds.contains(kind.key())) {
					problems.add(new FieldProblem(kind.key(),
							"the policy of " + controllerId + " requires it for a delegate's request"));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		String given = ReceivingRequests.blankToNull(identifier);
		String reference = (person.subjectId() != null) ? person.subjectId().toString()
				: (given != null) ? given : person.email();
		UUID id = this.receiving
			.receive(controllerId,
					new Intake(type, reference, requester, delegateName,
							RightsRequests.key(Policy.RequestChannel.PORTAL), false, null, details, null),
					uploads)
			.id();
		this.jdbc.sql("UPDATE rights_request SET portal_address = :e WHERE controller_id = :c AND id = :id")
			.param("e", person.email().toLowerCase(Locale.ROOT))
			.param("c", controllerId)
			.param("id", id)
			.update();
		return id;
	}

	/** The person's requests, newest first. */
	public List<Summary> of(String controllerId, Person person) {
		List<UUID> ids = this.jdbc.sql("""
				SELECT id FROM rights_request WHERE controller_id = :c
				  AND (subject_id = CAST(:s AS uuid) OR portal_address = :e
				       OR (subject_id IS NULL AND lower(subject_reference) = :e))
				ORDER BY received_at DESC, id LIMIT 200""")
			.param("c", controllerId)
			.param("s", person.subjectId())
			.param("e", person.email().toLowerCase(Locale.ROOT))
			.query(UUID.class)
			.list();
		List<Summary> found = new ArrayList<>();
		for (UUID id : ids) {
			own(controllerId, person, id).ifPresent((r) -> found.add(summary(this.views.summary(r))));
		}
		return found;
	}

	/** One of the person's requests with its history; empty for anyone else's. */
	public Optional<Detail> one(String controllerId, Person person, UUID requestId) {
		return own(controllerId, person, requestId).map(this.views::detail)
			.map((v) -> new Detail(summary(v), v.delegateName(), v.details(),
					(v.events() != null)
							? v.events().stream().map((e) -> new Step(e.at(), e.kind(), e.reason(), e.dueOn())).toList()
							: List.of(),
					(v.proofs() != null) ? v.proofs().stream().map((p) -> p.kind().key()).toList() : List.of(),
					v.keptGroups()));
	}

	/** The result (the access zip) of one of the person's requests; empty otherwise. */
	public Optional<byte[]> result(String controllerId, Person person, UUID requestId) {
		return own(controllerId, person, requestId).filter(RightsRequest::hasResult)
			.map((r) -> this.handling.result(controllerId, requestId));
	}

	/**
	 * The request, read on the audit log, if it is the person's: about the subject they
	 * are, sent by them through the portal, or naming nobody but their address.
	 */
	private Optional<RightsRequest> own(String controllerId, Person person, UUID requestId) {
		Optional<RightsRequest> found = this.requests.find(controllerId, requestId).filter((r) -> belongs(r, person));
		return found.map((r) -> this.handling.one(controllerId, r.id()));
	}

	private boolean belongs(RightsRequest r, Person person) {
		if (r.subjectId() != null && r.subjectId().equals(person.subjectId())) {
			return true;
		}
		if (r.subjectId() == null && r.subjectReference() != null
				&& r.subjectReference().equalsIgnoreCase(person.email())) {
			return true;
		}
		return this.jdbc
			.sql("SELECT count(*) FROM rights_request WHERE controller_id = :c AND id = :id AND portal_address = :e")
			.param("c", r.controllerId())
			.param("id", r.id())
			.param("e", person.email().toLowerCase(Locale.ROOT))
			.query(Long.class)
			.single() == 1;
	}

	private static Summary summary(RequestView v) {
		return new Summary(v.id(), v.type(), v.state(), v.receivedAt(), v.dueOn(), v.extended(), v.daysLeft(),
				v.closedAt(), v.hasResult(), v.channel(), v.requester());
	}

}
