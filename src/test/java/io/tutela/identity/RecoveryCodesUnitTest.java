package io.tutela.identity;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecoveryCodesUnitTest {

	@Test
	void givesTenReadableCodesByDefault() {
		List<String> codes = RecoveryCodes.generate();
		assertThat(codes).hasSize(RecoveryCodes.DEFAULT_COUNT).doesNotHaveDuplicates();
		assertThat(codes).allSatisfy((code) -> assertThat(code)
			.matches("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}"));
	}

	@Test
	void eachCodeHoldsAtLeastSixtyRandomBits() {
		assertThat(RecoveryCodes.ALPHABET).hasSize(32).doesNotContain("i", "l", "o", "u");
		assertThat(RecoveryCodes.ALPHABET.chars().distinct().count()).isEqualTo(32);
		assertThat(RecoveryCodes.ENTROPY_BITS).isEqualTo(80).isGreaterThanOrEqualTo(60);
	}

	@Test
	void codesDoNotRepeatAcrossManyEnrolments() {
		Set<String> seen = new HashSet<>();
		Set<Character> used = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			for (String code : RecoveryCodes.generate()) {
				assertThat(seen.add(code)).as("a new code").isTrue();
				code.replace("-", "").chars().forEach((c) -> used.add((char) c));
			}
		}
		// 160,000 characters drawn: every symbol of the alphabet turns up
		assertThat(used).hasSize(32);
	}

	@Test
	void normalisingForgivesCaseDashesSpacesAndLookAlikes() {
		assertThat(RecoveryCodes.normalise("7kq2-xm9d-4f0t-hw3n")).isEqualTo("7kq2xm9d4f0thw3n");
		assertThat(RecoveryCodes.normalise(" 7KQ2 XM9D\t4F0T-HW3N ")).isEqualTo("7kq2xm9d4f0thw3n");
		assertThat(RecoveryCodes.normalise("7kq2xm9d-4fot-hw3n")).isEqualTo("7kq2xm9d4f0thw3n");
		assertThat(RecoveryCodes.normalise("1111-IiLl")).isEqualTo("11111111");
		assertThat(RecoveryCodes.normalise("ab#c")).as("a stray character is kept").isEqualTo("ab#c");
	}

	@Test
	void aCodeAsTypedHashesLikeTheCodeAsGiven() {
		String code = RecoveryCodes.generate(1).get(0);
		String stored = RecoveryCodes.hash(code);
		assertThat(stored).hasSize(64).matches("[0-9a-f]+");
		String typed = " " + code.toUpperCase(Locale.ROOT).replace("-", " ").replace('0', 'O').replace('1', 'I') + " ";
		assertThat(RecoveryCodes.hash(typed)).isEqualTo(stored);
		assertThat(RecoveryCodes.matches(typed, stored)).isTrue();
	}

	@Test
	void anotherCodeDoesNotMatch() {
		List<String> codes = RecoveryCodes.generate(2);
		String stored = RecoveryCodes.hash(codes.get(0));
		assertThat(RecoveryCodes.matches(codes.get(1), stored)).isFalse();
		assertThat(RecoveryCodes.matches(codes.get(0).substring(1), stored)).isFalse();
		assertThat(RecoveryCodes.matches("", stored)).isFalse();
	}

	@Test
	void theHashIsSha256OfTheNormalisedCode() {
		// echo -n 0123abcd4567efgh | sha256sum
		assertThat(RecoveryCodes.hash("0123-ABCD-4567-EFGH"))
			.isEqualTo("f11bb9d5a8eb1b967ace4e4c881b54f7193ade0abc15508930d5e76c3dd49885");
	}

	@Test
	void refusesSillyCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> RecoveryCodes.generate(0));
		assertThatIllegalArgumentException().isThrownBy(() -> RecoveryCodes.generate(101));
	}

}
