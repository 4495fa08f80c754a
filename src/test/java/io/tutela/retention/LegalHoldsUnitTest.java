package io.tutela.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tutela.policy.RecordKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hold covers: its subject, its record kind, its window (start included, end not).
 */
class LegalHoldsUnitTest {

	static final UUID SUBJECT = UUID.fromString("6f1c2a1e-0000-4000-8000-000000000001");

	static final Instant FROM = Instant.parse("2026-03-28T23:00:00Z");

	static final Instant UNTIL = Instant.parse("2026-03-30T22:00:00Z");

	@Test
	void aHoldCoversItsSubjectKindAndWindowOnly() {
		LegalHolds.Scope hold = new LegalHolds.Scope(UUID.randomUUID(), "court_order", SUBJECT, "cdr", FROM, UNTIL);
		assertThat(hold.covers(SUBJECT, RecordKind.CDR, FROM)).isTrue();
		assertThat(hold.covers(SUBJECT, RecordKind.CDR, UNTIL.minusSeconds(1))).isTrue();
		assertThat(hold.covers(SUBJECT, RecordKind.CDR, UNTIL)).isFalse();
		assertThat(hold.covers(SUBJECT, RecordKind.CDR, FROM.minusSeconds(1))).isFalse();
		assertThat(hold.covers(UUID.randomUUID(), RecordKind.CDR, FROM)).isFalse();
		assertThat(hold.covers(null, RecordKind.CDR, FROM)).isFalse();
		assertThat(hold.covers(SUBJECT, RecordKind.INVOICE, FROM)).isFalse();
	}

	@Test
	void anOpenHoldCoversEverything() {
		LegalHolds.Scope hold = new LegalHolds.Scope(UUID.randomUUID(), "dispute", null, null, null, null);
		assertThat(hold.covers(null, RecordKind.SUBJECT, Instant.EPOCH)).isTrue();
		assertThat(LegalHolds.sql(List.of(hold), "subject_id", "start_at")).isEqualTo("((TRUE))");
		assertThat(LegalHolds.sql(List.of(), "subject_id", "start_at")).isEqualTo("FALSE");
	}

	@Test
	void theSqlConditionNamesTheSubjectAndTheWindow() {
		LegalHolds.Scope hold = new LegalHolds.Scope(UUID.randomUUID(), "court_order", SUBJECT, null, FROM, UNTIL);
		assertThat(LegalHolds.sql(List.of(hold), "s", "t")).isEqualTo("((TRUE AND s = '" + SUBJECT
				+ "'::uuid AND t >= '" + FROM + "'::timestamptz AND t < '" + UNTIL + "'::timestamptz))");
	}

}
