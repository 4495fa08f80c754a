package io.tutela.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.Text;
import io.tutela.web.InvalidInputException;

/**
 * A person's consents and objections as the subject portal shows them: for the policy's
 * marketing purpose on each channel it names, and for every other purpose that rests on
 * consent, what the ledger says now (an objection to another purpose of legitimate
 * interest is a rights request, weighed by the controller); and the person's own choices
 * added to the ledger with the portal as their source. Only the person's entries are
 * read: those of the subject the controller knows and those of the address the portal
 * proved.
 */
@Service
public class PortalConsents {

	/** The method recorded as evidence of what a person chose on the portal. */
	static final String METHOD = "portal";

	private final Ledger ledger;

	private final RecordingConsents recording;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	PortalConsents(Ledger ledger, RecordingConsents recording, Policies policies, Auditing auditing, Clock clock) {
		this.ledger = ledger;
		this.recording = recording;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	/**
	 * A purpose on one scope, what the ledger says of it and what the person may do.
	 *
	 * @param scope a channel, or {@code automated} (every channel) for a purpose that is
	 * not marketing
	 * @param state {@code given}, {@code withdrawn}, {@code objected} or {@code none}
	 * @param actions among {@code given}, {@code withdrawn}, {@code objected}
	 */
	public record Row(String purpose, Text name, String scope, String state, @Nullable Instant since,
			List<String> actions) {
	}

	/** The person's consents and objections, purpose by purpose. */
	public List<Row> of(String controllerId, @Nullable UUID subjectId, String email) {
		Policy policy = this.policies.current(controllerId);
		List<LedgerEntry> entries = this.ledger.of(controllerId, (subjectId != null) ? List.of(subjectId) : List.of(),
				List.of(), List.of(email));
		Instant now = this.clock.instant();
		List<Row> rows = new ArrayList<>();
		for (Slot slot : slots(policy)) {
			Optional<LedgerEntry> deciding = (slot.channel() != null)
					? ChannelScope.deciding(entries, slot.purpose().id(), slot.channel(), now)
					: entries.stream()
						.filter((e) -> e.purpose().equals(slot.purpose().id()) && !e.occurredAt().isAfter(now))
						.reduce((a, b) -> b);
			String state = deciding.map((e) -> e.event().key()).orElse("none");
			List<String> actions = new ArrayList<>();
			boolean consent = slot.purpose().legalBasis().contains(Policy.LegalBasis.CONSENT);
			if (consent && !"given".equals(state)) {
				actions.add("given");
			}
			if (consent && "given".equals(state)) {
				actions.add("withdrawn");
			}
			if (!"objected".equals(state)) {
				actions.add("objected");
			}
			rows.add(new Row(slot.purpose().id(), slot.purpose().name(), slot.scope(), state,
					deciding.map(LedgerEntry::occurredAt).orElse(null), actions));
		}
		this.auditing.success("consent.read", controllerId, null,
				(subjectId != null) ? List.of(subjectId) : entries.stream().map(LedgerEntry::id).toList());
		return rows;
	}

	/**
	 * Records the person's choice, {@code given}, {@code withdrawn} or {@code objected},
	 * for a purpose and scope the portal offers them.
	 */
	public void record(String controllerId, @Nullable UUID subjectId, String email, @Nullable String purpose,
			@Nullable String scope, @Nullable String event) {
		Row row = of(controllerId, subjectId, email).stream()
			.filter((r) -> r.purpose().equals(purpose) && r.scope().equals(scope))
			.findFirst()
			.orElseThrow(() -> InvalidInputException.of("purpose", "not a purpose and channel the portal offers"));
		if (event == null || !row.actions().contains(event)) {
			throw InvalidInputException.of("event", "not possible for this purpose and channel now");
		}
		Instant now = this.clock.instant();
		int version = this.policies.controller(controllerId).currentVersion();
		LedgerEntry.Kind kind = LedgerEntry.Kind.valueOf(event.toUpperCase(java.util.Locale.ROOT));
		this.recording.record(new LedgerEntry(UUID.randomUUID(), controllerId, subjectId, null,
				(subjectId != null) ? null : email, row.purpose(), row.scope(), kind, now, now, METHOD,
				new LedgerEntry.Evidence(METHOD, "the subject", String.valueOf(version), null, false)));
	}

	/** A purpose on a channel ({@code null}: every channel). */
	private record Slot(Policy.Purpose purpose, Policy.@Nullable Channel channel) {

		String scope() {
			return (this.channel != null) ? ChannelScope.key(this.channel) : ChannelScope.AUTOMATED;
		}

	}

	private static List<Slot> slots(Policy policy) {
		List<Slot> slots = new ArrayList<>();
		for (Policy.Purpose p : policy.purposes()) {
			boolean marketing = policy.marketing() != null && policy.marketing().purpose().equals(p.id());
			if (!marketing && !p.legalBasis().contains(Policy.LegalBasis.CONSENT)) {
				continue;
			}
			if (marketing) {
				policy.marketing().channels().forEach((c) -> slots.add(new Slot(p, c)));
			}
			else {
				slots.add(new Slot(p, null));
			}
		}
		return slots;
	}

}
