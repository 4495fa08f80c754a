package io.tutela.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainUnitTest {

	static List<AuditEntry> chain(int size) {
		List<AuditEvent> events = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			events.add(AuditEvent
				.builder(Instant.parse("2025-01-15T09:30:00Z").plusSeconds(i), "op" + (i % 3), "OPERATOR",
						(i % 2 == 0) ? "subject.read" : "contract.update")
				.controller("ipkom")
				.target(1000 + i)
				.build());
		}
		return AuditLog.chain(new AuditEntries.Head(0, CanonicalEncoding.GENESIS), events, new CanonicalEncoding());
	}

	static VerificationResult verify(List<AuditEntry> entries) {
		ChainVerifier verifier = new ChainVerifier();
		for (AuditEntry entry : entries) {
			if (!verifier.accept(entry)) {
				break;
			}
		}
		return verifier.result();
	}

	static AuditEntry withActor(AuditEntry e, String actor) {
		return new AuditEntry(e.seq(), e.occurredAt(), actor, e.actorRole(), e.controllerId(), e.action(),
				e.targetIds(), e.category(), e.purpose(), e.outcome(), e.clientAddress(), e.prevHash(), e.hash());
	}

	@Test
	void aChainStartsAtOneFromTheGenesisHashAndLinksEachEventToTheOneBefore() {
		List<AuditEntry> entries = chain(5);
		assertThat(entries.get(0).seq()).isEqualTo(1);
		assertThat(entries.get(0).prevHash()).isEqualTo("0".repeat(64));
		for (int i = 1; i < entries.size(); i++) {
			assertThat(entries.get(i).seq()).isEqualTo(i + 1);
			assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).hash());
		}
		VerificationResult result = verify(entries);
		assertThat(result.ok()).isTrue();
		assertThat(result.eventsChecked()).isEqualTo(5);
		assertThat(result.firstBrokenSeq()).isNull();
		assertThat(result.lastSeq()).isEqualTo(5);
		assertThat(result.lastHash()).isEqualTo(entries.get(4).hash());
	}

	@Test
	void anEmptyChainIsIntact() {
		VerificationResult result = verify(List.of());
		assertThat(result.ok()).isTrue();
		assertThat(result.eventsChecked()).isZero();
		assertThat(result.lastHash()).isNull();
	}

	@Test
	void anAlteredEventIsNamed() {
		List<AuditEntry> entries = new ArrayList<>(chain(6));
		entries.set(3, withActor(entries.get(3), "mallory"));
		VerificationResult result = verify(entries);
		assertThat(result.ok()).isFalse();
		assertThat(result.firstBrokenSeq()).isEqualTo(4);
		assertThat(result.eventsChecked()).isEqualTo(3);
		assertThat(result.reason()).contains("hash of seq 4 does not match its content");
	}

	@Test
	void anEventRewrittenWithARecomputedHashBreaksTheNextLink() {
		List<AuditEntry> entries = new ArrayList<>(chain(6));
		AuditEntry original = entries.get(2);
		AuditEntry forged = withActor(original, "mallory");
		String rehash = new CanonicalEncoding().hash(forged.prevHash(), forged.seq(), forged.event());
		entries.set(2, AuditEntry.of(forged.seq(), forged.event(), forged.prevHash(), rehash));
		VerificationResult result = verify(entries);
		assertThat(result.firstBrokenSeq()).isEqualTo(4);
		assertThat(result.reason()).contains("prev_hash of seq 4").contains("seq 3 was rewritten");
	}

	@Test
	void aRemovedEventIsNamedByTheGap() {
		List<AuditEntry> entries = new ArrayList<>(chain(6));
		entries.remove(2);
		VerificationResult result = verify(entries);
		assertThat(result.firstBrokenSeq()).isEqualTo(4);
		assertThat(result.reason()).contains("event 3 is missing");
	}

	@Test
	void swappedEventsAreOutOfOrder() {
		List<AuditEntry> entries = new ArrayList<>(chain(6));
		AuditEntry second = entries.get(1);
		entries.set(1, entries.get(2));
		entries.set(2, second);
		VerificationResult result = verify(entries);
		assertThat(result.firstBrokenSeq()).isEqualTo(3);
	}

	@Test
	void aChainThatDoesNotStartAtGenesisIsBroken() {
		List<AuditEntry> entries = new ArrayList<>(chain(3));
		entries.remove(0);
		assertThat(verify(entries).firstBrokenSeq()).isEqualTo(2);
		List<AuditEvent> events = List.of(chain(1).get(0).event());
		List<AuditEntry> foreign = AuditLog.chain(new AuditEntries.Head(0, "a".repeat(64)), events,
				new CanonicalEncoding());
		VerificationResult result = verify(foreign);
		assertThat(result.firstBrokenSeq()).isEqualTo(1);
		assertThat(result.reason()).contains("genesis");
	}

	@Test
	void aChainContinuesFromItsHead() {
		List<AuditEntry> first = chain(3);
		AuditEntry last = first.get(2);
		List<AuditEntry> more = AuditLog.chain(new AuditEntries.Head(last.seq(), last.hash()),
				List.of(first.get(0).event(), first.get(1).event()), new CanonicalEncoding());
		List<AuditEntry> all = new ArrayList<>(first);
		all.addAll(more);
		assertThat(more.get(0).seq()).isEqualTo(4);
		assertThat(verify(all).ok()).isTrue();
	}

}
