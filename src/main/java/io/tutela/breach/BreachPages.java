package io.tutela.breach;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.web.ConflictException;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * The breach register on the console: the list with each clock, the form to record a
 * breach, and a breach's page with its history, the decision, the notifications, the
 * drafts and the subjects affected. Every form goes through the register's own checks.
 */
@Controller
@ConsolePage
class BreachPages {

	static final String LIST = "breach/list";

	static final String FORM = "breach/new";

	static final String ONE = "breach/one";

	private final BreachRegister register;

	private final Drafts drafts;

	private final AffectedSubjects affected;

	private final Policies policies;

	BreachPages(BreachRegister register, Drafts drafts, AffectedSubjects affected, Policies policies) {
		this.register = register;
		this.drafts = drafts;
		this.affected = affected;
		this.policies = policies;
	}

	@GetMapping("/controllers/{controllerId}/breaches")
	String list(@PathVariable String controllerId, @RequestParam(defaultValue = "false") boolean open, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("open", open);
		model.addAttribute("breaches", this.register.list(controllerId, open, 0, 500));
		return LIST;
	}

	@GetMapping("/controllers/{controllerId}/breaches/new")
	String form(@PathVariable String controllerId, Model model) {
		return form(controllerId, model, new LinkedMultiValue(), List.of());
	}

	@PostMapping("/controllers/{controllerId}/breaches/new")
	String record(@PathVariable String controllerId, @RequestParam MultiValueMap<String, String> form, Model model) {
		ZoneId zone = zone(controllerId);
		List<FieldProblem> problems = new ArrayList<>();
		Breach.Input input = new Breach.Input(blank(form.getFirst("title")),
				time(form.getFirst("occurredAt"), "occurredAt", zone, problems),
				time(form.getFirst("awareAt"), "awareAt", zone, problems), values(form.get("nature")),
				blank(form.getFirst("description")), values(form.get("categories")),
				whole(form.getFirst("subjectsApprox"), "subjectsApprox", problems),
				whole(form.getFirst("recordsApprox"), "recordsApprox", problems), blank(form.getFirst("consequences")),
				blank(form.getFirst("measuresTaken")), blank(form.getFirst("measuresProposed")),
				blank(form.getFirst("risk")));
		try {
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
			Breach breach = this.register.record(controllerId, input);
			return "redirect:/controllers/" + controllerId + "/breaches/" + breach.number();
		}
		catch (InvalidInputException ex) {
			List<FieldProblem> all = new ArrayList<>(problems);
			ex.errors().stream().filter((e) -> !problems.contains(e)).forEach(all::add);
			return form(controllerId, model, new LinkedMultiValue(form), all);
		}
		catch (ConflictException ex) {
			model.addAttribute("noProcedure", true);
			return form(controllerId, model, new LinkedMultiValue(form), List.of());
		}
	}

	@GetMapping("/controllers/{controllerId}/breaches/{number}")
	String one(@PathVariable String controllerId, @PathVariable int number, @RequestParam(defaultValue = "0") int page,
			Locale locale, Model model) {
		return show(controllerId, number, Math.max(page, 0), locale, model, List.of());
	}

	@PostMapping("/controllers/{controllerId}/breaches/{number}/{step}")
	String step(@PathVariable String controllerId, @PathVariable int number, @PathVariable String step,
			@RequestParam MultiValueMap<String, String> form, Locale locale, Model model) {
		ZoneId zone = zone(controllerId);
		List<FieldProblem> problems = new ArrayList<>();
		try {
			switch (step) {
				case "updates" ->
					this.register.update(controllerId, number, new Breach.Update(blank(form.getFirst("text"))));
				case "decision" -> this.register.decide(controllerId, number,
						new Breach.Decision(flag(form.getFirst("notifyAuthority")),
								blank(form.getFirst("authorityReason")), flag(form.getFirst("notifySubjects")),
								blank(form.getFirst("subjectsReason")), blank(form.getFirst("art34Exception"))));
				case "authority-notification", "subjects-notification" -> {
					Instant at = time(form.getFirst("notifiedAt"), "notifiedAt", zone, problems);
					if (!problems.isEmpty()) {
						throw new InvalidInputException(problems);
					}
					Breach.Notified notified = new Breach.Notified(at, blank(form.getFirst("latenessReason")));
					if (step.startsWith("authority")) {
						this.register.authorityNotified(controllerId, number, notified);
					}
					else {
						this.register.subjectsNotified(controllerId, number, notified);
					}
				}
				default -> throw new io.tutela.web.NotFoundException("breach step", step);
			}
			return "redirect:/controllers/" + controllerId + "/breaches/" + number;
		}
		catch (InvalidInputException ex) {
			return show(controllerId, number, 0, locale, model, ex.errors());
		}
		catch (ConflictException ex) {
			return show(controllerId, number, 0, locale, model, List.of(new FieldProblem(step, ex.getMessage())));
		}
	}

	private String show(String controllerId, int number, int page, Locale locale, Model model,
			List<FieldProblem> errors) {
		BreachRegister.View view = this.register.view(controllerId, number);
		Policy policy = this.policies.current(controllerId);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", policy);
		model.addAttribute("view", view);
		model.addAttribute("zone", policy.controller().timezone());
		model.addAttribute("notification", this.drafts.notification(policy, view, Locale.ITALIAN).asText());
		model.addAttribute("letter", this.drafts.letter(policy, view, Locale.ITALIAN).asText());
		model.addAttribute("affected", this.affected.of(view.breach(), page, 50));
		model.addAttribute("page", page);
		model.addAttribute("errors", errors);
		model.addAttribute("exceptions", Breach.ART34_EXCEPTIONS);
		return ONE;
	}

	private String form(String controllerId, Model model, LinkedMultiValue form, List<FieldProblem> errors) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("natures", Breach.NATURES);
		model.addAttribute("risks", Breach.RISKS);
		return FORM;
	}

	private ZoneId zone(String controllerId) {
		return this.policies.current(controllerId).controller().timezone();
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static @Nullable Boolean flag(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : Boolean.valueOf("true".equals(value));
	}

	private static @Nullable List<String> values(@Nullable List<String> values) {
		return (values == null) ? null : values.stream().filter((v) -> !v.isBlank()).toList();
	}

	private static @Nullable Instant time(@Nullable String value, String field, ZoneId zone,
			List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "a date and time such as 2025-03-01T14:30"));
			return null;
		}
	}

	private static @Nullable Long whole(@Nullable String value, String field, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(value.strip().replace(".", ""));
		}
		catch (NumberFormatException ex) {
			problems.add(new FieldProblem(field, "a whole number"));
			return null;
		}
	}

	/** The values a form was sent with, to show them again: one or many per name. */
	static final class LinkedMultiValue {

		private final Map<String, List<String>> values = new LinkedHashMap<>();

		LinkedMultiValue() {
		}

		LinkedMultiValue(MultiValueMap<String, String> form) {
			form.forEach((k, v) -> this.values.put(k, List.copyOf(v)));
		}

		public String get(String name) {
			List<String> v = this.values.get(name);
			return (v == null || v.isEmpty()) ? "" : v.get(0);
		}

		public boolean has(String name, String value) {
			List<String> v = this.values.get(name);
			return v != null && v.contains(value);
		}

	}

}
