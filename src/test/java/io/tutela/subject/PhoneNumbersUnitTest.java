package io.tutela.subject;

import java.util.SplittableRandom;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tutela.subject.PhoneNumbers.Invalid;
import io.tutela.subject.PhoneNumbers.LineType;
import io.tutela.subject.PhoneNumbers.Valid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PhoneNumbersUnitTest {

	static Valid valid(String text) {
		PhoneNumbers.Result result = PhoneNumbers.normalise(text);
		assertThat(result).as(text).isInstanceOf(Valid.class);
		return (Valid) result;
	}

	static String reason(String text) {
		PhoneNumbers.Result result = PhoneNumbers.normalise(text);
		assertThat(result).as(text).isInstanceOf(Invalid.class);
		return ((Invalid) result).reason();
	}

	@CsvSource(delimiter = '|',
			value = { "+39 06 1234567 | +39061234567", "0039 06 1234567 | +39061234567", "06 1234567 | +39061234567",
					"06-123-4567 | +39061234567", "(06) 1234567 | +39061234567", "  061234567  | +39061234567",
					"02 1234 5678 | +390212345678", "+390212345678 | +390212345678", "011 5612345 | +390115612345" })
	@ParameterizedTest
	void italianFixedLinesKeepTheirLeadingZero(String text, String e164) {
		Valid number = valid(text);
		assertThat(number.e164()).isEqualTo(e164);
		assertThat(number.type()).isEqualTo(LineType.FIXED_LINE);
		assertThat(number.region()).isEqualTo("IT");
		assertThat(number.isItalian()).isTrue();
	}

	@CsvSource(delimiter = '|',
			value = { "333 1234567 | +393331234567", "3331234567 | +393331234567", "+39 333 123 4567 | +393331234567",
					"0039 3331234567 | +393331234567", "+39.347.765.4321 | +393477654321",
					"351 987 6543 | +393519876543" })
	@ParameterizedTest
	void italianMobiles(String text, String e164) {
		Valid number = valid(text);
		assertThat(number.e164()).isEqualTo(e164);
		assertThat(number.type()).isEqualTo(LineType.MOBILE);
		assertThat(number.type().mayBeMobile()).isTrue();
	}

	@Test
	void specialItalianNumbersHaveTheirType() {
		assertThat(valid("800 123456").type()).isEqualTo(LineType.TOLL_FREE);
		assertThat(valid("899 123456").type()).isEqualTo(LineType.PREMIUM_RATE);
		assertThat(valid("800 123456").type().mayBeMobile()).isFalse();
	}

	@CsvSource(delimiter = '|', value = { "+44 20 7946 0958 | +442079460958 | GB | FIXED_LINE",
			"0044 20 7946 0958 | +442079460958 | GB | FIXED_LINE", "+33 1 23 45 67 89 | +33123456789 | FR | FIXED_LINE",
			"+33 6 12 34 56 78 | +33612345678 | FR | MOBILE", "+49 30 123456 | +4930123456 | DE | FIXED_LINE",
			"+1 202-555-0143 | +12025550143 | US | FIXED_LINE_OR_MOBILE" })
	@ParameterizedTest
	void numbersOfOtherCountriesNeedTheirCountryCode(String text, String e164, String region, LineType type) {
		Valid number = valid(text);
		assertThat(number.e164()).isEqualTo(e164);
		assertThat(number.region()).isEqualTo(region);
		assertThat(number.type()).isEqualTo(type);
		assertThat(number.isItalian()).isFalse();
	}

	@Test
	void withAnotherDefaultRegionANationalNumberIsOfThatCountry() {
		assertThat(PhoneNumbers.normalise("020 7946 0958", "GB").orElseThrow().e164()).isEqualTo("+442079460958");
	}

	@CsvSource(delimiter = '|',
			value = { "'' | is empty", "'   ' | is empty", "12 | too short", "06 | too short", "+39 333 12 | too short",
					"0612345678901234 | too long", "333 12345678901 | too long", "1234567 | not a valid Italian number",
					"+999 1234567 | no valid country code", "333 ABCDEFG | contains letters",
					"06 1234567 ext. 12 | contains letters", "- | not a phone number",
					"+44 20 1234 | without its area code", "+44 1000 000000 | not a valid number of GB (+44)" })
	@ParameterizedTest
	void badNumbersAreRefusedWithTheirReason(String text, String reason) {
		assertThat(reason(text)).contains(reason);
		if (!text.isBlank()) {
			assertThat(reason(text)).as("the reason does not repeat the number").doesNotContain(text);
		}
	}

	@Test
	void orElseThrowGivesTheNumberOrTheReason() {
		assertThat(PhoneNumbers.normalise("3331234567").orElseThrow().e164()).isEqualTo("+393331234567");
		assertThatIllegalArgumentException().isThrownBy(() -> PhoneNumbers.normalise("12").orElseThrow())
			.withMessageContaining("too short");
		assertThatIllegalArgumentException().isThrownBy(() -> new Valid("3331234567", "IT", LineType.MOBILE));
	}

	/**
	 * {@code normalise} asks libphonenumber for the type instead of also asking whether
	 * the number is valid: the two must agree on what is valid.
	 */
	@Test
	void validityIsLibphonenumbersOwn() throws NumberParseException {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		SplittableRandom random = new SplittableRandom(39);
		int valid = 0;
		for (int i = 0; i < 20_000; i++) {
			String text = ((i % 3 == 0) ? "+" : "") + random.nextLong(1, 1_000_000_000_000L);
			PhoneNumbers.Result result = PhoneNumbers.normalise(text);
			boolean expected;
			try {
				expected = util.isValidNumber(util.parse(text, "IT"));
			}
			catch (NumberParseException ex) {
				expected = false;
			}
			assertThat(result.isValid()).as(text).isEqualTo(expected);
			valid += result.isValid() ? 1 : 0;
		}
		assertThat(valid).as("the sample holds valid numbers too").isGreaterThan(1_000);
	}

	@Test
	void normalisingAgainChangesNothing() {
		String e164 = valid("0039 06 1234567").e164();
		assertThat(valid(e164).e164()).isEqualTo(e164);
	}

	@Test
	void theCheapPathForCanonicalNumbersGivesTheSameVerdictAsLibphonenumber() {
		SplittableRandom random = new SplittableRandom(340);
		int valid = 0;
		for (int i = 0; i < 50_000; i++) {
			// canonical Italian numbers of every length and first digit, some with a
			// leading 0, some of other countries, some not canonical at all
			String digits = Long.toString(random.nextLong(1, 10_000_000_000_000L));
			String text = switch (i % 5) {
				case 0 -> "+39" + digits;
				case 1 -> "+393" + digits.substring(0, Math.min(digits.length(), 9));
				case 2 -> "+390" + digits.substring(1);
				case 3 -> "+" + digits;
				default -> "+39 " + digits;
			};
			PhoneNumbers.Result result = PhoneNumbers.normalise(text);
			String expected = result.isValid() ? result.orElseThrow().e164() : null;
			assertThat(PhoneNumbers.validE164(text)).as(text).isEqualTo(expected);
			valid += (expected != null) ? 1 : 0;
		}
		assertThat(valid).as("valid numbers among those tried").isGreaterThan(5_000);
		assertThat(PhoneNumbers.validE164("+393401234567")).isEqualTo("+393401234567");
		assertThat(PhoneNumbers.validE164("+3934012")).isNull();
		assertThat(PhoneNumbers.validE164("+39340123456789012")).isNull();
		assertThat(PhoneNumbers.validE164("+39 06 1234567")).isEqualTo("+39061234567");
	}

}
