package io.tutela.consent;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The inbox of objections by e-mail. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/consent-inbox")
@Tag(name = "Objection inbox", description = "Objections received by e-mail, confirmed by a person")
class InboxApi {

	private final ReceivingObjections receiving;

	InboxApi(ReceivingObjections receiving) {
		this.receiving = receiving;
	}

	@PostMapping(consumes = { "message/rfc822", "text/plain", "application/octet-stream" })
	@Operation(summary = "Hand in a message received at the objection address",
			description = "The message as received (RFC 5322, an .eml file). 201 with the inbox message; 200 with "
					+ "the one kept before when its Message-ID is known already.")
	ResponseEntity<InboxMessage> receive(@PathVariable String controllerId,
			@RequestBody(required = false) byte @Nullable [] message) {
		ReceivingObjections.Received received = this.receiving.receive(controllerId,
				(message != null) ? message : new byte[0], "api");
		if (!received.created()) {
			return ResponseEntity.ok(received.message());
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/controllers/" + controllerId + "/consent-inbox/" + received.message().id()))
			.body(received.message());
	}

	@GetMapping
	@Operation(summary = "The inbox, newest first",
			description = "open=true for the messages still waiting for a person (proposed or pending)")
	Page list(@PathVariable String controllerId, @RequestParam(defaultValue = "false") boolean open,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return new Page(page, size, this.receiving.list(controllerId, open, page, size));
	}

	@GetMapping("/{messageId}")
	@Operation(summary = "One message of the inbox")
	InboxMessage one(@PathVariable String controllerId, @PathVariable UUID messageId) {
		return this.receiving.one(controllerId, messageId);
	}

	@PostMapping("/{messageId}/objection")
	@Operation(summary = "Record the message's objection on the ledger",
			description = "subject: the subject it comes from, when Tutela proposed none or the wrong one; or "
					+ "sender: true to record it for the sender's address (a prospect); empty: whom Tutela proposed")
	ResponseEntity<LedgerEntry> object(@PathVariable String controllerId, @PathVariable UUID messageId,
			@RequestBody(required = false) @Nullable Choice choice) {
		LedgerEntry entry = this.receiving.object(controllerId, messageId,
				(choice != null)
						? new ReceivingObjections.Choice(choice.subject(), Boolean.TRUE.equals(choice.sender()))
						: ReceivingObjections.Choice.PROPOSED);
		return ResponseEntity.created(URI.create("/api/v1/controllers/" + controllerId + "/consents/" + entry.id()))
			.body(entry);
	}

	@PostMapping("/{messageId}/dismissal")
	@Operation(summary = "Mark the message as no objection")
	InboxMessage dismiss(@PathVariable String controllerId, @PathVariable UUID messageId) {
		return this.receiving.dismiss(controllerId, messageId);
	}

	record Choice(@Nullable UUID subject, @Nullable Boolean sender) {
	}

	record Page(int page, int size, List<InboxMessage> items) {
	}

}
