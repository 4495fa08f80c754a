package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * When a campaign check may no longer be dialled (DPR 26/2022: calls stop within 15 days
 * of a registration): once more than {@code marketing.campaign_check_validity} has passed
 * (checked on day D with P15D: dialled through D+15, stale from the next day, in the
 * controller's zone), or once a register snapshot newer than the one it used is there.
 */
final class Staleness {

	private Staleness() {
	}

	/** Why the check is stale, or empty while it may be dialled. */
	static Optional<String> of(Terms terms, Instant checkedAt, @Nullable UUID checkSnapshot,
			RegisterSnapshots.@Nullable Snapshot newest, Instant now) {
		if (terms.checkValidity() != null) {
			LocalDate last = LocalDate.ofInstant(checkedAt, terms.zone()).plus(terms.checkValidity());
			if (LocalDate.ofInstant(now, terms.zone()).isAfter(last)) {
				return Optional.of("checked more than " + terms.checkValidity() + " ago: it could be dialled through "
						+ last + "; check the list again");
			}
		}
		if (newest != null && !newest.id().equals(checkSnapshot)) {
			return Optional.of("a newer register snapshot (taken on " + newest.takenOn()
					+ ") was imported after the check; check the list again");
		}
		return Optional.empty();
	}

}
