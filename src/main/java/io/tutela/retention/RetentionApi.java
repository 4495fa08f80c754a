package io.tutela.retention;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.web.InvalidInputException;
import io.tutela.web.NotFoundException;

/** Retention runs, previews, legal holds and re-identification of pseudonyms. */
@RestController
@Tag(name = "Retention", description = "The policy's retention rules applied as of a day")
class RetentionApi {

	private final RetentionRuns runs;

	private final HoldRequests holdRequests;

	private final LegalHolds holds;

	private final Reidentification reidentification;

	RetentionApi(RetentionRuns runs, HoldRequests holdRequests, LegalHolds holds, Reidentification reidentification) {
		this.runs = runs;
		this.holdRequests = holdRequests;
		this.holds = holds;
		this.reidentification = reidentification;
	}

	/** A run's request: the day it runs as of, and whether only to count. */
	record RunRequest(@Nullable LocalDate asOf, @Nullable Boolean dryRun) {
	}

	@PostMapping("/api/v1/controllers/{controllerId}/retention/runs")
	@Operation(summary = "Run the retention rules as of a day",
			description = "For each rule of the policy: the records due as of asOf (a date, counted in the "
					+ "controller's time zone), held by a legal hold, and, unless dryRun, done: deleted, anonymised, "
					+ "pseudonymised or moved into the justice vault. A run cut off is resumed by the next request "
					+ "for the same day and kind. A dry run changes nothing; a second run finds nothing more due.")
	RetentionRuns.Report run(@PathVariable String controllerId, @RequestBody RunRequest request, Principal user) {
		if (request.asOf() == null || request.dryRun() == null) {
			throw InvalidInputException.of((request.asOf() == null) ? "asOf" : "dryRun",
					"is required (asOf: a date such as 2026-11-23; dryRun: true or false)");
		}
		return this.runs.run(controllerId, request.asOf(), request.dryRun(), user.getName());
	}

	@GetMapping("/api/v1/controllers/{controllerId}/retention/runs")
	@Operation(summary = "The latest retention runs, newest first, with their progress")
	List<RetentionRuns.Report> runs(@PathVariable String controllerId) {
		return this.runs.list(controllerId, 50);
	}

	@GetMapping("/api/v1/controllers/{controllerId}/retention/runs/{runId}")
	@Operation(summary = "One retention run's report and progress")
	RetentionRuns.Report report(@PathVariable String controllerId, @PathVariable UUID runId) {
		return this.runs.find(controllerId, runId).orElseThrow(() -> new NotFoundException("retention run", runId));
	}

	@GetMapping("/api/v1/controllers/{controllerId}/retention/preview")
	@Operation(summary = "What each rule would do as of a day, without storing or changing anything")
	RetentionRuns.Report preview(@PathVariable String controllerId, @RequestParam LocalDate asOf) {
		return this.runs.preview(controllerId, asOf);
	}

	@GetMapping("/api/v1/controllers/{controllerId}/legal-holds")
	@Operation(summary = "The legal holds, active and released")
	List<LegalHolds.Hold> holds(@PathVariable String controllerId) {
		return this.holds.list(controllerId);
	}

	/** The id of a hold placed. */
	record Placed(UUID id) {
	}

	@PostMapping("/api/v1/controllers/{controllerId}/legal-holds")
	@Operation(summary = "Place a legal hold",
			description = "kind: one of the policy's legal_holds; subjectId and recordKind narrow it (all when "
					+ "absent); from and until (dates, until included) the window of the records' times; reason.")
	Placed place(@PathVariable String controllerId, @RequestBody HoldRequests.NewHold hold, Principal user) {
		return new Placed(this.holdRequests.place(controllerId, hold, user.getName()));
	}

	@PostMapping("/api/v1/controllers/{controllerId}/legal-holds/{holdId}/release")
	@Operation(summary = "Release an active legal hold")
	Placed release(@PathVariable String controllerId, @PathVariable UUID holdId, Principal user) {
		if (!this.holdRequests.release(controllerId, holdId, user.getName())) {
			throw new NotFoundException("active legal hold", holdId);
		}
		return new Placed(holdId);
	}

	/** A pseudonym to re-identify. */
	record Token(@Nullable String token) {
	}

	/** The value a pseudonym replaced. */
	record Revealed(String token, String value) {
	}

	@PostMapping("/api/v1/controllers/{controllerId}/retention/reidentify")
	@Operation(summary = "Re-identify a pseudonym (DPO only, audited)")
	Revealed reidentify(@PathVariable String controllerId, @RequestBody Token token) {
		if (token.token() == null || token.token().isBlank()) {
			throw InvalidInputException.of("token", "is required (a pseudonym such as ps-0123…)");
		}
		return new Revealed(token.token(), this.reidentification.reveal(controllerId, token.token().strip()));
	}

}
