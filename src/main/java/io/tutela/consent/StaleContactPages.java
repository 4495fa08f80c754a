package io.tutela.consent;

import java.time.Clock;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.policy.Policies;
import io.tutela.web.ConsolePage;

/**
 * The console page of the periodic re-check: the subjects whose marketing contact data
 * went stale or whose interest is due to be asked again, and a button to run the check
 * now.
 */
@Controller
@ConsolePage
class StaleContactPages {

	static final String PAGE = "consent/stale";

	private final StaleContacts stale;

	private final Policies policies;

	private final Clock clock;

	StaleContactPages(StaleContacts stale, Policies policies, Clock clock) {
		this.stale = stale;
		this.policies = policies;
		this.clock = clock;
	}

	@GetMapping("/controllers/{controllerId}/stale-contacts")
	String list(@PathVariable String controllerId, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("stale", this.stale.list(controllerId, Math.max(page, 0), 200));
		return PAGE;
	}

	@PostMapping("/controllers/{controllerId}/stale-contacts")
	String recheck(@PathVariable String controllerId) {
		int found = this.stale.recheck(controllerId, this.clock.instant());
		return "redirect:/controllers/" + controllerId + "/stale-contacts?found=" + found;
	}

}
