package io.tutela.vault;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.ConflictException;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;

/**
 * The judicial liaison's console: the legal orders of a provider, one order with its
 * validation and its answers, and an answer with the records it handed over. Reached only
 * after a login with the second factor (the liaison's role requires one). Times are read
 * and shown in the controller's time zone.
 */
@Controller
@ConsolePage
class LegalOrderPages {

	private static final String ORDERS = "vault/orders";

	private static final String ORDER = "vault/order";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LegalOrders orders;

	private final HandoverAnswers answers;

	private final Policies policies;

	private final Clock clock;

	LegalOrderPages(LegalOrders orders, HandoverAnswers answers, Policies policies, Clock clock) {
		this.orders = orders;
		this.answers = answers;
		this.policies = policies;
		this.clock = clock;
	}

	/** The fields of the form to register an order, as typed. */
	record OrderForm(@Nullable String kind, @Nullable String authority, @Nullable String authorisedOrganisation,
			@Nullable String number, @Nullable String issuedAt, @Nullable String offenceClass,
			@Nullable String legalBasis, @Nullable String from, @Nullable String to, @Nullable String maxHits,
			@Nullable String numbers, @Nullable String subscribers, @Nullable String addresses) {

		static OrderForm empty() {
			return new OrderForm(null, null, null, null, null, null, null, null, null, "1000", null, null, null);
		}

	}

	@GetMapping("/controllers/{controllerId}/legal-orders")
	String list(@PathVariable String controllerId, Model model) {
		return listPage(controllerId, model, OrderForm.empty(), List.of(), null);
	}

	@PostMapping("/controllers/{controllerId}/legal-orders")
	String register(@PathVariable String controllerId, OrderForm form, Model model) {
		ZoneId zone = zone(controllerId);
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		Instant issuedAt = dateTime(form.issuedAt(), "issuedAt", zone, problems);
		Instant from = day(form.from(), "from", zone, 0, problems);
		Instant to = day(form.to(), "to", zone, 1, problems);
		Integer maxHits = null;
		try {
			maxHits = (form.maxHits() == null || form.maxHits().isBlank()) ? null
					: Integer.valueOf(form.maxHits().strip());
		}
		catch (NumberFormatException ex) {
			problems.add(new InvalidInputException.FieldProblem("maxHits", "'" + form.maxHits() + "' is not a number"));
		}
		List<LegalOrders.TargetInput> targets = new ArrayList<>();
		lines(form.numbers(), "number", targets);
		lines(form.subscribers(), "subscriber", targets);
		lines(form.addresses(), "address", targets);
		if (!problems.isEmpty()) {
			return listPage(controllerId, model, form, problems, null);
		}
		try {
			LegalOrder order = this.orders.register(controllerId,
					new LegalOrders.Registration(form.kind(), form.authority(), form.authorisedOrganisation(),
							form.number(), issuedAt, null, form.offenceClass(), form.legalBasis(), from, to, maxHits,
							targets));
			return "redirect:/controllers/" + controllerId + "/legal-orders/" + order.id();
		}
		catch (InvalidInputException ex) {
			return listPage(controllerId, model, form, ex.errors(), null);
		}
		catch (ConflictException ex) {
			return listPage(controllerId, model, form, List.of(), ex.getMessage());
		}
	}

	@GetMapping("/controllers/{controllerId}/legal-orders/{orderId}")
	String order(@PathVariable String controllerId, @PathVariable UUID orderId, Model model) {
		return orderPage(controllerId, orderId, model, List.of(), null);
	}

	@PostMapping("/controllers/{controllerId}/legal-orders/{orderId}/validation")
	String validate(@PathVariable String controllerId, @PathVariable UUID orderId,
			@RequestParam(required = false) @Nullable String validatedAt,
			@RequestParam(required = false) @Nullable String reference, Model model) {
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		Instant at = (validatedAt == null || validatedAt.isBlank()) ? null
				: dateTime(validatedAt, "validatedAt", zone(controllerId), problems);
		if (!problems.isEmpty()) {
			return orderPage(controllerId, orderId, model, problems, null);
		}
		return change(controllerId, orderId, model, () -> this.orders.validate(controllerId, orderId, at, reference));
	}

	@PostMapping("/controllers/{controllerId}/legal-orders/{orderId}/validation-refusal")
	String refuseValidation(@PathVariable String controllerId, @PathVariable UUID orderId, Model model) {
		return change(controllerId, orderId, model, () -> this.orders.refuseValidation(controllerId, orderId));
	}

	@PostMapping("/controllers/{controllerId}/legal-orders/{orderId}/revocation")
	String revoke(@PathVariable String controllerId, @PathVariable UUID orderId, Model model) {
		return change(controllerId, orderId, model, () -> this.orders.revoke(controllerId, orderId));
	}

	/**
	 * Records a change of the order's state, then shows the order again; what is refused
	 * is shown on the order's page.
	 */
	private String change(String controllerId, UUID orderId, Model model, Runnable change) {
		try {
			change.run();
			return "redirect:/controllers/" + controllerId + "/legal-orders/" + orderId;
		}
		catch (InvalidInputException ex) {
			return orderPage(controllerId, orderId, model, ex.errors(), null);
		}
		catch (ConflictException ex) {
			return orderPage(controllerId, orderId, model, List.of(), ex.getMessage());
		}
	}

	@PostMapping("/controllers/{controllerId}/legal-orders/{orderId}/answers")
	String query(@PathVariable String controllerId, @PathVariable UUID orderId,
			@RequestParam(required = false) @Nullable List<String> targets,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			Model model) {
		ZoneId zone = zone(controllerId);
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		Instant start = (from == null || from.isBlank()) ? null : day(from, "from", zone, 0, problems);
		Instant end = (to == null || to.isBlank()) ? null : day(to, "to", zone, 1, problems);
		if (!problems.isEmpty()) {
			return orderPage(controllerId, orderId, model, problems, null);
		}
		List<LegalOrders.TargetInput> asked = null;
		if (targets != null && !targets.isEmpty()) {
			asked = targets.stream().map(LegalOrderPages::target).toList();
		}
		try {
			HandoverAnswers.Answer answer = this.answers.answer(controllerId, orderId,
					new HandoverAnswers.Query(asked, start, end));
			if (HandoverAnswers.OUT_OF_SCOPE.equals(answer.outcome())) {
				return orderPage(controllerId, orderId, model, List.of(), answer.reason());
			}
			return "redirect:/controllers/" + controllerId + "/legal-orders/" + orderId + "/answers/" + answer.id();
		}
		catch (ConflictException ex) {
			return orderPage(controllerId, orderId, model, List.of(), ex.getMessage());
		}
	}

	@GetMapping("/controllers/{controllerId}/legal-orders/{orderId}/answers/{answerId}")
	String answer(@PathVariable String controllerId, @PathVariable UUID orderId, @PathVariable UUID answerId,
			Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("order", this.orders.get(controllerId, orderId));
		model.addAttribute("answer", this.answers.answer(controllerId, orderId, answerId));
		model.addAttribute("zone", zone(controllerId));
		return "vault/answer";
	}

	@GetMapping("/controllers/{controllerId}/legal-orders/{orderId}/answers/{answerId}/document")
	ResponseEntity<byte[]> document(@PathVariable String controllerId, @PathVariable UUID orderId,
			@PathVariable UUID answerId) {
		HandoverAnswers.Answer answer = this.answers.answer(controllerId, orderId, answerId);
		byte[] body = (answer.document() != null) ? JSON.writerWithDefaultPrettyPrinter()
			.writeValueAsString(answer.document().content())
			.getBytes(StandardCharsets.UTF_8) : new byte[0];
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("handover-" + answer.sequence() + "-" + answerId + ".json")
						.build()
						.toString())
			.body(body);
	}

	private String listPage(String controllerId, Model model, OrderForm form,
			List<InvalidInputException.FieldProblem> errors, @Nullable String conflict) {
		Policy policy = this.policies.current(controllerId);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("justice", policy.justice());
		model.addAttribute("orders", (policy.justice() != null) ? this.orders.list(controllerId) : List.of());
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("zone", policy.controller().timezone());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("conflict", conflict);
		return ORDERS;
	}

	private String orderPage(String controllerId, UUID orderId, Model model,
			List<InvalidInputException.FieldProblem> errors, @Nullable String conflict) {
		Policy policy = this.policies.current(controllerId);
		LegalOrder order = this.orders.get(controllerId, orderId);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("justice", policy.justice());
		model.addAttribute("order", order);
		model.addAttribute("state", order.state(this.clock.instant()));
		model.addAttribute("answers", this.answers.answers(controllerId, orderId));
		model.addAttribute("zone", policy.controller().timezone());
		model.addAttribute("errors", errors);
		model.addAttribute("conflict", conflict);
		return ORDER;
	}

	private ZoneId zone(String controllerId) {
		return this.policies.current(controllerId).controller().timezone();
	}

	/** A target as the query form sends it: {@code kind:value}. */
	private static LegalOrders.TargetInput target(String text) {
		int colon = text.indexOf(':');
		return (colon > 0) ? new LegalOrders.TargetInput(text.substring(0, colon), text.substring(colon + 1))
				: new LegalOrders.TargetInput(null, text);
	}

	private static void lines(@Nullable String text, String kind, List<LegalOrders.TargetInput> targets) {
		if (text == null) {
			return;
		}
		for (String line : text.split("\\R")) {
			if (!line.isBlank()) {
				targets.add(new LegalOrders.TargetInput(kind, line.strip()));
			}
		}
	}

	private static @Nullable Instant dateTime(@Nullable String text, String field, ZoneId zone,
			List<InvalidInputException.FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			problems.add(new InvalidInputException.FieldProblem(field, "'" + text + "' is not a date and time"));
			return null;
		}
	}

	/**
	 * The start of the day, or of the day after when {@code after} is 1 (an end
	 * included).
	 */
	private static @Nullable Instant day(@Nullable String text, String field, ZoneId zone, int after,
			List<InvalidInputException.FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip()).plusDays(after).atStartOfDay(zone).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			problems.add(new InvalidInputException.FieldProblem(field, "'" + text + "' is not a date"));
			return null;
		}
	}

}
