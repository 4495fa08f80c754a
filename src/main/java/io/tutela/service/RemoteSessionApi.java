package io.tutela.service;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.policy.Policies;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/** Remote-assistance sessions. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/remote-sessions")
@Tag(name = "Remote sessions", description = "Remote-assistance sessions: remote id, IP address, start and end")
class RemoteSessionApi {

	private final RemoteSessions sessions;

	private final SubjectLinks subjects;

	private final Policies policies;

	private final RecordAudit audit;

	RemoteSessionApi(RemoteSessions sessions, SubjectLinks subjects, Policies policies, RecordAudit audit) {
		this.audit = audit;
		this.sessions = sessions;
		this.subjects = subjects;
		this.policies = policies;
	}

	@GetMapping
	@Operation(summary = "List remote sessions",
			description = "Filters: subjectId, remoteId, started from/to (ISO instants); the latest first; paged")
	Page<RemoteSession> list(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @Nullable String remoteId,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int offset = Paging.offset(page, size);
		return new Page<>(page, size, this.audit.search(RemoteSession.KIND, controllerId,
				this.sessions.list(controllerId, subjectId, Fields.blank(remoteId), from, to, offset, size)));
	}

	@GetMapping("/{sessionId}")
	@Operation(summary = "One remote session")
	RemoteSession one(@PathVariable String controllerId, @PathVariable UUID sessionId) {
		return this.audit.read(RemoteSession.KIND, controllerId, find(controllerId, sessionId));
	}

	@PostMapping
	@Transactional
	@Operation(summary = "Register a remote session", description = "400 with every invalid field")
	ResponseEntity<RemoteSession> create(@PathVariable String controllerId, @RequestBody RemoteSession.Input input) {
		RemoteSession session = validate(controllerId, UUID.randomUUID(), input);
		this.sessions.insert(session);
		this.audit.wrote("create", RemoteSession.KIND, controllerId, session);
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/remote-sessions/" + session.id()))
			.body(find(controllerId, session.id()));
	}

	@PutMapping("/{sessionId}")
	@Transactional
	@Operation(summary = "Update a remote session", description = "For example its end, once it is over")
	RemoteSession update(@PathVariable String controllerId, @PathVariable UUID sessionId,
			@RequestBody RemoteSession.Input input) {
		find(controllerId, sessionId);
		RemoteSession session = validate(controllerId, sessionId, input);
		this.sessions.update(session);
		this.audit.wrote("update", RemoteSession.KIND, controllerId, session);
		return find(controllerId, sessionId);
	}

	private RemoteSession find(String controllerId, UUID sessionId) {
		return this.sessions.find(controllerId, sessionId)
			.orElseThrow(() -> new NotFoundException("remote session", sessionId));
	}

	private RemoteSession validate(String controllerId, UUID id, RemoteSession.Input input) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = this.subjects.resolve(controllerId, input.subject(), problems);
		RemoteSession session = RemoteSession.of(id, controllerId, subjectId, input,
				this.policies.current(controllerId), problems);
		if (session == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return session;
	}

}
