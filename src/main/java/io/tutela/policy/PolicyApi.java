package io.tutela.policy;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

import io.tutela.web.Problems;

/** Controllers and their policies, as JSON. */
@RestController
@RequestMapping("/api/v1/controllers")
@Tag(name = "Policies", description = "Controllers and their privacy notices as executable policy")
class PolicyApi {

	static final String YAML = "application/yaml";

	private final Policies policies;

	PolicyApi(Policies policies) {
		this.policies = policies;
	}

	@GetMapping
	@Operation(summary = "The controllers Tutela serves, with their current policy version")
	List<ControllerSummary> controllers() {
		return this.policies.visibleControllers();
	}

	@GetMapping("/{controllerId}/policy")
	@Operation(summary = "The policy in force, as JSON")
	PolicyDocument current(@PathVariable String controllerId) {
		return document(controllerId, this.policies.controller(controllerId).currentVersion());
	}

	@PostMapping(path = "/{controllerId}/policy",
			consumes = { YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE })
	@Operation(summary = "Upload a new policy version (YAML)",
			description = "201 with the new version; 200 when the file equals the current version; "
					+ "422 with every problem (path, line, message) when the file is refused")
	ResponseEntity<PolicyVersion> upload(@PathVariable String controllerId, @RequestBody String yaml) {
		Policies.Accepted accepted = this.policies.accept(controllerId, "upload.yaml", yaml, "upload");
		PolicyVersion body = accepted.version();
		if (!accepted.created()) {
			return ResponseEntity.ok(body);
		}
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/policy/versions/" + body.version()))
			.body(body);
	}

	@GetMapping("/{controllerId}/policy/versions")
	@Operation(summary = "Every accepted version of the controller's policy")
	List<PolicyVersion> versions(@PathVariable String controllerId) {
		return this.policies.versions(controllerId);
	}

	@GetMapping("/{controllerId}/policy/versions/{version}")
	@Operation(summary = "One version of the policy, as JSON")
	PolicyDocument version(@PathVariable String controllerId, @PathVariable int version) {
		this.policies.controller(controllerId);
		return document(controllerId, version);
	}

	@GetMapping("/{controllerId}/policy/diff")
	@Operation(summary = "What changed for subjects between two versions",
			description = "'to' defaults to the current version, 'from' to the one before 'to'")
	DiffView diff(@PathVariable String controllerId, @RequestParam(required = false) @Nullable Integer from,
			@RequestParam(required = false) @Nullable Integer to) {
		int target = (to != null) ? to : this.policies.controller(controllerId).currentVersion();
		int source = (from != null) ? from : target - 1;
		this.policies.versionInfo(controllerId, source);
		this.policies.versionInfo(controllerId, target);
		return new DiffView(controllerId, source, target, PolicyDiff
			.between(this.policies.version(controllerId, source), this.policies.version(controllerId, target)));
	}

	private PolicyDocument document(String controllerId, int version) {
		PolicyVersion info = this.policies.versionInfo(controllerId, version);
		return new PolicyDocument(controllerId, version, info.noticeDate(), info.acceptedAt(),
				this.policies.version(controllerId, version));
	}

	@ExceptionHandler(PolicyRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(PolicyRejectedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "policy-invalid", "Policy refused",
				"The policy has " + ex.problems().size() + " problem(s); nothing was saved.");
		problem.setProperty("errors",
				ex.problems()
					.stream()
					.map((p) -> Map.of("file", p.file(), "path", p.path(), "line", p.line(), "message", p.message()))
					.toList());
		return ResponseEntity.unprocessableContent().body(problem);
	}

	/** A policy version with its content. */
	record PolicyDocument(String controllerId, int version, LocalDate noticeDate, Instant acceptedAt, Policy policy) {
	}

	record DiffView(String controllerId, int from, int to, List<PolicyDiff.Change> changes) {
	}

}
