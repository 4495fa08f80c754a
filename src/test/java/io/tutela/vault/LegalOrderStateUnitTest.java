package io.tutela.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a legal order stands, on both sides of its deadline for validation. */
class LegalOrderStateUnitTest {

	static final Instant ISSUED = Instant.parse("2026-03-28T22:00:00Z");

	static final Instant DEADLINE = ISSUED.plus(Duration.ofHours(96));

	static LegalOrder order(@Nullable Instant validateBy, @Nullable Instant validatedAt, @Nullable Instant refusedAt,
			@Nullable Instant revokedAt) {
		return new LegalOrder(UUID.randomUUID(), "conecto", "urgent_prosecutor_decree", "Procura", "PROC-MI", "1",
				ISSUED, ISSUED, "art132", null, ISSUED.minus(Duration.ofDays(30)), ISSUED, 10, validateBy, validatedAt,
				null, refusedAt, revokedAt, "liaison", ISSUED, List.of());
	}

	@Test
	void anOrderWithoutValidationIsInForceUntilRevoked() {
		assertThat(order(null, null, null, null).state(ISSUED.plus(Duration.ofDays(3650))))
			.isEqualTo(LegalOrder.State.ACTIVE);
		assertThat(order(null, null, null, ISSUED).state(ISSUED)).isEqualTo(LegalOrder.State.REVOKED);
		assertThat(LegalOrder.State.REVOKED.answerable()).isFalse();
	}

	@Test
	void anUrgentDecreeLapsesTheMomentItsTimeForValidationEnds() {
		LegalOrder urgent = order(DEADLINE, null, null, null);
		assertThat(urgent.state(DEADLINE.minusSeconds(1))).isEqualTo(LegalOrder.State.AWAITING_VALIDATION);
		assertThat(urgent.state(DEADLINE)).isEqualTo(LegalOrder.State.LAPSED);
		assertThat(LegalOrder.State.AWAITING_VALIDATION.answerable()).isTrue();
		assertThat(LegalOrder.State.LAPSED.answerable()).isFalse();
		assertThat(LegalOrder.State.LAPSED.answersUnusable()).isTrue();
	}

	@Test
	void anAnswerHandedOverIsWatchedLikeAnyReadOfPersonalData() {
		// the audit log's rules of anomalous use (mass reads, reads outside working
		// hours)
		// look at the reads it records: an answer's audit event is one
		io.tutela.audit.AuditEvent answer = io.tutela.audit.AuditEvent
			.builder(ISSUED, "liaison", "judicial_liaison", "vault.order.read")
			.targets(List.of(UUID.randomUUID(), "vault-record:0a1b2c"))
			.outcome(io.tutela.audit.AuditEvent.SUCCESS)
			.build();
		assertThat(answer.isPersonalDataRead()).isTrue();
	}

	@Test
	void aValidatedDecreeStaysAnswerableAndARefusedOneIsNot() {
		assertThat(order(DEADLINE, DEADLINE.minusSeconds(60), null, null).state(DEADLINE.plus(Duration.ofDays(9))))
			.isEqualTo(LegalOrder.State.VALIDATED);
		LegalOrder refused = order(DEADLINE, null, ISSUED.plus(Duration.ofHours(50)), null);
		assertThat(refused.state(ISSUED.plus(Duration.ofHours(60)))).isEqualTo(LegalOrder.State.VALIDATION_REFUSED);
		assertThat(LegalOrder.State.VALIDATION_REFUSED.answerable()).isFalse();
		assertThat(LegalOrder.State.VALIDATION_REFUSED.answersUnusable()).isTrue();
	}

}
