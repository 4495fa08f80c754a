package io.tutela.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The periodic re-check of marketing contact data. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/stale-contacts")
@Tag(name = "Stale contact data", description = "Subjects whose marketing contact data went stale")
class StaleContactApi {

	private final StaleContacts stale;

	private final Clock clock;

	StaleContactApi(StaleContacts stale, Clock clock) {
		this.stale = stale;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "The subjects the newest re-check listed",
			description = "reason: contact_expired (marketing.contact_expiry after the last contact) or "
					+ "interest_recheck_due (marketing.interest_recheck); the longest due first")
	Page list(@PathVariable String controllerId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return new Page(page, size, this.stale.list(controllerId, page, size));
	}

	@PostMapping("/recheck")
	@Operation(summary = "Run the re-check now", description = "asOf: an ISO instant, default now")
	Recheck recheck(@PathVariable String controllerId, @RequestParam(required = false) @Nullable Instant asOf) {
		Instant at = (asOf != null) ? asOf : this.clock.instant();
		return new Recheck(at, this.stale.recheck(controllerId, at));
	}

	record Recheck(Instant asOf, int listed) {
	}

	record Page(int page, int size, List<StaleContacts.Stale> items) {
	}

}
