package io.tutela.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.tutela.policy.Policies;
import io.tutela.web.ConflictException;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;

/**
 * Console pages of the objection inbox: the messages received, a form to hand one in (an
 * .eml file or the pasted message), and one message with Tutela's proposal, where a
 * person confirms the objection in one click, chooses the subject, or marks it as no
 * objection.
 */
@Controller
@ConsolePage
class InboxPages {

	static final String INBOX = "consent/inbox";

	static final String MESSAGE = "consent/inbox-message";

	private final ReceivingObjections receiving;

	private final Policies policies;

	InboxPages(ReceivingObjections receiving, Policies policies) {
		this.receiving = receiving;
		this.policies = policies;
	}

	@GetMapping("/controllers/{controllerId}/consent-inbox")
	String inbox(@PathVariable String controllerId, @RequestParam(defaultValue = "true") boolean open, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("open", open);
		model.addAttribute("messages", this.receiving.list(controllerId, open, 0, 200));
		model.addAttribute("errors", Map.of());
		return INBOX;
	}

	@PostMapping("/controllers/{controllerId}/consent-inbox")
	String receive(@PathVariable String controllerId, @RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable String pasted, Model model) throws IOException {
		byte[] raw = (file != null && !file.isEmpty()) ? file.getBytes()
				: (pasted != null) ? pasted.getBytes(StandardCharsets.UTF_8) : new byte[0];
		try {
			ReceivingObjections.Received received = this.receiving.receive(controllerId, raw, "upload");
			return "redirect:/controllers/" + controllerId + "/consent-inbox/" + received.message().id()
					+ (received.created() ? "" : "?duplicate=true");
		}
		catch (InvalidInputException ex) {
			inbox(controllerId, true, model);
			model.addAttribute("errors", ConsentPages.errors(ex));
			return INBOX;
		}
	}

	@GetMapping("/controllers/{controllerId}/consent-inbox/{messageId}")
	String message(@PathVariable String controllerId, @PathVariable UUID messageId, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("message", this.receiving.one(controllerId, messageId));
		model.addAttribute("errors", Map.of());
		return MESSAGE;
	}

	@PostMapping("/controllers/{controllerId}/consent-inbox/{messageId}/objection")
	String object(@PathVariable String controllerId, @PathVariable UUID messageId,
			@RequestParam(required = false) @Nullable String subject,
			@RequestParam(defaultValue = "false") boolean sender, Model model) {
		try {
			UUID chosen = (People.blank(subject) != null) ? UUID.fromString(subject.strip()) : null;
			this.receiving.object(controllerId, messageId, new ReceivingObjections.Choice(chosen, sender));
			return "redirect:/controllers/" + controllerId + "/consent-inbox/" + messageId + "?recorded=true";
		}
		catch (InvalidInputException ex) {
			message(controllerId, messageId, model);
			model.addAttribute("errors", ConsentPages.errors(ex));
		}
		catch (IllegalArgumentException ex) {
			message(controllerId, messageId, model);
			model.addAttribute("errors", Map.of("subject", "a subject id"));
		}
		catch (ConflictException ex) {
			message(controllerId, messageId, model);
			model.addAttribute("errors", Map.of("state", ex.getMessage()));
		}
		return MESSAGE;
	}

	@PostMapping("/controllers/{controllerId}/consent-inbox/{messageId}/dismissal")
	String dismiss(@PathVariable String controllerId, @PathVariable UUID messageId, Model model) {
		try {
			this.receiving.dismiss(controllerId, messageId);
			return "redirect:/controllers/" + controllerId + "/consent-inbox/" + messageId;
		}
		catch (ConflictException ex) {
			message(controllerId, messageId, model);
			model.addAttribute("errors", Map.of("state", ex.getMessage()));
			return MESSAGE;
		}
	}

}
