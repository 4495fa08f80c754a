package io.tutela.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/** A client controller's blacklisted and VIP callers. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/caller-list")
@Tag(name = "Caller list", description = "Callers a client controller blacklists or marks as VIP")
class CallerListApi {

	private final CallerList entries;

	private final Policies policies;

	private final Clock clock;

	private final RecordAudit audit;

	CallerListApi(CallerList entries, Policies policies, Clock clock, RecordAudit audit) {
		this.audit = audit;
		this.entries = entries;
		this.policies = policies;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "List blacklisted and VIP callers",
			description = "Filters: kind (blacklist, vip), number (any form; compared in E.164); paged")
	Page<CallerListEntry> list(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String number, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int offset = Paging.offset(page, size);
		String wanted = (Fields.blank(kind) != null) ? kind.strip().toLowerCase(Locale.ROOT) : null;
		return new Page<>(page, size, this.audit.search(CallerListEntry.KIND, controllerId,
				this.entries.list(controllerId, wanted, Fields.phoneFilter(number), offset, size)));
	}

	@GetMapping("/{entryId}")
	@Operation(summary = "One blacklisted or VIP caller")
	CallerListEntry one(@PathVariable String controllerId, @PathVariable UUID entryId) {
		return this.audit.read(CallerListEntry.KIND, controllerId, find(controllerId, entryId));
	}

	@PostMapping
	@Transactional
	@Operation(summary = "Blacklist a caller or mark one as VIP",
			description = "One entry per number; 400 with every invalid field")
	ResponseEntity<CallerListEntry> create(@PathVariable String controllerId,
			@RequestBody CallerListEntry.Input input) {
		CallerListEntry entry = validate(controllerId, UUID.randomUUID(), input, this.clock.instant());
		this.entries.insert(entry);
		this.audit.wrote("create", CallerListEntry.KIND, controllerId, entry);
		return ResponseEntity.created(URI.create("/api/v1/controllers/" + controllerId + "/caller-list/" + entry.id()))
			.body(entry);
	}

	@PutMapping("/{entryId}")
	@Transactional
	@Operation(summary = "Update a blacklisted or VIP caller")
	CallerListEntry update(@PathVariable String controllerId, @PathVariable UUID entryId,
			@RequestBody CallerListEntry.Input input) {
		CallerListEntry existing = find(controllerId, entryId);
		CallerListEntry entry = validate(controllerId, entryId, input, existing.collectedAt());
		this.entries.update(entry);
		this.audit.wrote("update", CallerListEntry.KIND, controllerId, entry);
		return entry;
	}

	@DeleteMapping("/{entryId}")
	@Transactional
	@Operation(summary = "Take a caller off the list", description = "The entry is deleted; 204")
	ResponseEntity<Void> delete(@PathVariable String controllerId, @PathVariable UUID entryId) {
		CallerListEntry entry = find(controllerId, entryId);
		this.entries.delete(controllerId, entryId);
		this.audit.wrote("delete", CallerListEntry.KIND, controllerId, entry);
		return ResponseEntity.noContent().build();
	}

	private CallerListEntry find(String controllerId, UUID entryId) {
		return this.entries.find(controllerId, entryId)
			.orElseThrow(() -> new NotFoundException("caller list entry", entryId));
	}

	private CallerListEntry validate(String controllerId, UUID id, CallerListEntry.Input input, Instant collected) {
		List<FieldProblem> problems = new ArrayList<>();
		CallerListEntry entry = CallerListEntry.of(id, controllerId, input, this.policies.current(controllerId),
				collected, problems);
		if (entry == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return entry;
	}

}
