package io.tutela.consent;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.web.util.UriComponentsBuilder;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.records.ImportRejectedException;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;

/**
 * Console pages: a person's consents and their history, the contact decision tester, the
 * opposition register snapshots, and campaign checks with their results.
 */
@Controller
@ConsolePage
class ConsentPages {

	static final String CONSENTS = "consent/consents";

	static final String DECISION = "consent/decision";

	static final String SNAPSHOTS = "consent/snapshots";

	static final String CHECKS = "consent/checks";

	static final String CHECK = "consent/check";

	static final List<String> SCOPES = List.of("automated", "traditional", "email", "sms", "mms", "fax",
			"automated_call", "app_notification", "paper_mail", "operator_call");

	private final RecordingConsents recording;

	private final DecidingContacts deciding;

	private final CheckingCampaigns checking;

	private final Policies policies;

	ConsentPages(RecordingConsents recording, DecidingContacts deciding, CheckingCampaigns checking,
			Policies policies) {
		this.recording = recording;
		this.deciding = deciding;
		this.checking = checking;
		this.policies = policies;
	}

	private Policy common(String controllerId, Model model) {
		Policy policy = this.policies.current(controllerId);
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", policy);
		model.addAttribute("scopes", SCOPES);
		model.addAttribute("channels", policy.marketing() != null
				? policy.marketing().channels().stream().map(ChannelScope::key).toList() : SCOPES.subList(2, 10));
		model.addAttribute("purposes", policy.purposes().stream().map(Policy.Purpose::id).toList());
		model.addAttribute("errors", Map.of());
		return policy;
	}

	@GetMapping("/controllers/{controllerId}/consents")
	String consents(@PathVariable String controllerId, @RequestParam(required = false) @Nullable UUID subject,
			@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String email, @RequestParam(defaultValue = "0") int page,
			Model model) {
		common(controllerId, model);
		model.addAttribute("subject", subject);
		model.addAttribute("phone", (phone != null) ? phone : "");
		model.addAttribute("email", (email != null) ? email : "");
		model.addAttribute("page", Math.max(page, 0));
		try {
			model.addAttribute("entries",
					this.recording.list(controllerId, subject, phone, email, Math.max(page, 0), 50));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("entries", List.of());
			model.addAttribute("errors", errors(ex));
		}
		return CONSENTS;
	}

	@PostMapping("/controllers/{controllerId}/consents")
	String record(@PathVariable String controllerId, @RequestParam Map<String, String> form, Model model) {
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		Instant occurred = null;
		String at = form.get("occurredAt");
		if (at != null && !at.isBlank()) {
			try {
				occurred = LocalDateTime.parse(at).atZone(zone).toInstant();
			}
			catch (DateTimeParseException ex) {
				occurred = Instant.MAX;
			}
		}
		UUID subject = null;
		try {
			subject = (People.blank(form.get("subject")) != null) ? UUID.fromString(form.get("subject").strip()) : null;
		}
		catch (IllegalArgumentException ex) {
			subject = new UUID(0, 0);
		}
		RecordingConsents.ConsentInput input = new RecordingConsents.ConsentInput(subject, form.get("phone"),
				form.get("email"), form.get("purpose"), form.get("scope"), form.get("event"), occurred,
				form.get("method"), form.get("collectedBy"), form.get("noticeVersion"), form.get("listProvenance"),
				"on".equals(form.get("thirdPartyUse")));
		try {
			LedgerEntry entry = this.recording.record(controllerId, input);
			return "redirect:" + UriComponentsBuilder.fromPath("/controllers/{c}/consents")
				.queryParamIfPresent("subject", java.util.Optional.ofNullable(entry.subjectId()))
				.queryParamIfPresent("phone", java.util.Optional.ofNullable(entry.phone()))
				.queryParamIfPresent("email", java.util.Optional.ofNullable(entry.email()))
				.queryParam("recorded", entry.id())
				.encode()
				.buildAndExpand(controllerId)
				.toUriString();
		}
		catch (InvalidInputException ex) {
			consents(controllerId, subject, null, null, 0, model);
			model.addAttribute("errors", errors(ex));
			model.addAttribute("form", form);
			return CONSENTS;
		}
	}

	@GetMapping("/controllers/{controllerId}/contact-decision")
	String decision(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable String asOf, Model model) {
		Policy policy = common(controllerId, model);
		Map<String, String> asked = new LinkedHashMap<>();
		asked.put("subject", (subject != null) ? subject : "");
		asked.put("phone", (phone != null) ? phone : "");
		asked.put("email", (email != null) ? email : "");
		asked.put("channel", (channel != null) ? channel : "");
		asked.put("purpose", (purpose != null) ? purpose : "");
		asked.put("asOf", (asOf != null) ? asOf : "");
		model.addAttribute("asked", asked);
		if (People.blank(subject) == null && People.blank(phone) == null && People.blank(email) == null) {
			return DECISION;
		}
		try {
			UUID id = (People.blank(subject) != null) ? UUID.fromString(subject.strip()) : null;
			Instant at = (People.blank(asOf) != null)
					? LocalDateTime.parse(asOf).atZone(policy.controller().timezone()).toInstant() : null;
			model.addAttribute("decision", this.deciding.decide(controllerId,
					new DecidingContacts.Question(id, phone, email, channel, purpose, at)));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", errors(ex));
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			model.addAttribute("errors", Map.of("asOf", "subject: an id; asOf: a date and time"));
		}
		return DECISION;
	}

	@GetMapping("/controllers/{controllerId}/register-snapshots")
	String snapshots(@PathVariable String controllerId, Model model) {
		common(controllerId, model);
		model.addAttribute("snapshots", this.checking.snapshots(controllerId));
		return SNAPSHOTS;
	}

	@PostMapping("/controllers/{controllerId}/register-snapshots")
	String importSnapshot(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable LocalDate takenOn, @RequestParam MultipartFile file, Model model)
			throws IOException {
		try (InputStream in = file.getInputStream()) {
			model.addAttribute("imported",
					this.checking.importSnapshot(controllerId, takenOn, file.getOriginalFilename(), in));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problems", errors(ex));
		}
		catch (ImportRejectedException ex) {
			model.addAttribute("rejected", ex.report());
		}
		snapshots(controllerId, model);
		return SNAPSHOTS;
	}

	@GetMapping("/controllers/{controllerId}/campaign-checks")
	String checks(@PathVariable String controllerId, @RequestParam(defaultValue = "false") boolean stale, Model model) {
		common(controllerId, model);
		model.addAttribute("checks",
				stale ? this.checking.staleCampaigns(controllerId) : this.checking.checks(controllerId));
		model.addAttribute("staleOnly", stale);
		return CHECKS;
	}

	@PostMapping("/controllers/{controllerId}/campaign-checks")
	String check(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String channel, @RequestParam MultipartFile file, Model model)
			throws IOException {
		try (InputStream in = file.getInputStream()) {
			CampaignChecks.Check check = this.checking.check(controllerId, name, channel, null, CampaignList.read(in));
			return "redirect:/controllers/" + controllerId + "/campaign-checks/" + check.id();
		}
		catch (InvalidInputException ex) {
			checks(controllerId, false, model);
			model.addAttribute("errors", errors(ex));
			return CHECKS;
		}
	}

	@GetMapping("/controllers/{controllerId}/campaign-checks/{checkId}")
	String check(@PathVariable String controllerId, @PathVariable UUID checkId, Model model) {
		common(controllerId, model);
		CampaignChecks.Check check = this.checking.check(controllerId, checkId);
		model.addAttribute("check", check);
		model.addAttribute("stale", this.checking.stale(controllerId, check).orElse(null));
		model.addAttribute("results", this.checking.results(check, 0, 1000));
		return CHECK;
	}

	static Map<String, String> errors(InvalidInputException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.errors().forEach((e) -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
		return errors;
	}

}
