package io.tutela.oversight;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.tutela.policy.Policies;
import io.tutela.web.ConsolePage;

/** The processor register on the console. */
@Controller
@ConsolePage
class OversightPages {

	private final ProcessorRegister processors;

	private final Policies policies;

	OversightPages(ProcessorRegister processors, Policies policies) {
		this.processors = processors;
		this.policies = policies;
	}

	@GetMapping("/controllers/{controllerId}/processors")
	String processors(@PathVariable String controllerId, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("entries", this.processors.entries(controllerId));
		return "oversight/processors";
	}

}
