package io.tutela.audit;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.tutela.web.InvalidInputException;
import io.tutela.web.ConsolePage;

/** The console pages of the audit log: search, verification and alerts. */
@Controller
@ConsolePage
@RequestMapping("/audit")
class AuditPages {

	static final String SEARCH = "audit/search";

	static final String VERIFY = "audit/verify";

	static final String ALERTS = "audit/alerts";

	private final AuditReading reading;

	private final AuditProperties properties;

	AuditPages(AuditReading reading, AuditProperties properties) {
		this.reading = reading;
		this.properties = properties;
	}

	@GetMapping
	String search(@RequestParam(required = false) @Nullable String controller,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String page, Model model) {
		model.addAttribute("filter", new Filter(controller, from, to, actor, action));
		model.addAttribute("zone", this.properties.zone().getId());
		try {
			AuditSearch search = AuditSearch.parse(controller, from, to, actor, action, page, null,
					this.properties.zone());
			model.addAttribute("results", this.reading.search(search));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problems", ex.errors());
		}
		return SEARCH;
	}

	@GetMapping("/verify")
	String verify(Model model) {
		return VERIFY;
	}

	@PostMapping("/verify")
	String runVerify(RedirectAttributes redirect) {
		redirect.addFlashAttribute("result", this.reading.verify());
		return "redirect:/audit/verify";
	}

	@GetMapping("/alerts")
	String alerts(@RequestParam(required = false) @Nullable String page, Model model) {
		int number = 0;
		try {
			number = AuditSearch.parse(null, null, null, null, null, page, null, null).page();
		}
		catch (InvalidInputException ex) {
			// an invalid page number shows the first page
		}
		model.addAttribute("alerts", this.reading.alerts(number, AuditSearch.DEFAULT_SIZE));
		model.addAttribute("zone", this.properties.zone().getId());
		model.addAttribute("settings", this.properties);
		return ALERTS;
	}

	/** The filters as typed, to show them again. */
	record Filter(@Nullable String controller, @Nullable String from, @Nullable String to, @Nullable String actor,
			@Nullable String action) {
	}

}
