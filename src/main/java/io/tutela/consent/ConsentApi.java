package io.tutela.consent;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The consent ledger and contact decisions. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}")
@Tag(name = "Consents", description = "The append-only consent ledger and the contact decision")
class ConsentApi {

	private final RecordingConsents recording;

	private final DecidingContacts deciding;

	private final Unsubscribing unsubscribing;

	ConsentApi(RecordingConsents recording, DecidingContacts deciding, Unsubscribing unsubscribing) {
		this.recording = recording;
		this.deciding = deciding;
		this.unsubscribing = unsubscribing;
	}

	@PostMapping("/consents")
	@Operation(summary = "Record a consent given, withdrawn or an objection",
			description = "Exactly one of subject, phone (E.164 or Italian) or email; scope: automated, traditional "
					+ "or one channel; event: given, withdrawn or objected; purpose defaults to the policy's "
					+ "marketing purpose; noticeVersion to the current policy version. Entries are never changed.")
	ResponseEntity<LedgerEntry> record(@PathVariable String controllerId,
			@RequestBody RecordingConsents.ConsentInput input) {
		LedgerEntry entry = this.recording.record(controllerId, input);
		return ResponseEntity.created(URI.create("/api/v1/controllers/" + controllerId + "/consents/" + entry.id()))
			.body(entry);
	}

	@GetMapping("/consents")
	@Operation(summary = "The ledger, newest first",
			description = "Optionally of one subject, phone or email; paged (size up to 500)")
	Page list(@PathVariable String controllerId, @RequestParam(required = false) @Nullable UUID subject,
			@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String email, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return new Page(page, size, this.recording.list(controllerId, subject, phone, email, page, size));
	}

	@GetMapping("/consents/{entryId}")
	@Operation(summary = "One ledger entry")
	LedgerEntry one(@PathVariable String controllerId, @PathVariable UUID entryId) {
		return this.recording.one(controllerId, entryId);
	}

	@GetMapping("/contact-decision")
	@Operation(summary = "May this person be contacted on this channel for this purpose?",
			description = "Exactly one of subject, phone or email; channel; purpose (default: marketing); asOf (an "
					+ "ISO instant, default now). The answer names its reason and the ledger entries and facts it "
					+ "rests on.")
	ResponseEntity<Decision> decide(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subject,
			@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable Instant asOf) {
		// the answer is JSON whatever the request accepts: a campaign asks this once a
		// number, and negotiating the type took some 6% of the answer's processor time
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.deciding.decide(controllerId,
					new DecidingContacts.Question(subject, phone, email, channel, purpose, asOf)));
	}

	@PostMapping("/contact-decisions")
	@Operation(summary = "Many contact decisions at once",
			description = "rows: questions as for GET contact-decision (each may set its own channel, purpose and "
					+ "asOf, else the request's); up to 10,000 rows; the answers come in the same order")
	List<Decision> decideAll(@PathVariable String controllerId, @RequestBody Batch batch) {
		List<DecidingContacts.Question> rows = (batch.rows() == null) ? List.of()
				: batch.rows()
					.stream()
					.map((r) -> new DecidingContacts.Question(r.subject(), r.phone(), r.email(),
							(r.channel() != null) ? r.channel() : batch.channel(),
							(r.purpose() != null) ? r.purpose() : batch.purpose(),
							(r.asOf() != null) ? r.asOf() : batch.asOf()))
					.toList();
		return this.deciding.decideAll(controllerId, rows);
	}

	@PostMapping("/unsubscribe-links")
	@Operation(summary = "Create a signed, expiring unsubscribe link for a message",
			description = "Exactly one of subject, phone or email; scope: what the objection covers (automated, "
					+ "traditional or one channel); purpose (default marketing); expiresAt: when the link stops "
					+ "working. Following the link records an objection without login.")
	ResponseEntity<UnsubscribeLink> unsubscribeLink(@PathVariable String controllerId,
			@RequestBody Unsubscribing.LinkInput input) {
		String path = "/unsubscribe/" + this.unsubscribing.create(controllerId, input);
		return ResponseEntity.created(URI.create(path)).body(new UnsubscribeLink(path));
	}

	record UnsubscribeLink(String path) {
	}

	record Page(int page, int size, List<LedgerEntry> items) {
	}

	record Batch(@Nullable String channel, @Nullable String purpose, @Nullable Instant asOf,
			@Nullable List<DecidingContacts.Question> rows) {
	}

}
