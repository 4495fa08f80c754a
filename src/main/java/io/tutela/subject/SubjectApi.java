package io.tutela.subject;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.Tags;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/** Subjects and their subject 360. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/subjects")
@Tag(name = "Subjects", description = "The people whose data a controller holds, and everything held about each")
class SubjectApi {

	private final Subjects subjects;

	private final ReadingSubjects reading;

	private final Policies policies;

	private final Clock clock;

	private final Auditing auditing;

	SubjectApi(Subjects subjects, ReadingSubjects reading, Policies policies, Clock clock, Auditing auditing) {
		this.auditing = auditing;
		this.subjects = subjects;
		this.reading = reading;
		this.policies = policies;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "Search subjects",
			description = "q: an identifier given exactly (codice fiscale, e-mail, phone in E.164, customer code, "
					+ "licence number, portal account) or the start of a family name; paged")
	Page list(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		Paging.offset(page, size);
		return new Page(page, size, this.reading.search(controllerId, q, page, size));
	}

	@GetMapping("/{subjectId}")
	@Operation(summary = "One subject")
	Subject one(@PathVariable String controllerId, @PathVariable UUID subjectId) {
		return this.reading.one(controllerId, subjectId);
	}

	@PostMapping
	@Transactional
	@Operation(summary = "Register a subject", description = "400 with every invalid field")
	ResponseEntity<Subject> create(@PathVariable String controllerId, @RequestBody SubjectInput input) {
		Subject subject = validate(controllerId, UUID.randomUUID(), input, null);
		this.subjects.save(subject);
		this.auditing.success("subject.create", controllerId, subject.category(), List.of(subject.id()));
		return ResponseEntity.created(URI.create("/api/v1/controllers/" + controllerId + "/subjects/" + subject.id()))
			.body(subject);
	}

	@PutMapping("/{subjectId}")
	@Transactional
	@Operation(summary = "Update a subject (rectification)")
	Subject update(@PathVariable String controllerId, @PathVariable UUID subjectId, @RequestBody SubjectInput input) {
		Subject existing = this.subjects.find(controllerId, subjectId)
			.orElseThrow(() -> new NotFoundException("subject", subjectId));
		Subject subject = validate(controllerId, subjectId, input, existing);
		this.subjects.save(subject);
		this.auditing.success("subject.update", controllerId, subject.category(), List.of(subjectId));
		return subject;
	}

	@GetMapping("/{subjectId}/overview")
	@Operation(summary = "The subject 360",
			description = "Everything held about the person, grouped by category, each with purposes, legal bases, "
					+ "source, recipients and the date its retention rule will act; asOf: an ISO instant (default now)")
	Overview overview(@PathVariable String controllerId, @PathVariable UUID subjectId,
			@RequestParam(required = false) @Nullable Instant asOf) {
		return this.reading.overview(controllerId, subjectId, (asOf != null) ? asOf : this.clock.instant());
	}

	private Subject validate(String controllerId, UUID id, SubjectInput in, @Nullable Subject existing) {
		Policy policy = this.policies.current(controllerId);
		List<FieldProblem> problems = new ArrayList<>();
		Identifiers ids = Identifiers.check(blank(in.customerCode()), blank(in.codiceFiscale()), blank(in.email()),
				blank(in.phone()), blank(in.licenceNumber()), problems);
		Tags tags = Tags.of(policy, Tags.mapping(policy, RecordKind.SUBJECT), in.category(), in.purposes(), in.source(),
				Policy.Source.SUBJECT, problems);
		if (ids.key() != null && this.subjects.keyTaken(controllerId, ids.key(), id)) {
			problems.add(new FieldProblem("customerCode", "another subject has the same identifier"));
		}
		if (!problems.isEmpty() || tags == null || ids.key() == null) {
			throw new InvalidInputException(problems);
		}
		Instant collected = (in.collectedAt() != null) ? in.collectedAt()
				: (existing != null) ? existing.collectedAt() : this.clock.instant();
		return new Subject(id, controllerId, ids.key(), tags.category(), tags.purposes(), tags.source(), in.special(),
				blank(in.givenName()), blank(in.familyName()), ids.codiceFiscale(), ids.email(), ids.phone(),
				ids.customerCode(), ids.licenceNumber(), blank(in.portalAccount()), blank(in.address()), collected,
				in.lastContactAt(), existing != null && existing.restricted());
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	record SubjectInput(@Nullable String customerCode, @Nullable String codiceFiscale, @Nullable String givenName,
			@Nullable String familyName, @Nullable String email, @Nullable String phone, @Nullable String licenceNumber,
			@Nullable String portalAccount, @Nullable String address, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source, boolean special, @Nullable Instant collectedAt,
			@Nullable Instant lastContactAt) {
	}

	record Page(int page, int size, List<Subject> items) {
	}

}
