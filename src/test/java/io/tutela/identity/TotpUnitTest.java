package io.tutela.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tutela.identity.Totp.Algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TotpUnitTest {

	private static final byte[] SEED_SHA1 = ascii("12345678901234567890");

	private static final byte[] SEED_SHA256 = ascii("12345678901234567890123456789012");

	private static final byte[] SEED_SHA512 = ascii("1234567890123456789012345678901234567890123456789012345678901234");

	private static final Instant NOW = Instant.parse("2025-06-01T10:00:15Z");

	// fixed secrets keep the tests deterministic: a random one could, once in a million
	// runs, give two steps of the window the same code
	private final byte[] secret = ascii("a secret for these tests only");

	private final byte[] otherSecret = ascii("another secret for these tests");

	/** RFC 6238 Appendix B: every row of the table, with its time step T. */
	static Stream<Arguments> rfc6238() {
		return Stream
			.of(row(59L, 0x1L, "94287082", "46119246", "90693936"),
					row(1111111109L, 0x23523ECL, "07081804", "68084774", "25091201"),
					row(1111111111L, 0x23523EDL, "14050471", "67062674", "99943326"),
					row(1234567890L, 0x273EF07L, "89005924", "91819424", "93441116"),
					row(2000000000L, 0x3F940AAL, "69279037", "90698825", "38618901"),
					row(20000000000L, 0x27BC86AAL, "65353130", "77737706", "47863826"))
			.flatMap((s) -> s);
	}

	private static Stream<Arguments> row(long time, long step, String sha1, String sha256, String sha512) {
		return Stream.of(Arguments.of(time, step, Algorithm.SHA1, SEED_SHA1, sha1),
				Arguments.of(time, step, Algorithm.SHA256, SEED_SHA256, sha256),
				Arguments.of(time, step, Algorithm.SHA512, SEED_SHA512, sha512));
	}

	@ParameterizedTest(name = "{2} at {0}: {4}")
	@MethodSource("rfc6238")
	void matchesTheTestVectorsOfRfc6238(long time, long step, Algorithm algorithm, byte[] seed, String expected) {
		Totp totp = new Totp(algorithm, 8);
		Instant at = Instant.ofEpochSecond(time);
		assertThat(Totp.step(at)).isEqualTo(step);
		assertThat(totp.code(seed, at)).isEqualTo(expected);
		assertThat(totp.verify(seed, expected, at, 0)).hasValue(step);
	}

	@Test
	void matchesTheHotpTestVectorsOfRfc4226AsSuccessiveSteps() {
		String[] expected = { "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
				"520489" };
		for (int counter = 0; counter < expected.length; counter++) {
			assertThat(Totp.DEFAULT.code(SEED_SHA1, Instant.ofEpochSecond(30L * counter + 29)))
				.as("counter %d", counter)
				.isEqualTo(expected[counter]);
		}
	}

	@Test
	void sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
		Instant at = Instant.ofEpochSecond(1111111109L);
		assertThat(Totp.DEFAULT.code(SEED_SHA1, at)).isEqualTo("081804");
		assertThat(new Totp(Algorithm.SHA256, 6).code(SEED_SHA256, at)).isEqualTo("084774");
	}

	@Test
	void aCodeIsTheSameThroughoutItsStepAndChangesAtTheNext() {
		Instant start = Instant.ofEpochSecond(1_750_000_020L);
		String code = Totp.DEFAULT.code(this.secret, start);
		assertThat(Totp.DEFAULT.code(this.secret, start.plusSeconds(29).plusMillis(999))).isEqualTo(code);
		assertThat(Totp.step(start.plusSeconds(30))).isEqualTo(Totp.step(start) + 1);
		assertThat(Totp.DEFAULT.code(this.secret, start.plusSeconds(30))).hasSize(6).containsOnlyDigits();
	}

	@Test
	void theWindowAcceptsNeighbouringStepsAndNoFurther() {
		long now = Totp.step(NOW);
		for (int offset = -2; offset <= 2; offset++) {
			String code = Totp.DEFAULT.codeAt(this.secret, now + offset);
			OptionalLong withWindow1 = Totp.DEFAULT.verify(this.secret, code, NOW, 1);
			if (Math.abs(offset) <= 1) {
				assertThat(withWindow1).as("offset %d", offset).hasValue(now + offset);
			}
			else {
				assertThat(withWindow1).as("offset %d", offset).isEmpty();
			}
			assertThat(Totp.DEFAULT.verify(this.secret, code, NOW, 2)).hasValue(now + offset);
		}
		String previous = Totp.DEFAULT.codeAt(this.secret, now - 1);
		assertThat(Totp.DEFAULT.verify(this.secret, previous, NOW, 0)).isEmpty();
	}

	@Test
	void aStepAlreadyUsedIsNotAcceptedAgain() {
		String code = Totp.DEFAULT.code(this.secret, NOW);
		OptionalLong first = Totp.DEFAULT.verify(this.secret, code, NOW, 1, Long.MIN_VALUE);
		assertThat(first).hasValue(Totp.step(NOW));
		// the same code replayed a few seconds later, still within its step and window
		assertThat(Totp.DEFAULT.verify(this.secret, code, NOW.plusSeconds(5), 1, first.getAsLong())).isEmpty();
		assertThat(Totp.DEFAULT.verify(this.secret, code, NOW.plusSeconds(30), 1, first.getAsLong())).isEmpty();
		// an older code after a newer one was used is refused as well
		String older = Totp.DEFAULT.codeAt(this.secret, Totp.step(NOW) - 1);
		assertThat(Totp.DEFAULT.verify(this.secret, older, NOW, 1, first.getAsLong())).isEmpty();
		// the next step's code is fine
		String next = Totp.DEFAULT.code(this.secret, NOW.plusSeconds(30));
		assertThat(Totp.DEFAULT.verify(this.secret, next, NOW.plusSeconds(30), 1, first.getAsLong()))
			.hasValue(first.getAsLong() + 1);
	}

	@Test
	void wrongOrMalformedCodesAreRefused() {
		String code = Totp.DEFAULT.code(this.secret, NOW);
		String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
		assertThat(Totp.DEFAULT.verify(this.secret, wrong, NOW, 1)).isEmpty();
		assertThat(Totp.DEFAULT.verify(this.otherSecret, code, NOW, 1)).isEmpty();
		assertThat(Totp.DEFAULT.verify(this.secret, code.substring(1), NOW, 1)).isEmpty();
		assertThat(Totp.DEFAULT.verify(this.secret, code + "0", NOW, 1)).isEmpty();
		assertThat(Totp.DEFAULT.verify(this.secret, "", NOW, 1)).isEmpty();
		assertThat(Totp.DEFAULT.verify(this.secret, "12a456", NOW, 1)).isEmpty();
		assertThat(Totp.DEFAULT.verify(this.secret, "١٢٣٤٥٦", NOW, 1)).as("non-ASCII digits").isEmpty();
		assertThat(new Totp(Algorithm.SHA1, 8).verify(this.secret, code, NOW, 1)).as("6 digits where 8 are due")
			.isEmpty();
		assertThat(new Totp(Algorithm.SHA256, 6).verify(this.secret, code, NOW, 1)).as("another algorithm").isEmpty();
	}

	@Test
	void spacesTypedInACodeAreIgnored() {
		String code = Totp.DEFAULT.code(this.secret, NOW);
		String spaced = " " + code.substring(0, 3) + " " + code.substring(3) + " ";
		assertThat(Totp.DEFAULT.verify(this.secret, spaced, NOW, 0)).hasValue(Totp.step(NOW));
	}

	@Test
	void newSecretsAreRandomAndAsLongAsTheHash() {
		assertThat(Totp.newSecret()).hasSize(20).isNotEqualTo(Totp.newSecret());
		assertThat(Totp.newSecret(Algorithm.SHA256)).hasSize(32);
		assertThat(Totp.newSecret(Algorithm.SHA512)).hasSize(64);
	}

	@Test
	void refusesWhatCannotBeRight() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Totp(Algorithm.SHA1, 7));
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.DEFAULT.code(new byte[15], NOW));
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.DEFAULT.verify(this.secret, "123456", NOW, -1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Totp.DEFAULT.verify(this.secret, "123456", NOW, Totp.MAXIMUM_WINDOW + 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.step(Instant.ofEpochSecond(-1)));
	}

	@Test
	void itsTextNamesNoSecret() {
		assertThat(Totp.DEFAULT).hasToString("Totp[algorithm=SHA1, digits=6]");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
