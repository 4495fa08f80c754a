package io.tutela.audit;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log as JSON: verification, export, alerts and each controller's events. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Audit", description = "The hash-chained audit log, its verification and the anomaly alerts")
class AuditApi {

	private final AuditReading reading;

	AuditApi(AuditReading reading) {
		this.reading = reading;
	}

	@GetMapping("/audit/verify")
	@Operation(summary = "Verify the whole chain",
			description = "Recomputes every hash in seq order: ok, or the first broken event (firstBrokenSeq) and why")
	VerificationResult verify() {
		return this.reading.verify();
	}

	@GetMapping("/audit/export")
	@Operation(summary = "Export every event as JSON Lines (application/x-ndjson)",
			description = "One event per line in seq order, with prevHash and hash, for offline verification: "
					+ "java -jar tutela.jar audit verify <file>")
	void export(HttpServletResponse response) throws IOException {
		response.setContentType(MediaType.APPLICATION_NDJSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tutela-audit.jsonl\"");
		this.reading.export(response.getOutputStream());
	}

	@GetMapping("/audit/alerts")
	@Operation(summary = "Anomaly alerts (mass reads, reads outside working hours), newest first")
	ResultPage<AuditAlert> alerts(@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		AuditSearch paging = AuditSearch.parse(null, null, null, null, null, page, size, null);
		return this.reading.alerts(paging.page(), paging.size());
	}

	@GetMapping("/controllers/{controllerId}/audit")
	@Operation(summary = "The controller's audit events, newest first",
			description = "from (included) and to (excluded) are ISO-8601 instants; actor and action match exactly; "
					+ "page from 0, size 1 to 500 (default 50)")
	ResultPage<AuditEntry> search(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		return this.reading.search(AuditSearch.parse(controllerId, from, to, actor, action, page, size, null));
	}

}
