package io.tutela.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.tutela.policy.Policies;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/**
 * The processor-client portal: a client controller's call log with its notes (deleted for
 * good), its receptionist configuration, its blacklisted and VIP callers and the contacts
 * it imported. Every read and change goes through the API's own validation and audit.
 */
@Controller
@ConsolePage
class PortalPages {

	static final String CALLS = "service/calls";

	static final String RECEPTIONIST = "service/receptionist";

	static final String CALLER_LIST = "service/callers";

	static final String CONTACTS = "service/contacts";

	static final int PAGE_SIZE = 50;

	private final CallLogApi calls;

	private final ReceptionistApi receptionist;

	private final CallerListApi callerList;

	private final ImportedContactApi contacts;

	private final Policies policies;

	PortalPages(CallLogApi calls, ReceptionistApi receptionist, CallerListApi callerList, ImportedContactApi contacts,
			Policies policies) {
		this.calls = calls;
		this.receptionist = receptionist;
		this.callerList = callerList;
		this.contacts = contacts;
		this.policies = policies;
	}

	/** A call and its notes, as the call log page shows them. */
	record CallWithNotes(Call call, List<CallNote> notes) {
	}

	@GetMapping("/controllers/{controllerId}/calls")
	String calls(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable String date, @RequestParam(defaultValue = "0") int page,
			Model model) {
		int wanted = Math.max(page, 0);
		LocalDate day = day(date);
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		Instant from = (day != null) ? day.atStartOfDay(zone).toInstant() : null;
		Instant to = (day != null) ? day.plusDays(1).atStartOfDay(zone).toInstant() : null;
		List<CallWithNotes> rows = new ArrayList<>();
		for (Call call : this.calls.list(controllerId, null, Fields.blank(number), from, to, wanted, PAGE_SIZE)
			.items()) {
			rows.add(new CallWithNotes(call, this.calls.notes(controllerId, call.id(), 0, Paging.LARGEST).items()));
		}
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("number", (number != null) ? number : "");
		model.addAttribute("date", (day != null) ? day.toString() : "");
		model.addAttribute("badDate", date != null && !date.isBlank() && day == null);
		model.addAttribute("page", wanted);
		model.addAttribute("calls", rows);
		model.addAttribute("zone", zone);
		model.addAttribute("pageSize", PAGE_SIZE);
		return CALLS;
	}

	@PostMapping("/controllers/{controllerId}/calls/{callId}/notes/{noteId}/delete")
	String deleteNote(@PathVariable String controllerId, @PathVariable UUID callId, @PathVariable UUID noteId,
			@RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable String date) {
		this.calls.deleteNote(controllerId, callId, noteId);
		UriComponentsBuilder back = UriComponentsBuilder.fromPath("/controllers/{id}/calls");
		if (Fields.blank(number) != null) {
			back.queryParam("number", number);
		}
		if (Fields.blank(date) != null) {
			back.queryParam("date", date);
		}
		return "redirect:" + back.queryParam("deleted", "").buildAndExpand(controllerId).encode().toUriString();
	}

	@GetMapping("/controllers/{controllerId}/receptionist")
	String receptionist(@PathVariable String controllerId, Model model) {
		ReceptionistForm form = ReceptionistForm.empty();
		try {
			form = ReceptionistForm.of(this.receptionist.one(controllerId));
		}
		catch (NotFoundException ex) {
			// not configured yet: an empty form
		}
		return receptionistPage(controllerId, form, List.of(), model);
	}

	@PostMapping("/controllers/{controllerId}/receptionist")
	String saveReceptionist(@PathVariable String controllerId, @RequestParam MultiValueMap<String, String> fields,
			Model model) {
		ReceptionistForm form = ReceptionistForm.of(fields);
		ReceptionistConfig existing = null;
		try {
			existing = this.receptionist.one(controllerId);
		}
		catch (NotFoundException ex) {
			// the first configuration
		}
		try {
			this.receptionist.put(controllerId, form.input(existing));
		}
		catch (InvalidInputException ex) {
			return receptionistPage(controllerId, form, ex.errors(), model);
		}
		return "redirect:/controllers/" + controllerId + "/receptionist?saved";
	}

	private String receptionistPage(String controllerId, ReceptionistForm form, List<FieldProblem> problems,
			Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("form", form);
		model.addAttribute("conditions", ReceptionistConfig.CONDITIONS);
		model.addAttribute("errors", byField(problems));
		return RECEPTIONIST;
	}

	@GetMapping("/controllers/{controllerId}/receptionist/callers")
	String callerList(@PathVariable String controllerId, @RequestParam(defaultValue = "0") int page, Model model) {
		return callerListPage(controllerId, Math.max(page, 0), "", "", "vip", List.of(), model);
	}

	@PostMapping("/controllers/{controllerId}/receptionist/callers")
	String addCaller(@PathVariable String controllerId, @RequestParam(defaultValue = "") String number,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String kind, Model model) {
		try {
			this.callerList.create(controllerId, new CallerListEntry.Input(number, name, kind, null, null, null, null));
		}
		catch (InvalidInputException ex) {
			return callerListPage(controllerId, 0, number, name, kind, ex.errors(), model);
		}
		return "redirect:/controllers/" + controllerId + "/receptionist/callers?added";
	}

	@PostMapping("/controllers/{controllerId}/receptionist/callers/{entryId}/delete")
	String removeCaller(@PathVariable String controllerId, @PathVariable UUID entryId) {
		this.callerList.delete(controllerId, entryId);
		return "redirect:/controllers/" + controllerId + "/receptionist/callers?removed";
	}

	private String callerListPage(String controllerId, int page, String number, String name, String kind,
			List<FieldProblem> problems, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("entries", this.callerList.list(controllerId, null, null, page, PAGE_SIZE).items());
		model.addAttribute("page", page);
		model.addAttribute("pageSize", PAGE_SIZE);
		model.addAttribute("kinds", CallerListEntry.KINDS);
		model.addAttribute("number", number);
		model.addAttribute("name", name);
		model.addAttribute("kind", kind);
		model.addAttribute("errors", byField(problems));
		return CALLER_LIST;
	}

	@GetMapping("/controllers/{controllerId}/receptionist/contacts")
	String contacts(@PathVariable String controllerId, @RequestParam(defaultValue = "0") int page, Model model) {
		int wanted = Math.max(page, 0);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("contacts", this.contacts.list(controllerId, null, null, wanted, PAGE_SIZE).items());
		model.addAttribute("page", wanted);
		model.addAttribute("pageSize", PAGE_SIZE);
		model.addAttribute("zone", this.policies.current(controllerId).controller().timezone());
		return CONTACTS;
	}

	private static @Nullable LocalDate day(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Every problem's message, joined, by field. */
	private static Map<String, String> byField(List<FieldProblem> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldProblem problem : problems) {
			errors.merge(problem.field(), problem.message(), (a, b) -> a + "; " + b);
		}
		return errors;
	}

	/**
	 * The receptionist form: availability one entry a line ({@code mon 09:00-13:00}), a
	 * number for each forwarding condition, and the notification e-mail.
	 */
	record ReceptionistForm(String availability, Map<String, String> forwarding, String notificationEmail) {

		static ReceptionistForm empty() {
			return new ReceptionistForm("", numbers(Map.of()), "");
		}

		static ReceptionistForm of(ReceptionistConfig config) {
			Map<String, String> given = new LinkedHashMap<>();
			config.forwarding().forEach((f) -> given.put(f.condition(), f.number()));
			return new ReceptionistForm(
					String.join("\n", config.availability().stream().map(ReceptionistConfig.Hours::text).toList()),
					numbers(given), (config.notificationEmail() != null) ? config.notificationEmail() : "");
		}

		static ReceptionistForm of(MultiValueMap<String, String> fields) {
			Map<String, String> given = new LinkedHashMap<>();
			for (String condition : ReceptionistConfig.CONDITIONS) {
				String number = fields.getFirst("forward_" + condition);
				given.put(condition, (number != null) ? number : "");
			}
			String availability = fields.getFirst("availability");
			String email = fields.getFirst("notificationEmail");
			return new ReceptionistForm((availability != null) ? availability : "", given,
					(email != null) ? email : "");
		}

		private static Map<String, String> numbers(Map<String, String> given) {
			Map<String, String> all = new LinkedHashMap<>();
			ReceptionistConfig.CONDITIONS.forEach((c) -> all.put(c, given.getOrDefault(c, "")));
			return all;
		}

		/** The input to the API, keeping the tags already given. */
		ReceptionistConfig.Input input(@Nullable ReceptionistConfig existing) {
			List<ReceptionistConfig.Hours> hours = new ArrayList<>();
			for (String line : this.availability.split("[;\\r\\n]+")) {
				if (!line.isBlank()) {
					hours.add(ReceptionistConfig.Hours.parse(line));
				}
			}
			List<ReceptionistConfig.Forwarding> rules = new ArrayList<>();
			this.forwarding.forEach((condition, number) -> {
				if (!number.isBlank()) {
					rules.add(new ReceptionistConfig.Forwarding(condition, number));
				}
			});
			return new ReceptionistConfig.Input(hours, rules, Fields.blank(this.notificationEmail),
					(existing != null) ? existing.category() : null, (existing != null) ? existing.purposes() : null,
					(existing != null) ? existing.source() : null, null);
		}

	}

}
