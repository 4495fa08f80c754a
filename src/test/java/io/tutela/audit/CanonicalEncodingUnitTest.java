package io.tutela.audit;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalEncodingUnitTest {

	static AuditEvent sample() {
		return new AuditEvent(Instant.parse("2025-01-15T09:30:00.123456789Z"), "m.rossi", "OPERATOR", "ipkom",
				"subject.read", List.of("42", "43"), "identity", "contract", "success", "10.0.0.7");
	}

	@Test
	void encodesTheFieldsInOrderSeparatedByTabsWithTheTimeInMicroseconds() {
		assertThat(CanonicalEncoding.canonical(1, sample())).isEqualTo(
				"1\t2025-01-15T09:30:00.123456Z\tm.rossi\tOPERATOR\tipkom\tsubject.read\t42,43\tidentity\tcontract\tsuccess\t10.0.0.7");
	}

	@Test
	void theHashIsSha256OfThePreviousHashFollowedByTheEncoding() {
		// printf '%s' "$(printf '0%.0s' {1..64})<encoding above>" | sha256sum
		assertThat(new CanonicalEncoding().hash(CanonicalEncoding.GENESIS, 1, sample()))
			.isEqualTo("08b4fd23493cb225f6ab969781c3a42b2eccfbeea5160cd81b0830a570998422");
	}

	@Test
	void escapesSeparatorsAndTellsNullFromTheTextBackslashN() {
		AuditEvent event = new AuditEvent(Instant.parse("2025-01-15T09:30:00Z"), "a\\b\tc\nd", "system", null,
				"x.update", List.of(), "cat,egory", "\\N", "denied", null);
		assertThat(CanonicalEncoding.canonical(2, event)).isEqualTo(
				"2\t2025-01-15T09:30:00.000000Z\ta\\\\b\\tc\\nd\tsystem\t\\N\tx.update\t\tcat\\,egory\t\\\\N\tdenied\t\\N");
	}

	@Test
	void aCommaInsideAnIdCannotBeConfusedWithTwoIds() {
		AuditEvent one = new AuditEvent(Instant.EPOCH, "a", "r", null, "x.read", List.of("1,2"), null, null, "success",
				null);
		AuditEvent two = new AuditEvent(Instant.EPOCH, "a", "r", null, "x.read", List.of("1", "2"), null, null,
				"success", null);
		assertThat(CanonicalEncoding.canonical(1, one)).isNotEqualTo(CanonicalEncoding.canonical(1, two));
	}

	@Test
	void everyFieldChangesTheHash() {
		CanonicalEncoding encoding = new CanonicalEncoding();
		AuditEvent base = sample();
		String hash = encoding.hash(CanonicalEncoding.GENESIS, 1, base);
		List<AuditEvent> variants = List.of(
				new AuditEvent(base.occurredAt().plusNanos(1000), base.actor(), base.actorRole(), base.controllerId(),
						base.action(), base.targetIds(), base.category(), base.purpose(), base.outcome(),
						base.clientAddress()),
				new AuditEvent(base.occurredAt(), "m.bianchi", base.actorRole(), base.controllerId(), base.action(),
						base.targetIds(), base.category(), base.purpose(), base.outcome(), base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), "DPO", base.controllerId(), base.action(),
						base.targetIds(), base.category(), base.purpose(), base.outcome(), base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), base.actorRole(), null, base.action(), base.targetIds(),
						base.category(), base.purpose(), base.outcome(), base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), base.actorRole(), base.controllerId(), "subject.update",
						base.targetIds(), base.category(), base.purpose(), base.outcome(), base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), base.actorRole(), base.controllerId(), base.action(),
						List.of("42"), base.category(), base.purpose(), base.outcome(), base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), base.actorRole(), base.controllerId(), base.action(),
						base.targetIds(), "contact", base.purpose(), base.outcome(), base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), base.actorRole(), base.controllerId(), base.action(),
						base.targetIds(), base.category(), "marketing", base.outcome(), base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), base.actorRole(), base.controllerId(), base.action(),
						base.targetIds(), base.category(), base.purpose(), "denied", base.clientAddress()),
				new AuditEvent(base.occurredAt(), base.actor(), base.actorRole(), base.controllerId(), base.action(),
						base.targetIds(), base.category(), base.purpose(), base.outcome(), "10.0.0.8"));
		for (AuditEvent variant : variants) {
			assertThat(encoding.hash(CanonicalEncoding.GENESIS, 1, variant)).isNotEqualTo(hash);
		}
		assertThat(encoding.hash(CanonicalEncoding.GENESIS, 2, base)).as("the seq is hashed too").isNotEqualTo(hash);
		assertThat(encoding.hash("f".repeat(64), 1, base)).as("so is the previous hash").isNotEqualTo(hash);
	}

	@Test
	void timesHaveAFourDigitYearAndSixFractionalDigits() {
		assertThat(CanonicalEncoding.time(Instant.parse("0999-03-04T05:06:07Z")))
			.isEqualTo("0999-03-04T05:06:07.000000Z");
		assertThat(CanonicalEncoding.time(Instant.parse("2025-12-31T23:59:59.000001Z")))
			.isEqualTo("2025-12-31T23:59:59.000001Z");
	}

	@Test
	void anEventKeepsItsTimeToTheMicrosecondAndRefusesMissingFields() {
		assertThat(sample().occurredAt()).isEqualTo(Instant.parse("2025-01-15T09:30:00.123456Z"));
		assertThatThrownBy(
				() -> new AuditEvent(Instant.EPOCH, " ", "r", null, "x.read", List.of(), null, null, "success", null))
			.hasMessageContaining("actor");
		assertThatThrownBy(
				() -> new AuditEvent(Instant.EPOCH, "a", "r", null, "x.read", List.of(""), null, null, "success", null))
			.hasMessageContaining("targetIds");
		assertThatThrownBy(() -> new AuditEvent(Instant.EPOCH, "a", "r", null, "x.read", List.of(), "nul\0", null,
				"success", null))
			.hasMessageContaining("NUL");
	}

	@Test
	void aReadOfPersonalDataIsASuccessfulReadVerbWithTargets() {
		assertThat(sample().isPersonalDataRead()).isTrue();
		AuditEvent.Builder read = AuditEvent.builder(Instant.EPOCH, "a", "OPERATOR", "vault.query").target(1);
		assertThat(read.build().isPersonalDataRead()).isTrue();
		assertThat(read.outcome(AuditEvent.DENIED).build().isPersonalDataRead()).isFalse();
		assertThat(AuditEvent.builder(Instant.EPOCH, "a", "OPERATOR", "subject.update")
			.target(1)
			.build()
			.isPersonalDataRead()).isFalse();
		assertThat(AuditEvent.builder(Instant.EPOCH, "a", "OPERATOR", "audit.search").build().isPersonalDataRead())
			.as("a search that names no record read nothing")
			.isFalse();
	}

}
