package io.tutela.vault;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.web.Problems;

/**
 * Legal orders and their answers, for the judicial liaison only; an API token also gives
 * a current authenticator code in {@code X-Second-Factor} at least every 15 minutes.
 */
@RestController
@Tag(name = "Justice vault", description = "Legal orders and the handover of retained traffic data")
class LegalOrderApi {

	private final LegalOrders orders;

	private final HandoverAnswers answers;

	private final Clock clock;

	LegalOrderApi(LegalOrders orders, HandoverAnswers answers, Clock clock) {
		this.orders = orders;
		this.answers = answers;
		this.clock = clock;
	}

	/** An order and where it stands now. */
	record OrderView(UUID id, String kind, String state, boolean answersUnusable, String authority,
			String authorisedOrganisation, String number, Instant issuedAt, Instant receivedAt, String offenceClass,
			@Nullable String legalBasis, Instant from, Instant to, int maxHits, @Nullable Instant validateBy,
			@Nullable Instant validatedAt, @Nullable String validationReference, @Nullable Instant validationRefusedAt,
			@Nullable Instant revokedAt, String registeredBy, Instant registeredAt, List<LegalOrder.Target> targets) {

		static OrderView of(LegalOrder o, Instant now) {
			LegalOrder.State state = o.state(now);
			return new OrderView(o.id(), o.kind(), state.key(), state.answersUnusable(), o.authority(),
					o.authorisedOrganisation(), o.number(), o.issuedAt(), o.receivedAt(), o.offenceClass(),
					o.legalBasis(), o.windowFrom(), o.windowTo(), o.maxHits(), o.validateBy(), o.validatedAt(),
					o.validationReference(), o.validationRefusedAt(), o.revokedAt(), o.registeredBy(), o.registeredAt(),
					o.targets());
		}

	}

	record Validation(@Nullable Instant validatedAt, @Nullable String reference) {
	}

	@PostMapping("/api/v1/controllers/{controllerId}/legal-orders")
	@Operation(summary = "Register a legal order",
			description = "kind and offenceClass are keys of the policy's justice section; targets name numbers "
					+ "(E.164 or national), subscriber accounts or IP addresses; from/to bound the records asked "
					+ "for; maxHits caps an answer (a larger one is refused). An urgent decree must be validated "
					+ "within the time its kind allows, or its answers become unusable.")
	ResponseEntity<OrderView> register(@PathVariable String controllerId,
			@RequestBody LegalOrders.Registration registration) {
		LegalOrder order = this.orders.register(controllerId, registration);
		return ResponseEntity.created(URI.create("/api/v1/controllers/" + controllerId + "/legal-orders/" + order.id()))
			.body(OrderView.of(order, this.clock.instant()));
	}

	@GetMapping("/api/v1/controllers/{controllerId}/legal-orders")
	@Operation(summary = "The legal orders registered for the provider, the latest first")
	List<OrderView> list(@PathVariable String controllerId) {
		Instant now = this.clock.instant();
		return this.orders.list(controllerId).stream().map((o) -> OrderView.of(o, now)).toList();
	}

	@GetMapping("/api/v1/controllers/{controllerId}/legal-orders/{orderId}")
	@Operation(summary = "A legal order and where it stands")
	OrderView get(@PathVariable String controllerId, @PathVariable UUID orderId) {
		return OrderView.of(this.orders.get(controllerId, orderId), this.clock.instant());
	}

	@PostMapping("/api/v1/controllers/{controllerId}/legal-orders/{orderId}/validation")
	@Operation(summary = "Record the judge's validation of an urgent decree",
			description = "validatedAt (default now) must fall within the kind's time for validation")
	OrderView validate(@PathVariable String controllerId, @PathVariable UUID orderId,
			@RequestBody Validation validation) {
		return OrderView.of(
				this.orders.validate(controllerId, orderId, validation.validatedAt(), validation.reference()),
				this.clock.instant());
	}

	@PostMapping("/api/v1/controllers/{controllerId}/legal-orders/{orderId}/validation-refusal")
	@Operation(summary = "Record that the judge refused to validate an urgent decree",
			description = "Its answers become unusable and nothing more is answered")
	OrderView refuseValidation(@PathVariable String controllerId, @PathVariable UUID orderId) {
		return OrderView.of(this.orders.refuseValidation(controllerId, orderId), this.clock.instant());
	}

	@PostMapping("/api/v1/controllers/{controllerId}/legal-orders/{orderId}/revocation")
	@Operation(summary = "Record that the order was revoked or withdrawn")
	OrderView revoke(@PathVariable String controllerId, @PathVariable UUID orderId) {
		return OrderView.of(this.orders.revoke(controllerId, orderId), this.clock.instant());
	}

	@PostMapping("/api/v1/controllers/{controllerId}/legal-orders/{orderId}/answers")
	@Operation(summary = "Query the vault under the order",
			description = "Optional targets (some of the order's) and from/to (inside its range) narrow the query. "
					+ "201 with the signed handover document (ETSI TS 102 657 structure: retainedDataHeader, "
					+ "retainedDataPayload, integrity with the SHA-256 digest of the canonical JSON of header and "
					+ "payload, signed with Ed25519); 422 too-many-hits when more records than maxHits match "
					+ "(nothing is handed over); 422 out-of-scope when the query asks for what the order does not "
					+ "cover; 409 when the order no longer stands. Every outcome is audited.")
	ResponseEntity<?> answer(@PathVariable String controllerId, @PathVariable UUID orderId,
			@RequestBody(required = false) HandoverAnswers.@Nullable Query query) {
		HandoverAnswers.Answer answer = this.answers.answer(controllerId, orderId,
				(query != null) ? query : HandoverAnswers.Query.whole());
		if (HandoverAnswers.COMPLETE.equals(answer.outcome())) {
			return ResponseEntity
				.created(URI.create(
						"/api/v1/controllers/" + controllerId + "/legal-orders/" + orderId + "/answers/" + answer.id()))
				.body(answer);
		}
		boolean refused = HandoverAnswers.REFUSED.equals(answer.outcome());
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
				refused ? "too-many-hits" : "out-of-scope", refused ? "Too many records" : "Outside the order",
				answer.reason());
		problem.setProperty("hits", answer.hits());
		if (refused) {
			problem.setProperty("answerId", answer.id());
		}
		return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@GetMapping("/api/v1/controllers/{controllerId}/legal-orders/{orderId}/answers")
	@Operation(summary = "The answers given under the order, without their records")
	List<HandoverAnswers.Answer> answers(@PathVariable String controllerId, @PathVariable UUID orderId) {
		return this.answers.answers(controllerId, orderId);
	}

	@GetMapping("/api/v1/controllers/{controllerId}/legal-orders/{orderId}/answers/{answerId}")
	@Operation(summary = "An answer again, with its signed document as handed over")
	HandoverAnswers.Answer answer(@PathVariable String controllerId, @PathVariable UUID orderId,
			@PathVariable UUID answerId) {
		return this.answers.answer(controllerId, orderId, answerId);
	}

	@GetMapping(path = "/api/v1/justice/{controllerId}/signing-key", produces = "application/x-pem-file")
	@Operation(summary = "The provider's public key for checking handover answers",
			description = "Ed25519, as a PEM block of its SubjectPublicKeyInfo; public")
	String signingKey(@PathVariable String controllerId) {
		return this.answers.publicKey(controllerId);
	}

}
