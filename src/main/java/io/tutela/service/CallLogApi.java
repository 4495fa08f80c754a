package io.tutela.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/**
 * A client controller's call log and the notes on each call; a deleted note is gone for
 * good.
 */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/calls")
@Tag(name = "Call log", description = "Calls answered for a client controller, and the notes taken on them")
class CallLogApi {

	private final Calls calls;

	private final CallNotes notes;

	private final SubjectLinks subjects;

	private final Policies policies;

	private final Clock clock;

	private final RecordAudit audit;

	CallLogApi(Calls calls, CallNotes notes, SubjectLinks subjects, Policies policies, Clock clock, RecordAudit audit) {
		this.audit = audit;
		this.calls = calls;
		this.notes = notes;
		this.subjects = subjects;
		this.policies = policies;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "List the call log",
			description = "Filters: subjectId, number (any form; compared in E.164), called from/to (ISO instants); "
					+ "the latest first; paged")
	Page<Call> list(@PathVariable String controllerId, @RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int offset = Paging.offset(page, size);
		return new Page<>(page, size, this.audit.search(Call.KIND, controllerId,
				this.calls.list(controllerId, subjectId, Fields.phoneFilter(number), from, to, offset, size)));
	}

	@GetMapping("/{callId}")
	@Operation(summary = "One call")
	Call one(@PathVariable String controllerId, @PathVariable UUID callId) {
		return this.audit.read(Call.KIND, controllerId, find(controllerId, callId));
	}

	@PostMapping
	@Transactional
	@Operation(summary = "Log a call", description = "400 with every invalid field")
	ResponseEntity<Call> create(@PathVariable String controllerId, @RequestBody Call.Input input) {
		Call call = validate(controllerId, UUID.randomUUID(), input);
		this.calls.insert(call);
		this.audit.wrote("create", Call.KIND, controllerId, call);
		return ResponseEntity.created(URI.create("/api/v1/controllers/" + controllerId + "/calls/" + call.id()))
			.body(call);
	}

	@PutMapping("/{callId}")
	@Transactional
	@Operation(summary = "Update a call")
	Call update(@PathVariable String controllerId, @PathVariable UUID callId, @RequestBody Call.Input input) {
		find(controllerId, callId);
		Call call = validate(controllerId, callId, input);
		this.calls.update(call);
		this.audit.wrote("update", Call.KIND, controllerId, call);
		return call;
	}

	@GetMapping("/{callId}/notes")
	@Operation(summary = "The notes on a call", description = "In the order they were taken; paged")
	Page<CallNote> notes(@PathVariable String controllerId, @PathVariable UUID callId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		int offset = Paging.offset(page, size);
		find(controllerId, callId);
		return new Page<>(page, size,
				this.audit.search(CallNote.KIND, controllerId, this.notes.list(controllerId, callId, offset, size)));
	}

	@GetMapping("/{callId}/notes/{noteId}")
	@Operation(summary = "One note on a call")
	CallNote note(@PathVariable String controllerId, @PathVariable UUID callId, @PathVariable UUID noteId) {
		return this.audit.read(CallNote.KIND, controllerId, findNote(controllerId, callId, noteId));
	}

	@PostMapping("/{callId}/notes")
	@Transactional
	@Operation(summary = "Take a note on a call", description = "notedAt defaults to now; 400 with every invalid field")
	ResponseEntity<CallNote> addNote(@PathVariable String controllerId, @PathVariable UUID callId,
			@RequestBody CallNote.Input input) {
		find(controllerId, callId);
		CallNote note = validate(controllerId, callId, UUID.randomUUID(), input, this.clock.instant());
		this.notes.insert(note);
		this.audit.wrote("create", CallNote.KIND, controllerId, note);
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/calls/" + callId + "/notes/" + note.id()))
			.body(note);
	}

	@PutMapping("/{callId}/notes/{noteId}")
	@Transactional
	@Operation(summary = "Update a note on a call")
	CallNote updateNote(@PathVariable String controllerId, @PathVariable UUID callId, @PathVariable UUID noteId,
			@RequestBody CallNote.Input input) {
		CallNote existing = findNote(controllerId, callId, noteId);
		CallNote note = validate(controllerId, callId, noteId, input, existing.notedAt());
		this.notes.update(note);
		this.audit.wrote("update", CallNote.KIND, controllerId, note);
		return note;
	}

	@DeleteMapping("/{callId}/notes/{noteId}")
	@Transactional
	@Operation(summary = "Delete a note for good",
			description = "The note is erased, not hidden: it is gone from every list, view and export and cannot be "
					+ "restored. 204; 404 when there is no such note")
	ResponseEntity<Void> deleteNote(@PathVariable String controllerId, @PathVariable UUID callId,
			@PathVariable UUID noteId) {
		CallNote note = findNote(controllerId, callId, noteId);
		this.notes.delete(controllerId, callId, noteId);
		this.audit.wrote("delete", CallNote.KIND, controllerId, note);
		return ResponseEntity.noContent().build();
	}

	private Call find(String controllerId, UUID callId) {
		return this.calls.find(controllerId, callId).orElseThrow(() -> new NotFoundException("call", callId));
	}

	private CallNote findNote(String controllerId, UUID callId, UUID noteId) {
		return this.notes.find(controllerId, callId, noteId)
			.orElseThrow(() -> new NotFoundException("call note", noteId));
	}

	private Call validate(String controllerId, UUID id, Call.Input input) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = this.subjects.resolve(controllerId, input.subject(), problems);
		Call call = Call.of(id, controllerId, subjectId, input, this.policies.current(controllerId), problems);
		if (call == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return call;
	}

	private CallNote validate(String controllerId, UUID callId, UUID id, CallNote.Input input, Instant notedAt) {
		List<FieldProblem> problems = new ArrayList<>();
		CallNote.Input in = (input.notedAt() != null) ? input : new CallNote.Input(input.note(), notedAt,
				input.category(), input.purposes(), input.source(), input.collectedAt());
		CallNote note = CallNote.of(id, controllerId, callId, in, this.policies.current(controllerId), problems);
		if (note == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return note;
	}

}
