package io.tutela.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.web.ConflictException;
import io.tutela.web.InvalidInputException;
import io.tutela.web.NotFoundException;
import io.tutela.web.Paging;

/** The outbox of a controller: messages owed, their delivery state, and the failures. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/outbox")
@Tag(name = "Outbox",
		description = "Messages Tutela owes (changed notice, rights requests), their delivery and failures")
class OutboxApi {

	static final Set<String> STATES = Set.of(OutboxMessage.PENDING, OutboxMessage.SENT, OutboxMessage.FAILED);

	private final OutboxMessages messages;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	OutboxApi(OutboxMessages messages, Policies policies, Auditing auditing, Clock clock) {
		this.messages = messages;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	/** A page of messages. */
	record MessagePage(int page, int size, Map<String, Long> counts, List<OutboxMessage> items) {
	}

	@GetMapping
	@Operation(summary = "List the outbox",
			description = "state: pending, sent or failed (any when absent); the newest first; paged; with the count "
					+ "of messages in each state")
	MessagePage list(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String state,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		this.policies.controller(controllerId);
		if (state != null && !STATES.contains(state)) {
			throw InvalidInputException.of("state", "one of pending, sent, failed");
		}
		List<OutboxMessage> items = this.messages.list(controllerId, state, Paging.offset(page, size), size);
		this.auditing.success("outbox.search", controllerId, null, items.stream().map(OutboxMessage::id).toList());
		return new MessagePage(page, size, this.messages.counts(controllerId), items);
	}

	@GetMapping("/{messageId}")
	@Operation(summary = "One message, with its text")
	OutboxMessage one(@PathVariable String controllerId, @PathVariable UUID messageId) {
		OutboxMessage message = find(controllerId, messageId);
		this.auditing.success("outbox.read", controllerId, null, List.of(messageId));
		return message;
	}

	@PostMapping("/{messageId}/retry")
	@Operation(summary = "Queue a failed message again", description = "409 when the message has not failed")
	OutboxMessage retry(@PathVariable String controllerId, @PathVariable UUID messageId) {
		find(controllerId, messageId);
		if (!this.messages.retry(controllerId, messageId, this.clock.instant())) {
			throw new ConflictException("outbox-not-failed", "only a failed message is queued again");
		}
		this.auditing.success("outbox.retry", controllerId, null, List.of(messageId));
		return find(controllerId, messageId);
	}

	private OutboxMessage find(String controllerId, UUID messageId) {
		return this.messages.find(controllerId, messageId)
			.orElseThrow(() -> new NotFoundException("outbox message", messageId));
	}

}
