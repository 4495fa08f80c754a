package io.tutela.consent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.records.ImportRejectedException;
import io.tutela.records.ImportReport;
import io.tutela.web.InvalidInputException;
import io.tutela.web.Problems;

/** Opposition register snapshots and campaign checks. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}")
@Tag(name = "Opposition register and campaign checks",
		description = "Register snapshots, and campaign lists checked against the register and the consent ledger")
class CampaignApi {

	private static final Logger log = LoggerFactory.getLogger(CampaignApi.class);

	private final CheckingCampaigns checking;

	CampaignApi(CheckingCampaigns checking) {
		this.checking = checking;
	}

	@PostMapping(path = "/register-snapshots", consumes = "text/csv")
	@Operation(summary = "Import a snapshot of the Registro Pubblico delle Opposizioni",
			description = "CSV number,registered_on (millions of rows); takenOn: the day the snapshot was taken. "
					+ "422 listing every bad row, and then nothing is written.")
	ResponseEntity<RegisterSnapshots.Snapshot> importSnapshot(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable LocalDate takenOn,
			@RequestParam(required = false) @Nullable String fileName, HttpServletRequest request) throws IOException {
		try (InputStream in = request.getInputStream()) {
			RegisterSnapshots.Snapshot snapshot = this.checking.importSnapshot(controllerId, takenOn, fileName, in);
			return ResponseEntity.status(HttpStatus.CREATED).body(snapshot);
		}
	}

	@GetMapping("/register-snapshots")
	@Operation(summary = "The register snapshots, newest first")
	List<RegisterSnapshots.Snapshot> snapshots(@PathVariable String controllerId) {
		return this.checking.snapshots(controllerId);
	}

	@PostMapping(path = "/campaign-checks", consumes = "application/json")
	@Operation(summary = "Check a campaign list",
			description = "rows: number and provenance (public_directory, third_party_list, own_archive, "
					+ "inbound_callback); channel (default operator_call) and purpose (default marketing). Every number "
					+ "is decided as of now against the newest register snapshot and the ledger.")
	ResponseEntity<Summary> check(@PathVariable String controllerId, @RequestBody CheckInput input) {
		List<String[]> rows = new ArrayList<>();
		if (input.rows() != null) {
			input.rows().forEach((r) -> rows.add(new String[] { r.number(), r.provenance() }));
		}
		return created(controllerId, this.checking.check(controllerId, input.name(), input.channel(), input.purpose(),
				CampaignList.of(rows)));
	}

	@PostMapping(path = "/campaign-checks", consumes = "text/csv")
	@Operation(summary = "Check a campaign list sent as CSV number,provenance")
	ResponseEntity<Summary> checkCsv(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String purpose, HttpServletRequest request) throws IOException {
		long start = System.nanoTime();
		CampaignList list;
		try (InputStream in = request.getInputStream()) {
			list = CampaignList.read(in);
		}
		log.info("Campaign list of {} lines received and read in {} ms", list.size(),
				(System.nanoTime() - start) / 1_000_000);
		return created(controllerId, this.checking.check(controllerId, name, channel, purpose, list));
	}

	private ResponseEntity<Summary> created(String controllerId, CampaignChecks.Check check) {
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/campaign-checks/" + check.id()))
			.body(new Summary(check, null, List.of()));
	}

	@GetMapping("/campaign-checks")
	@Operation(summary = "The latest campaign checks")
	List<CampaignChecks.Check> checks(@PathVariable String controllerId) {
		return this.checking.checks(controllerId);
	}

	@GetMapping("/campaign-checks/{checkId}")
	@Operation(summary = "A campaign check with its results",
			description = "staleReason says why it may no longer be dialled (null while it may); results from the "
					+ "line after 'after', at most 'size' (up to 10,000)")
	Summary check(@PathVariable String controllerId, @PathVariable UUID checkId,
			@RequestParam(defaultValue = "0") int after, @RequestParam(defaultValue = "1000") int size) {
		if (after < 0 || size < 1 || size > 10_000) {
			throw InvalidInputException.of("size", "after from 0, size from 1 to 10000");
		}
		CampaignChecks.Check check = this.checking.check(controllerId, checkId);
		return new Summary(check, this.checking.stale(controllerId, check).orElse(null),
				this.checking.results(check, after, size));
	}

	@GetMapping("/campaign-checks/{checkId}/results.csv")
	@Operation(summary = "A campaign check's results as CSV")
	void resultsCsv(@PathVariable String controllerId, @PathVariable UUID checkId, HttpServletResponse response)
			throws IOException {
		csv(controllerId, checkId, false, response);
	}

	@GetMapping("/campaign-checks/{checkId}/dial-list")
	@Operation(summary = "The numbers that may be called, as CSV",
			description = "409 when the check is stale: older than the policy's campaign_check_validity, or a newer "
					+ "register snapshot was imported since")
	void dialList(@PathVariable String controllerId, @PathVariable UUID checkId, HttpServletResponse response)
			throws IOException {
		csv(controllerId, checkId, true, response);
	}

	private void csv(String controllerId, UUID checkId, boolean dialList, HttpServletResponse response)
			throws IOException {
		CampaignChecks.Check check = this.checking.check(controllerId, checkId);
		if (dialList) {
			this.checking.stale(controllerId, check).ifPresent((reason) -> {
				throw new CheckingCampaigns.StaleCheckException(reason);
			});
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"campaign-check-" + checkId + (dialList ? "-dial-list" : "") + ".csv\"");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		this.checking.writeCsv(controllerId, check, dialList, out);
		out.flush();
	}

	@ExceptionHandler(CheckingCampaigns.StaleCheckException.class)
	ProblemDetail stale(CheckingCampaigns.StaleCheckException ex) {
		return Problems.of(HttpStatus.CONFLICT, "campaign-check-stale", "Campaign check stale", ex.getMessage());
	}

	@ExceptionHandler(ImportRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(ImportRejectedException ex) {
		ImportReport report = ex.report();
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "register-snapshot-invalid",
				"Register snapshot refused",
				report.errorCount() + " bad row(s) out of " + report.rows() + "; nothing was imported.");
		problem.setProperty("errors", report.errors());
		return ResponseEntity.unprocessableContent().body(problem);
	}

	record CheckInput(@Nullable String name, @Nullable String channel, @Nullable String purpose,
			@Nullable List<Row> rows) {
	}

	record Row(@Nullable String number, @Nullable String provenance) {
	}

	/** A check, why it is stale (null while it may be dialled), and a page of results. */
	record Summary(CampaignChecks.Check check, @Nullable String staleReason, List<CampaignChecks.Result> results) {
	}

}
