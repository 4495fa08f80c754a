package io.tutela.retention;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;
import io.tutela.web.NotFoundException;

/**
 * The retention console: the preview of what each rule will do as of a chosen day (and a
 * run started from it), the runs with their progress and reports, the legal holds.
 */
@Controller
@ConsolePage
class RetentionPages {

	private static final String PREVIEW = "retention/preview";

	private static final String HOLDS = "retention/holds";

	private final RetentionRuns runs;

	private final HoldRequests holdRequests;

	private final LegalHolds holds;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	RetentionPages(RetentionRuns runs, HoldRequests holdRequests, LegalHolds holds, Policies policies,
			Auditing auditing, Clock clock) {
		this.runs = runs;
		this.holdRequests = holdRequests;
		this.holds = holds;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	@GetMapping("/controllers/{controllerId}/retention")
	String preview(@PathVariable String controllerId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
			Model model) {
		LocalDate day = (asOf != null) ? asOf : LocalDate.ofInstant(this.clock.instant(),
				this.policies.current(controllerId).controller().timezone());
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("report", this.runs.preview(controllerId, day));
		this.auditing.success("retention.preview", controllerId, null, List.of());
		return PREVIEW;
	}

	@PostMapping("/controllers/{controllerId}/retention/runs")
	String start(@PathVariable String controllerId,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
			@RequestParam(defaultValue = "false") boolean dryRun, Principal user) {
		RetentionRuns.Report report = this.runs.run(controllerId, asOf, dryRun, user.getName());
		return "redirect:/controllers/" + controllerId + "/retention/runs/" + report.id();
	}

	@GetMapping("/controllers/{controllerId}/retention/runs")
	String runs(@PathVariable String controllerId, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("runs", this.runs.list(controllerId, 100));
		return "retention/runs";
	}

	@GetMapping("/controllers/{controllerId}/retention/runs/{runId}")
	String run(@PathVariable String controllerId, @PathVariable UUID runId, Model model) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("report",
				this.runs.find(controllerId, runId).orElseThrow(() -> new NotFoundException("retention run", runId)));
		return "retention/run";
	}

	@GetMapping("/controllers/{controllerId}/legal-holds")
	String holds(@PathVariable String controllerId, Model model) {
		return holdsPage(controllerId, model, List.of(), null);
	}

	@PostMapping("/controllers/{controllerId}/legal-holds")
	String place(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String subjectId,
			@RequestParam(required = false) @Nullable String recordKind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate until,
			@RequestParam(required = false) @Nullable String reason, Principal user, Model model) {
		HoldRequests.NewHold hold = new HoldRequests.NewHold(kind, subjectId, recordKind, from, until, reason);
		try {
			this.holdRequests.place(controllerId, hold, user.getName());
			return "redirect:/controllers/" + controllerId + "/legal-holds";
		}
		catch (InvalidInputException ex) {
			return holdsPage(controllerId, model, ex.errors(), hold);
		}
	}

	@PostMapping("/controllers/{controllerId}/legal-holds/{holdId}/release")
	String release(@PathVariable String controllerId, @PathVariable UUID holdId, Principal user) {
		if (!this.holdRequests.release(controllerId, holdId, user.getName())) {
			throw new NotFoundException("active legal hold", holdId);
		}
		return "redirect:/controllers/" + controllerId + "/legal-holds";
	}

	private String holdsPage(String controllerId, Model model, List<InvalidInputException.FieldProblem> errors,
			HoldRequests.@Nullable NewHold form) {
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("policy", this.policies.current(controllerId));
		model.addAttribute("holds", this.holds.list(controllerId));
		model.addAttribute("errors", errors);
		model.addAttribute("form",
				(form != null) ? form : new HoldRequests.NewHold(null, null, null, null, null, null));
		model.addAttribute("kinds", io.tutela.policy.RecordKind.values());
		this.auditing.success("retention.holds.read", controllerId, null, List.of());
		return HOLDS;
	}

}
