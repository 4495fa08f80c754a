package io.tutela.requests;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Records an erasure kept on one ground, counted: what the request page and the portal
 * list (an erasure may keep thousands of invoices on the same rule).
 *
 * @param kind the record kind, or {@code consent_event} for consent-ledger entries
 * @param ground {@code legal_hold}, {@code legal_obligation}, {@code own_rules},
 * {@code identifies_kept} or {@code ledger_evidence}; worded by
 * {@code requests.kept.<ground>}
 * @param until the day the rule lets the record go, or null while it waits for
 * {@code waitingFor}
 */
public record KeptGroup(String kind, long count, String ground, @Nullable String rule, @Nullable LocalDate until,
		@Nullable String waitingFor, @Nullable String legalReference) {

	static List<KeptGroup> of(List<RequestView.KeptRecord> kept) {
		Map<List<String>, KeptGroup> groups = new LinkedHashMap<>();
		for (RequestView.KeptRecord k : kept) {
			List<String> key = List.of(k.kind(), k.ground(), String.valueOf(k.rule()), String.valueOf(k.until()),
					String.valueOf(k.waitingFor()), String.valueOf(k.legalReference()));
			groups.merge(key,
					new KeptGroup(k.kind(), 1, k.ground(), k.rule(), k.until(), k.waitingFor(), k.legalReference()),
					(a, b) -> new KeptGroup(a.kind(), a.count() + 1, a.ground(), a.rule(), a.until(), a.waitingFor(),
							a.legalReference()));
		}
		return new ArrayList<>(groups.values());
	}

	/**
	 * The message key wording the ground: {@code requests.kept.<ground>}, with
	 * {@code .waiting} when the rule waits for an event that has not come.
	 */
	public String wording() {
		return Erasure.wording(this.ground, this.until, this.waitingFor);
	}

}
