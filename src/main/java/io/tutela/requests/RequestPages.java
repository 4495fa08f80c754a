package io.tutela.requests;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Console pages of rights requests: the DPO's queue (overdue and near-deadline first), a
 * request with its timeline and actions, and the operators' intake form.
 */
@Controller
@ConsolePage
class RequestPages {

	static final String LIST = "requests/list";

	static final String DETAIL = "requests/detail";

	static final String INTAKE = "requests/intake";

	/**
	 * The channels an operator records requests from; the policy decides which it
	 * accepts.
	 */
	static final List<Policy.RequestChannel> OPERATOR_CHANNELS = List.of(Policy.RequestChannel.EMAIL,
			Policy.RequestChannel.REGISTERED_MAIL, Policy.RequestChannel.COUNTER, Policy.RequestChannel.TELEPHONE);

	private final ReceivingRequests receiving;

	private final HandlingRequests handling;

	private final RequestViews views;

	private final IdentityProofs proofs;

	private final Policies policies;

	private final Clock clock;

	RequestPages(ReceivingRequests receiving, HandlingRequests handling, RequestViews views, IdentityProofs proofs,
			Policies policies, Clock clock) {
		this.proofs = proofs;
		this.receiving = receiving;
		this.handling = handling;
		this.views = views;
		this.policies = policies;
		this.clock = clock;
	}

	/**
	 * Open requests, soonest due first; {@code show}: {@code all}, {@code overdue}, or
	 * {@code near} (due within {@code within} days, overdue ones included).
	 */
	@GetMapping("/controllers/{controllerId}/requests")
	String list(@PathVariable String controllerId, @RequestParam(defaultValue = "all") String show,
			@RequestParam(defaultValue = "7") int within, @RequestParam(defaultValue = "0") int page, Model model) {
		ZoneId zone = zone(controllerId);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), zone);
		int days = Math.max(0, Math.min(within, 366));
		LocalDate dueBefore = switch (show) {
			case "overdue" -> today;
			case "near" -> today.plusDays(days + 1L);
			default -> null;
		};
		int current = Math.max(page, 0);
		List<RequestView> requests = this.handling.list(controllerId, null, true, dueBefore, current, 50)
			.stream()
			.map(this.views::summary)
			.toList();
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("requests", requests);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("show", show);
		model.addAttribute("within", days);
		model.addAttribute("page", current);
		return LIST;
	}

	@GetMapping("/controllers/{controllerId}/requests/new")
	String intakeForm(@PathVariable String controllerId, Model model) {
		Policy.Rights rights = this.policies.current(controllerId).rights();
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("types",
				rights.offered().stream().filter((r) -> r != Policy.Right.COMPLAINT).map(RightsRequests::key).toList());
		model.addAttribute("channels", OPERATOR_CHANNELS.stream().map(RightsRequests::key).toList());
		model.addAttribute("accepted", rights.channels().stream().map(RightsRequests::key).toList());
		model.addAttribute("form", new LinkedHashMap<String, String>());
		model.addAttribute("errors", Map.of());
		return INTAKE;
	}

	@PostMapping("/controllers/{controllerId}/requests")
	String receive(@PathVariable String controllerId, @RequestParam Map<String, String> form,
			@RequestParam(required = false) @Nullable MultipartFile identityDocument,
			@RequestParam(required = false) @Nullable MultipartFile proxy,
			@RequestParam(required = false) @Nullable MultipartFile delegateDocument, Model model) throws IOException {
		List<FieldProblem> problems = new ArrayList<>();
		Instant receivedAt = null;
		String day = ReceivingRequests.blankToNull(form.get("receivedOn"));
		if (day != null) {
			try {
				LocalDate on = LocalDate.parse(day);
				LocalDate today = LocalDate.ofInstant(this.clock.instant(), zone(controllerId));
				receivedAt = on.equals(today) ? null : on.atTime(12, 0).atZone(zone(controllerId)).toInstant();
			}
			catch (java.time.format.DateTimeParseException ex) {
				problems.add(new FieldProblem("receivedOn", "is not a date"));
			}
		}
		List<IdentityProofs.Upload> uploads = uploads(problems, identityDocument, proxy, delegateDocument);
		try {
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
			RightsRequest request = this.receiving.receive(controllerId,
					new Intake(form.get("type"), form.get("subject"), form.get("requester"), form.get("delegateName"),
							form.get("channel"), "on".equals(form.get("identityCertain")), receivedAt,
							form.get("details"), null),
					uploads);
			return "redirect:/controllers/" + controllerId + "/requests/" + request.id() + "?done=received";
		}
		catch (InvalidInputException ex) {
			intakeForm(controllerId, model);
			model.addAttribute("form", form);
			model.addAttribute("errors", errors(ex));
			return INTAKE;
		}
	}

	@GetMapping("/controllers/{controllerId}/requests/{requestId}")
	String detail(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestParam(required = false) @Nullable String done, Model model) {
		RightsRequest request = this.handling.one(controllerId, requestId);
		Policy policy = this.policies.current(controllerId);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("request", this.views.detail(request));
		model.addAttribute("zone", policy.controller().timezone().getId());
		model.addAttribute("latestExtension",
				Deadlines.latestExtension(request.firstDueOn(), policy.rights().extension()));
		model.addAttribute("analytical", policy.rights().reasonedDenial());
		model.addAttribute("minReason", policy.rights().reasonedDenial() ? HandlingRequests.MIN_ANALYTICAL_REASON
				: HandlingRequests.MIN_REASON);
		model.addAttribute("done", done);
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return DETAIL;
	}

	@PostMapping("/controllers/{controllerId}/requests/{requestId}/verify-identity")
	String verifyIdentity(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestParam(required = false) @Nullable MultipartFile identityDocument,
			@RequestParam(required = false) @Nullable MultipartFile proxy,
			@RequestParam(required = false) @Nullable MultipartFile delegateDocument, Model model) throws IOException {
		List<FieldProblem> problems = new ArrayList<>();
		List<IdentityProofs.Upload> uploads = uploads(problems, identityDocument, proxy, delegateDocument);
		return act(controllerId, requestId, "identity_verified", model, () -> {
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
			this.handling.verifyIdentity(controllerId, requestId, uploads);
		});
	}

	@PostMapping("/controllers/{controllerId}/requests/{requestId}/extend")
	String extend(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable LocalDate until, Model model) {
		return act(controllerId, requestId, "extended", model,
				() -> this.handling.extend(controllerId, requestId, reason, until));
	}

	@PostMapping("/controllers/{controllerId}/requests/{requestId}/deny")
	String deny(@PathVariable String controllerId, @PathVariable UUID requestId,
			@RequestParam(required = false) @Nullable String reason, Model model) {
		return act(controllerId, requestId, "denied", model, () -> this.handling.deny(controllerId, requestId, reason));
	}

	@PostMapping("/controllers/{controllerId}/requests/{requestId}/execute")
	String execute(@PathVariable String controllerId, @PathVariable UUID requestId, Model model) {
		return act(controllerId, requestId, "answered", model, () -> this.handling.execute(controllerId, requestId));
	}

	@GetMapping("/controllers/{controllerId}/requests/{requestId}/result")
	ResponseEntity<byte[]> result(@PathVariable String controllerId, @PathVariable UUID requestId) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-" + requestId + ".zip\"")
			.body(this.handling.result(controllerId, requestId));
	}

	/**
	 * A proof, for the staff verifying identity: always downloaded, never shown inline.
	 */
	@GetMapping("/controllers/{controllerId}/requests/{requestId}/proofs/{proofId}")
	ResponseEntity<byte[]> proof(@PathVariable String controllerId, @PathVariable UUID requestId,
			@PathVariable UUID proofId) {
		IdentityProofs.Opened proof = this.proofs.open(controllerId, requestId, proofId);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					org.springframework.http.ContentDisposition.attachment()
						.filename(proof.name(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(proof.content());
	}

	/** Runs a step: back to the request with what was done, or with what prevented it. */
	private String act(String controllerId, UUID requestId, String done, Model model, Runnable step) {
		try {
			step.run();
			return "redirect:/controllers/" + controllerId + "/requests/" + requestId + "?done=" + done;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", errors(ex));
		}
		catch (TransitionRefused ex) {
			model.addAttribute("refused", ex.problem());
			model.addAttribute("errors", Map.of());
		}
		return detail(controllerId, requestId, null, model);
	}

	private static Map<String, String> errors(InvalidInputException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.errors().forEach((e) -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
		return errors;
	}

	private static List<IdentityProofs.Upload> uploads(List<FieldProblem> problems, @Nullable MultipartFile identity,
			@Nullable MultipartFile proxy, @Nullable MultipartFile delegate) throws IOException {
		List<IdentityProofs.Upload> uploads = new ArrayList<>();
		add(uploads, problems, "identityDocument", ProofKind.IDENTITY_DOCUMENT, identity);
		add(uploads, problems, "proxy", ProofKind.PROXY, proxy);
		add(uploads, problems, "delegateDocument", ProofKind.DELEGATE_DOCUMENT, delegate);
		return uploads;
	}

	private static void add(List<IdentityProofs.Upload> uploads, List<FieldProblem> problems, String field,
			ProofKind kind, @Nullable MultipartFile file) throws IOException {
		if (file == null || (file.isEmpty() && ReceivingRequests.blankToNull(file.getOriginalFilename()) == null)) {
			return;
		}
		byte[] content = file.getBytes();
		String problem = ReceivingRequests.check(ReceivingRequests.blankToNull(file.getOriginalFilename()), content);
		if (problem != null) {
			problems.add(new FieldProblem(field, problem));
			return;
		}
		uploads.add(new IdentityProofs.Upload(kind, file.getOriginalFilename().strip(),
				(file.getContentType() != null) ? file.getContentType() : MediaType.APPLICATION_OCTET_STREAM_VALUE,
				content));
	}

	private ZoneId zone(String controllerId) {
		return this.views.zone(controllerId);
	}

}
