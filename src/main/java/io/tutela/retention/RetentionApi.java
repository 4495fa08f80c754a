package io.tutela.retention;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.web.InvalidInputException;

/** Retention runs on demand. */
@RestController
@Tag(name = "Retention", description = "The policy's retention rules applied as of a day")
class RetentionApi {

	private final RetentionRuns runs;

	RetentionApi(RetentionRuns runs) {
		this.runs = runs;
	}

	/** A run's request: the day it runs as of, and whether only to count. */
	record RunRequest(@Nullable LocalDate asOf, @Nullable Boolean dryRun) {
	}

	@PostMapping("/api/v1/controllers/{controllerId}/retention/runs")
	@Operation(summary = "Run the retention rules as of a day",
			description = "For each rule of the policy: the records due as of asOf (a date, counted in the "
					+ "controller's time zone), and, unless dryRun, its action applied. Deletions of traffic data "
					+ "are applied (whole months in one operation where they hold nothing else); segregation into "
					+ "the justice vault, anonymisation and pseudonymisation are reported as pending. A dry run "
					+ "changes nothing; a second run finds nothing more due.")
	RetentionRuns.Report run(@PathVariable String controllerId, @RequestBody RunRequest request) {
		if (request.asOf() == null || request.dryRun() == null) {
			throw InvalidInputException.of((request.asOf() == null) ? "asOf" : "dryRun",
					"is required (asOf: a date such as 2026-11-23; dryRun: true or false)");
		}
		return this.runs.run(controllerId, request.asOf(), request.dryRun());
	}

}
