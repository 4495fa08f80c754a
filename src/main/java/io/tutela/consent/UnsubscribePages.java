package io.tutela.consent;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import io.tutela.policy.Policies;
import io.tutela.web.ConsolePage;

/**
 * Unsubscribe links (created through {@link ConsentApi} for each message), followed by
 * the person without login. The page asks for one click (a GET never records anything, so
 * that mail scanners following links do not object on the person's behalf); the click
 * records the objection in the ledger.
 */
@Controller
@ConsolePage
class UnsubscribePages {

	static final String PAGE = "consent/unsubscribe";

	private final Unsubscribing unsubscribing;

	private final Policies policies;

	UnsubscribePages(Unsubscribing unsubscribing, Policies policies) {
		this.unsubscribing = unsubscribing;
		this.policies = policies;
	}

	@GetMapping("/unsubscribe/{token}")
	String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
		return show(token, this.unsubscribing.follow(token), model, response);
	}

	@PostMapping("/unsubscribe/{token}")
	String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
		Unsubscribing.Followed followed = this.unsubscribing.follow(token);
		if (followed.problem() == null && followed.link() != null) {
			this.unsubscribing.object(followed.link());
			model.addAttribute("done", true);
		}
		return show(token, followed, model, response);
	}

	private String show(String token, Unsubscribing.Followed followed, Model model, HttpServletResponse response) {
		model.addAttribute("token", token);
		model.addAttribute("problem", followed.problem());
		if (followed.problem() != null) {
			response.setStatus("expired".equals(followed.problem()) ? 410 : 404);
		}
		if (followed.link() != null && followed.problem() == null) {
			model.addAttribute("link", followed.link());
			model.addAttribute("controllerName", this.policies.controller(followed.link().controllerId()).name());
		}
		return PAGE;
	}

}
