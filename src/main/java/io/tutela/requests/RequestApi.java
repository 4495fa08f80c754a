package io.tutela.requests;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.Problems;
import io.tutela.web.Paging;

/** Rights requests: intake, the DPO's queue, the workflow's steps and the result. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/requests")
@Tag(name = "Rights requests", description = "Requests by which people exercise their rights (GDPR art. 15-22)")
class RequestApi {

	private final ReceivingRequests receiving;

	private final HandlingRequests handling;

	private final RequestViews views;

	private final PortabilityDeliveries deliveries;

	RequestApi(ReceivingRequests receiving, HandlingRequests handling, RequestViews views,
			PortabilityDeliveries deliveries) {
		this.deliveries = deliveries;
		this.receiving = receiving;
		this.handling = handling;
		this.views = views;
	}

	/** A page of requests. */
	record Page(int page, int size, List<RequestView> items) {
	}

	/** The reason of an extension or denial; an extension may name its new deadline. */
	record Reason(@Nullable String reason, @Nullable LocalDate until) {
	}

	/** Documents sent with the verification of identity. */
	record Proofs(@Nullable List<Intake.ProofInput> proofs) {
	}

	@PostMapping
	@Operation(summary = "Receive a request",
			description = "The policy decides the rights offered and the channels accepted; 400 listing every problem")
	ResponseEntity<RequestView> create(@PathVariable String controllerId, @RequestBody Intake intake) {
		RightsRequest request = this.receiving.receive(controllerId, intake);
		return ResponseEntity.created(URI.create("/api/v1/controllers/" + controllerId + "/requests/" + request.id()))
			.body(this.views.detail(this.handling.one(controllerId, request.id())));
	}

	@GetMapping
	@Operation(summary = "List requests, soonest due first",
			description = "state: received, identity_verified, in_progress, answered, denied, or open; "
					+ "dueBefore: only those due before the day; paged")
	Page list(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable LocalDate dueBefore, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		List<FieldProblem> problems = new ArrayList<>();
		FieldProblem paging = Paging.problem(page, size);
		if (paging != null) {
			problems.add(paging);
		}
		RequestState wanted = null;
		boolean open = "open".equals(state);
		if (state != null && !state.isBlank() && !open) {
			wanted = ReceivingRequests.parse(RequestState.class, state, "state", problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new Page(page, size,
				this.handling.list(controllerId, wanted, open, dueBefore, page, size)
					.stream()
					.map(this.views::summary)
					.toList());
	}

	@GetMapping("/{requestId}")
	@Operation(summary = "One request with its history")
	RequestView one(@PathVariable String controllerId, @PathVariable UUID requestId) {
		return this.views.detail(this.handling.one(controllerId, requestId));
	}

	@PostMapping("/{requestId}/verify-identity")
	@Operation(summary = "Record that the requester's identity is verified",
			description = "With the documents the policy requires (identity document; for a delegate, the proxy "
					+ "and the delegate's document), sent now or at intake")
	RequestView verifyIdentity(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestBody(required = false) @Nullable Proofs body) {
		List<FieldProblem> problems = new ArrayList<>();
		List<IdentityProofs.Upload> uploads = ReceivingRequests.uploads((body != null) ? body.proofs() : null,
				problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.handling.verifyIdentity(controllerId, requestId, uploads);
		return one(controllerId, requestId);
	}

	@PostMapping("/{requestId}/extend")
	@Operation(summary = "Extend the deadline, once, with a reason, within the first deadline",
			description = "until: the new deadline (default: the longest the policy allows)")
	RequestView extend(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestBody(required = false) @Nullable Reason body) {
		this.handling.extend(controllerId, requestId, (body != null) ? body.reason() : null,
				(body != null) ? body.until() : null);
		return one(controllerId, requestId);
	}

	@PostMapping("/{requestId}/deny")
	@Operation(summary = "Deny the request, with its reasons")
	RequestView deny(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestBody(required = false) @Nullable Reason body) {
		this.handling.deny(controllerId, requestId, (body != null) ? body.reason() : null);
		return one(controllerId, requestId);
	}

	@PostMapping("/{requestId}/execute")
	@Operation(summary = "Execute the request and answer it",
			description = "Access and portability answer with a zip (…/result); erasure, restriction, rectification, "
					+ "objection, consent withdrawal and directory removal are carried out and answered with what was done")
	RequestView execute(@PathVariable String controllerId, @PathVariable UUID requestId) {
		this.handling.execute(controllerId, requestId);
		return one(controllerId, requestId);
	}

	/** The client controller a processor forwards a request to. */
	record Client(@Nullable String client) {
	}

	@PostMapping("/{requestId}/forward")
	@Operation(summary = "Forward a request a processor received to the client controller it concerns",
			description = "Only where the policy says requests reach the processor through its client controllers "
					+ "(rights.via_client_controller); the client's policy must name this controller as processor. "
					+ "The client receives the request as its own, counted from the first receipt; this one is "
					+ "closed with a reference to it.")
	RequestView forward(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestBody(required = false) @Nullable Client body) {
		this.handling.forward(controllerId, requestId, (body != null) ? body.client() : null);
		return one(controllerId, requestId);
	}

	/** The receiving controller's endpoint of a portability answer. */
	record Endpoint(@Nullable String url) {
	}

	@PostMapping("/{requestId}/deliveries")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Deliver a portability answer straight to another controller (art. 20(2))",
			description = "The zip is posted to the URL as application/zip by a scheduled round, retried after a "
					+ "doubling wait, and the delivery's state kept (pending, delivered, failed)")
	PortabilityDeliveries.Delivery deliver(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestBody(required = false) @Nullable Endpoint body) {
		return this.deliveries.ask(controllerId, requestId, (body != null) ? body.url() : null);
	}

	@GetMapping("/{requestId}/deliveries")
	@Operation(summary = "The deliveries of a portability answer to other controllers, with their state")
	List<PortabilityDeliveries.Delivery> deliveries(@PathVariable String controllerId, @PathVariable UUID requestId) {
		this.handling.one(controllerId, requestId);
		return this.deliveries.of(controllerId, requestId);
	}

	@GetMapping("/{requestId}/result")
	@Operation(summary = "The result of an executed request: the access zip")
	ResponseEntity<byte[]> result(@PathVariable String controllerId, @PathVariable UUID requestId) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-" + requestId + ".zip\"")
			.body(this.handling.result(controllerId, requestId));
	}

	@ExceptionHandler(TransitionRefused.class)
	ProblemDetail refused(TransitionRefused ex) {
		return Problems.of(HttpStatus.CONFLICT, ex.problem(), "Not possible in the request's state", ex.getMessage());
	}

}
