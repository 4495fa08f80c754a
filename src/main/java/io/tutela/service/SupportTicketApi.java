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

/** Support tickets, addressed by their numeric id. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/support-tickets")
@Tag(name = "Support tickets", description = "Requests through the contact forms, each with a unique numeric id")
class SupportTicketApi {

	private final SupportTickets tickets;

	private final SubjectLinks subjects;

	private final Policies policies;

	private final RecordAudit audit;

	SupportTicketApi(SupportTickets tickets, SubjectLinks subjects, Policies policies, RecordAudit audit) {
		this.audit = audit;
		this.tickets = tickets;
		this.subjects = subjects;
		this.policies = policies;
	}

	@GetMapping
	@Operation(summary = "List support tickets",
			description = "Filters: subjectId, email, licenceNumber, open (true: not closed), opened from/to "
					+ "(ISO instants); the latest opened first; paged")
	Page<SupportTicket> list(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subjectId,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String licenceNumber,
			@RequestParam(required = false) @Nullable Boolean open,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int offset = Paging.offset(page, size);
		SupportTickets.Filter filter = new SupportTickets.Filter(subjectId, Fields.blank(email),
				Fields.blank(licenceNumber), open, from, to, null);
		return new Page<>(page, size, this.audit.search(SupportTicket.KIND, controllerId,
				this.tickets.list(controllerId, filter, offset, size)));
	}

	@GetMapping("/{ticketNumber}")
	@Operation(summary = "One support ticket")
	SupportTicket one(@PathVariable String controllerId, @PathVariable long ticketNumber) {
		return this.audit.read(SupportTicket.KIND, controllerId, find(controllerId, ticketNumber));
	}

	@PostMapping
	@Transactional
	@Operation(summary = "Register a support ticket", description = "400 with every invalid field")
	ResponseEntity<SupportTicket> create(@PathVariable String controllerId, @RequestBody SupportTicket.Input input) {
		SupportTicket ticket = validate(controllerId, UUID.randomUUID(), input);
		this.tickets.insert(ticket);
		this.audit.wrote("create", SupportTicket.KIND, controllerId, ticket);
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/support-tickets/" + ticket.ticketNumber()))
			.body(ticket);
	}

	@PutMapping("/{ticketNumber}")
	@Transactional
	@Operation(summary = "Update a support ticket", description = "The numeric id does not change")
	SupportTicket update(@PathVariable String controllerId, @PathVariable long ticketNumber,
			@RequestBody SupportTicket.Input input) {
		SupportTicket existing = find(controllerId, ticketNumber);
		if (input.ticketNumber() != null && input.ticketNumber() != ticketNumber) {
			throw InvalidInputException.of("ticket_number", "the numeric id of a ticket does not change");
		}
		SupportTicket ticket = validate(controllerId, existing.id(), withNumber(input, ticketNumber));
		this.tickets.update(ticket);
		this.audit.wrote("update", SupportTicket.KIND, controllerId, ticket);
		return ticket;
	}

	private SupportTicket find(String controllerId, long ticketNumber) {
		return this.tickets.find(controllerId, ticketNumber)
			.orElseThrow(() -> new NotFoundException("support ticket", ticketNumber));
	}

	private SupportTicket validate(String controllerId, UUID id, SupportTicket.Input input) {
		List<FieldProblem> problems = new ArrayList<>();
		UUID subjectId = this.subjects.resolve(controllerId, input.subject(), problems);
		SupportTicket ticket = SupportTicket.of(id, controllerId, subjectId, input, this.policies.current(controllerId),
				problems);
		if (ticket == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return ticket;
	}

	private static SupportTicket.Input withNumber(SupportTicket.Input in, long number) {
		return new SupportTicket.Input(number, in.subject(), in.name(), in.email(), in.subjectLine(), in.message(),
				in.licenceNumber(), in.attachmentCount(), in.attachmentNames(), in.openedAt(), in.closedAt(),
				in.category(), in.purposes(), in.source(), in.collectedAt());
	}

}
