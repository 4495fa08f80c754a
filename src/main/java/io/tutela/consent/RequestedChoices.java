package io.tutela.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;

/**
 * What a rights request changes on the consent ledger. An objection (GDPR art. 21) is
 * recorded for the policy's marketing purpose and for every purpose resting on legitimate
 * interest, on the automated modality, which covers every channel; a consent withdrawal
 * (art. 7(3)) withdraws, for the future, every consent the subject's ledger shows as
 * given, on the scope it was given for. Each entry names the request as its evidence, so
 * the contact decision afterwards refuses, and says why.
 */
@Service
public class RequestedChoices {

	/** The method recorded as evidence of a choice made by a rights request. */
	static final String METHOD = "rights_request";

	private final Ledger ledger;

	private final RecordingConsents recording;

	private final Policies policies;

	private final Clock clock;

	private final ContactIndexes indexes;

	RequestedChoices(Ledger ledger, RecordingConsents recording, Policies policies, Clock clock,
			ContactIndexes indexes) {
		this.ledger = ledger;
		this.indexes = indexes;
		this.recording = recording;
		this.policies = policies;
		this.clock = clock;
	}

	/**
	 * After an erasure of a subject holding a number, in its transaction: the journal of
	 * changes to the contact facts keeps no row naming that number, even while the kept
	 * subject row still holds it (the indexes of the controller are built again whole).
	 */
	@Transactional
	public void erased(String controllerId) {
		this.indexes.forgetJournal(controllerId);
	}

	/**
	 * The consent-ledger entries about the subject, by its id or by its telephone number
	 * or e-mail address: the evidence of consents and objections, which an erasure leaves
	 * as it is (the ledger is append-only, and an objection must keep being honoured).
	 */
	@Transactional(readOnly = true)
	public List<UUID> evidence(String controllerId, UUID subjectId, @Nullable String phone, @Nullable String email) {
		Set<UUID> ids = new LinkedHashSet<>();
		this.ledger
			.of(controllerId, List.of(subjectId), (phone != null) ? List.of(phone) : List.of(),
					(email != null) ? List.of(email) : List.of())
			.forEach((e) -> ids.add(e.id()));
		return new ArrayList<>(ids);
	}

	/**
	 * Records the subject's objection; answers what was recorded, as
	 * {@code purpose/scope}.
	 */
	@Transactional
	public List<String> object(String controllerId, UUID subjectId, UUID requestId) {
		Policy policy = this.policies.current(controllerId);
		List<String> purposes = new ArrayList<>();
		if (policy.marketing() != null) {
			purposes.add(policy.marketing().purpose());
		}
		for (Policy.Purpose p : policy.purposes()) {
			if (p.legalBasis().contains(Policy.LegalBasis.LEGITIMATE_INTEREST) && !purposes.contains(p.id())) {
				purposes.add(p.id());
			}
		}
		List<String> recorded = new ArrayList<>();
		for (String purpose : purposes) {
			append(controllerId, subjectId, requestId, purpose, ChannelScope.AUTOMATED, LedgerEntry.Kind.OBJECTED);
			recorded.add(purpose + "/" + ChannelScope.AUTOMATED);
		}
		return recorded;
	}

	/**
	 * Withdraws every consent the subject's ledger shows as given now; answers what was
	 * withdrawn, as {@code purpose/scope}.
	 */
	@Transactional
	public List<String> withdraw(String controllerId, UUID subjectId, UUID requestId) {
		Instant now = this.clock.instant();
		Map<String, LedgerEntry> latest = new LinkedHashMap<>();
		for (LedgerEntry e : this.ledger.of(controllerId, List.of(subjectId), List.of(), List.of())) {
			if (!e.occurredAt().isAfter(now)) {
				latest.merge(e.purpose() + "/" + e.scope(), e,
						(a, b) -> b.occurredAt().isBefore(a.occurredAt()) ? a : b);
			}
		}
		List<String> recorded = new ArrayList<>();
		for (Map.Entry<String, LedgerEntry> e : latest.entrySet()) {
			if (e.getValue().event() == LedgerEntry.Kind.GIVEN) {
				append(controllerId, subjectId, requestId, e.getValue().purpose(), e.getValue().scope(),
						LedgerEntry.Kind.WITHDRAWN);
				recorded.add(e.getKey());
			}
		}
		return recorded;
	}

	private void append(String controllerId, UUID subjectId, UUID requestId, String purpose, String scope,
			LedgerEntry.Kind kind) {
		Instant now = this.clock.instant();
		int version = this.policies.controller(controllerId).currentVersion();
		this.recording.record(new LedgerEntry(UUID.randomUUID(), controllerId, subjectId, null, null, purpose, scope,
				kind, now, now, METHOD,
				new LedgerEntry.Evidence(METHOD, "request " + requestId, String.valueOf(version), null, false)));
	}

}
