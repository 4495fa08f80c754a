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

/** The metadata of recorded calls. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/call-recordings")
@Tag(name = "Call recordings", description = "Metadata of calls recorded after the recorded announcement")
class CallRecordingApi {

	private final CallRecordings recordings;

	private final SubjectLinks subjects;

	private final Policies policies;

	private final RecordAudit audit;

	CallRecordingApi(CallRecordings recordings, SubjectLinks subjects, Policies policies, RecordAudit audit) {
		this.audit = audit;
		this.recordings = recordings;
		this.subjects = subjects;
		this.policies = policies;
	}

	@GetMapping
	@Operation(summary = "List call recordings",
			description = "Filters: subjectId, number (any form; compared in E.164), recorded from/to (ISO instants); "
					+ "the latest first; paged")
	Page<CallRecording> list(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int offset = Paging.offset(page, size);
		return new Page<>(page, size, this.audit.search(CallRecording.KIND, controllerId,
				this.recordings.list(controllerId, subjectId, Fields.phoneFilter(number), from, to, offset, size)));
	}

	@GetMapping("/{recordingId}")
	@Operation(summary = "One call recording")
	CallRecording one(@PathVariable String controllerId, @PathVariable UUID recordingId) {
		return this.audit.read(CallRecording.KIND, controllerId, find(controllerId, recordingId));
	}

	@PostMapping
	@Transactional
	@Operation(summary = "Register a call recording",
			description = "announcementPlayed must be true: a recording without the announcement is refused; 400 with "
					+ "every invalid field")
	ResponseEntity<CallRecording> create(@PathVariable String controllerId, @RequestBody CallRecording.Input input) {
		CallRecording recording = validate(controllerId, UUID.randomUUID(), input);
		this.recordings.insert(recording);
		this.audit.wrote("create", CallRecording.KIND, controllerId, recording);
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/call-recordings/" + recording.id()))
			.body(recording);
	}

	@PutMapping("/{recordingId}")
	@Transactional
	@Operation(summary = "Update a call recording's metadata")
	CallRecording update(@PathVariable String controllerId, @PathVariable UUID recordingId,
			@RequestBody CallRecording.Input input) {
		find(controllerId, recordingId);
		CallRecording recording = validate(controllerId, recordingId, input);
		this.recordings.update(recording);
		this.audit.wrote("update", CallRecording.KIND, controllerId, recording);
		return recording;
	}

	private CallRecording find(String controllerId, UUID recordingId) {
		return this.recordings.find(controllerId, recordingId)
			.orElseThrow(() -> new NotFoundException("call recording", recordingId));
	}

	private CallRecording validate(String controllerId, UUID id, CallRecording.Input input) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = this.subjects.resolve(controllerId, input.subject(), problems);
		CallRecording recording = CallRecording.of(id, controllerId, subjectId, input,
				this.policies.current(controllerId), problems);
		if (recording == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return recording;
	}

}
