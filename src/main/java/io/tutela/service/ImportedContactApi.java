package io.tutela.service;

import java.net.URI;
import java.time.Clock;
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

/** The contacts a client controller imported on consent. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/imported-contacts")
@Tag(name = "Imported contacts", description = "Contacts a client controller imports into the service, on consent")
class ImportedContactApi {

	private final ImportedContacts contacts;

	private final Policies policies;

	private final Clock clock;

	private final RecordAudit audit;

	ImportedContactApi(ImportedContacts contacts, Policies policies, Clock clock, RecordAudit audit) {
		this.audit = audit;
		this.contacts = contacts;
		this.policies = policies;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "List imported contacts",
			description = "Filters: number (any form; compared in E.164), email; paged")
	Page<ImportedContact> list(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable String email, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int offset = Paging.offset(page, size);
		return new Page<>(page, size, this.audit.search(ImportedContact.KIND, controllerId,
				this.contacts.list(controllerId, Fields.phoneFilter(number), Fields.blank(email), offset, size)));
	}

	@GetMapping("/{contactId}")
	@Operation(summary = "One imported contact")
	ImportedContact one(@PathVariable String controllerId, @PathVariable UUID contactId) {
		return this.audit.read(ImportedContact.KIND, controllerId, find(controllerId, contactId));
	}

	@PostMapping
	@Transactional
	@Operation(summary = "Import a contact",
			description = "consentGivenAt is required: no contact without consent; 400 with every invalid field")
	ResponseEntity<ImportedContact> create(@PathVariable String controllerId,
			@RequestBody ImportedContact.Input input) {
		ImportedContact contact = validate(controllerId, UUID.randomUUID(), input, null);
		this.contacts.insert(contact);
		this.audit.wrote("create", ImportedContact.KIND, controllerId, contact);
		return ResponseEntity
			.created(URI.create("/api/v1/controllers/" + controllerId + "/imported-contacts/" + contact.id()))
			.body(contact);
	}

	@PutMapping("/{contactId}")
	@Transactional
	@Operation(summary = "Update an imported contact")
	ImportedContact update(@PathVariable String controllerId, @PathVariable UUID contactId,
			@RequestBody ImportedContact.Input input) {
		ImportedContact existing = find(controllerId, contactId);
		ImportedContact contact = validate(controllerId, contactId, input, existing);
		this.contacts.update(contact);
		this.audit.wrote("update", ImportedContact.KIND, controllerId, contact);
		return contact;
	}

	@DeleteMapping("/{contactId}")
	@Transactional
	@Operation(summary = "Delete an imported contact", description = "For example when consent is withdrawn; 204")
	ResponseEntity<Void> delete(@PathVariable String controllerId, @PathVariable UUID contactId) {
		ImportedContact contact = find(controllerId, contactId);
		this.contacts.delete(controllerId, contactId);
		this.audit.wrote("delete", ImportedContact.KIND, controllerId, contact);
		return ResponseEntity.noContent().build();
	}

	private ImportedContact find(String controllerId, UUID contactId) {
		return this.contacts.find(controllerId, contactId)
			.orElseThrow(() -> new NotFoundException("imported contact", contactId));
	}

	private ImportedContact validate(String controllerId, UUID id, ImportedContact.Input input,
			@Nullable ImportedContact existing) {
		List<FieldProblem> problems = new ArrayList<>();
		ImportedContact contact = ImportedContact.of(id, controllerId, input, this.policies.current(controllerId),
				this.clock.instant(), (existing != null) ? existing.collectedAt() : null, problems);
		if (contact == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return contact;
	}

}
