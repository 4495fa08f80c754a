package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RightsRequestUnitTest {

	private static final ZoneId ROME = ZoneId.of("Europe/Rome");

	private static final LocalDate DUE = LocalDate.of(2026, 2, 28);

	private static final Instant BEFORE_DUE = Instant.parse("2026-02-20T10:00:00Z");

	private final RightsRequest received = new RightsRequest(UUID.randomUUID(), "conecto", Policy.Right.ACCESS,
			UUID.randomUUID(), null, false, null, Policy.RequestChannel.EMAIL, false,
			Instant.parse("2026-01-31T10:00:00Z"), null, RequestState.RECEIVED, DUE, DUE, false, null, null, false);

	@Test
	void walksFromReceivedToAnswered() {
		RightsRequest answered = this.received.verifyIdentity().start().answer(BEFORE_DUE);
		assertThat(answered.state()).isEqualTo(RequestState.ANSWERED);
		assertThat(answered.closedAt()).isEqualTo(BEFORE_DUE);
	}

	@Test
	void cannotBeExecutedBeforeIdentityIsVerified() {
		assertThatThrownBy(this.received::start).isInstanceOf(TransitionRefused.class)
			.extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-identity-not-verified");
	}

	@Test
	void identityIsVerifiedOnce() {
		assertThatThrownBy(() -> this.received.verifyIdentity().verifyIdentity())
			.extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-state-conflict");
	}

	@Test
	void nothingHappensToAClosedRequest() {
		RightsRequest denied = this.received.deny(BEFORE_DUE);
		assertThat(denied.state()).isEqualTo(RequestState.DENIED);
		assertThatThrownBy(() -> denied.deny(BEFORE_DUE)).extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-closed");
		assertThatThrownBy(() -> denied.extend(DUE.plusMonths(1), DUE.plusMonths(2), BEFORE_DUE, ROME))
			.extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-closed");
	}

	@Test
	void extendsOnceWithinTheFirstDeadlineAndTheLongestExtension() {
		LocalDate latest = DUE.plusMonths(2);
		RightsRequest extended = this.received.extend(DUE.plusMonths(1), latest, BEFORE_DUE, ROME);
		assertThat(extended.dueOn()).isEqualTo(DUE.plusMonths(1));
		assertThat(extended.firstDueOn()).isEqualTo(DUE);
		assertThat(extended.extended()).isTrue();
		assertThatThrownBy(() -> extended.extend(latest, latest, BEFORE_DUE, ROME))
			.extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-already-extended");
		assertThatThrownBy(() -> this.received.extend(latest.plusDays(1), latest, BEFORE_DUE, ROME))
			.extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-extension-too-long");
		assertThatThrownBy(() -> this.received.extend(DUE, DUE, BEFORE_DUE, ROME))
			.extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-extension-not-offered");
	}

	@Test
	void noExtensionOnceTheFirstDeadlineHasPassed() {
		// 28 February ends at 23:00 UTC in Rome
		assertThat(
				this.received.extend(DUE.plusMonths(1), DUE.plusMonths(2), Instant.parse("2026-02-28T22:59:00Z"), ROME)
					.extended())
			.isTrue();
		assertThatThrownBy(() -> this.received.extend(DUE.plusMonths(1), DUE.plusMonths(2),
				Instant.parse("2026-02-28T23:00:00Z"), ROME))
			.extracting((e) -> ((TransitionRefused) e).problem())
			.isEqualTo("request-deadline-passed");
	}

}
