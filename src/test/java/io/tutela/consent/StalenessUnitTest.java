package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy.Channel;

import static io.tutela.consent.ContactDecisionUnitTest.ROME;
import static io.tutela.consent.ContactDecisionUnitTest.rome;
import static org.assertj.core.api.Assertions.assertThat;

class StalenessUnitTest {

	static final Terms TERMS = new Terms("marketing", EnumSet.allOf(Channel.class), false, null, true,
			Period.ofDays(30), Period.ofDays(15), ROME);

	final RegisterSnapshots.Snapshot snapshot = new RegisterSnapshots.Snapshot(UUID.randomUUID(), "connext",
			LocalDate.parse("2025-05-01"), Instant.parse("2025-05-01T08:00:00Z"), "dpo", null, 10);

	@Test
	void aCheckMayBeDialledThroughTheFifteenthDayAfterIt() {
		// checked on 2 May 2025 at 23:30 in Rome: dialled through 17 May, stale on 18 May
		Instant checked = rome("2025-05-02T23:30");
		assertThat(Staleness.of(TERMS, checked, this.snapshot.id(), this.snapshot, rome("2025-05-17T23:59"))).isEmpty();
		assertThat(Staleness.of(TERMS, checked, this.snapshot.id(), this.snapshot, rome("2025-05-18T00:00")))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("through 2025-05-17"));
	}

	@Test
	void aNewerSnapshotMakesTheCheckStale() {
		Instant checked = rome("2025-05-02T10:00");
		RegisterSnapshots.Snapshot newer = new RegisterSnapshots.Snapshot(UUID.randomUUID(), "connext",
				LocalDate.parse("2025-05-03"), rome("2025-05-03T10:00"), "dpo", null, 11);
		assertThat(Staleness.of(TERMS, checked, this.snapshot.id(), newer, rome("2025-05-03T11:00")))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("newer register snapshot"));
		assertThat(Staleness.of(TERMS, checked, null, this.snapshot, rome("2025-05-03T11:00"))).isPresent();
	}

}
