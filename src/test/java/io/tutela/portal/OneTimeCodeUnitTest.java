package io.tutela.portal;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a code given at some instant means, from its stored hash, expiry and attempts. */
class OneTimeCodeUnitTest {

	private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

	private static final Instant EXPIRES = CREATED.plusSeconds(600);

	private final OneTimeCodes.Stored stored = new OneTimeCodes.Stored(UUID.randomUUID(), "aa11", EXPIRES, 0);

	@Test
	void theRightCodeInTimeSignsIn() {
		assertThat(this.stored.check("123456", "aa11", CREATED.plusSeconds(599), 5))
			.isEqualTo(OneTimeCodes.Outcome.SIGNED_IN);
	}

	@Test
	void aCodeWhoseHashDiffersIsWrong() {
		assertThat(this.stored.check("123457", "bb22", CREATED.plusSeconds(1), 5))
			.isEqualTo(OneTimeCodes.Outcome.WRONG);
	}

	@Test
	void anythingButSixDigitsIsWrongEvenWithTheSameHash() {
		assertThat(this.stored.check("12345", "aa11", CREATED.plusSeconds(1), 5)).isEqualTo(OneTimeCodes.Outcome.WRONG);
		assertThat(this.stored.check("12345a", "aa11", CREATED.plusSeconds(1), 5))
			.isEqualTo(OneTimeCodes.Outcome.WRONG);
	}

	@Test
	void atItsExpiryTheCodeNoLongerWorks() {
		assertThat(this.stored.check("123456", "aa11", EXPIRES, 5)).isEqualTo(OneTimeCodes.Outcome.EXPIRED);
		assertThat(this.stored.check("123456", "aa11", EXPIRES.plusSeconds(3600), 5))
			.isEqualTo(OneTimeCodes.Outcome.EXPIRED);
	}

	@Test
	void afterTheLastAttemptEvenTheRightCodeIsRefused() {
		OneTimeCodes.Stored tried = new OneTimeCodes.Stored(UUID.randomUUID(), "aa11", EXPIRES, 5);
		assertThat(tried.check("123456", "aa11", CREATED.plusSeconds(1), 5))
			.isEqualTo(OneTimeCodes.Outcome.TOO_MANY_ATTEMPTS);
		OneTimeCodes.Stored almost = new OneTimeCodes.Stored(UUID.randomUUID(), "aa11", EXPIRES, 4);
		assertThat(almost.check("123456", "aa11", CREATED.plusSeconds(1), 5)).isEqualTo(OneTimeCodes.Outcome.SIGNED_IN);
	}

}
