package io.tutela.subject;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tutela.subject.CodiceFiscale.Invalid;
import io.tutela.subject.CodiceFiscale.Numeric;
import io.tutela.subject.CodiceFiscale.Personal;
import io.tutela.subject.CodiceFiscale.Sex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CodiceFiscaleUnitTest {

	private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

	/**
	 * A code and its seven omocodic forms, from the tests of the Python library
	 * codicefiscale (fabiocaccamo/python-codicefiscale).
	 */
	private static final List<String> OMOCODIC = List.of("CCCFBA85D03L219P", "CCCFBA85D03L21VE", "CCCFBA85D03L2MVP",
			"CCCFBA85D03LNMVE", "CCCFBA85D0PLNMVA", "CCCFBA85DLPLNMVL", "CCCFBA8RDLPLNMVX", "CCCFBAURDLPLNMVU");

	static Personal personal(String text) {
		return (Personal) CodiceFiscale.parse(text);
	}

	static String reason(String text) {
		CodiceFiscale.Result result = CodiceFiscale.parse(text);
		assertThat(result).as(text).isInstanceOf(Invalid.class);
		return ((Invalid) result).reason();
	}

	@ParameterizedTest
	@ValueSource(strings = { "RSSMRA85T10A562S", "RSSMRA75C22H501I", "CCCFBA85D03L219P", "RSSMRA80A41H501Y" })
	void publishedAndComputedCodesAreValid(String code) {
		assertThat(CodiceFiscale.parse(code)).isEqualTo(new Personal(code));
		assertThat(CodiceFiscale.parse(code).isValid()).isTrue();
	}

	@Test
	void spacesAndLowerCaseAreAcceptedAndRemoved() {
		assertThat(CodiceFiscale.parse(" rss mra 85t10 a562s ").orElseThrow().code()).isEqualTo("RSSMRA85T10A562S");
	}

	@Test
	void theCodeIsComputedFromTheDataItEncodes() {
		assertThat(CodiceFiscale.of("Rossi", "Mario", Sex.MALE, LocalDate.of(1985, 12, 10), "A562").code())
			.isEqualTo("RSSMRA85T10A562S");
		assertThat(CodiceFiscale.of("Rossi", "Mario", Sex.MALE, LocalDate.of(1975, 3, 22), "H501").code())
			.isEqualTo("RSSMRA75C22H501I");
		assertThat(CodiceFiscale.of("Rossi", "Maria", Sex.FEMALE, LocalDate.of(1980, 1, 1), "H501").code())
			.isEqualTo("RSSMRA80A41H501Y");
	}

	@Test
	void theDataAreReadBack() {
		Personal code = personal("RSSMRA80A41H501Y");
		assertThat(code.sex()).isEqualTo(Sex.FEMALE);
		assertThat(code.dayOfBirth()).isEqualTo(1);
		assertThat(code.monthOfBirth()).isEqualTo(Month.JANUARY);
		assertThat(code.yearOfBirthInCentury()).isEqualTo(80);
		assertThat(code.birthDate(TODAY)).isEqualTo(LocalDate.of(1980, 1, 1));
		assertThat(code.cadastralCode()).isEqualTo("H501");
		assertThat(code.isOmocodic()).isFalse();
		assertThat(personal("RSSMRA85T10A562S").sex()).isEqualTo(Sex.MALE);
	}

	@CsvSource({ "Rossi, RSS", "Fo, FOX", "Ai, AIX", "De Luca, DLC", "D'Angelo, DNG", "Mantovani, MNT",
			"Brambilla, BRM" })
	@ParameterizedTest
	void surnamesGiveConsonantsThenVowelsThenX(String surname, String letters) {
		assertThat(CodiceFiscale.surnameLetters(surname)).isEqualTo(letters);
	}

	@CsvSource({ "Mario, MRA", "Gianfranco, GFR", "Anna Maria, NMR", "Nicolò, NCL", "Ugo, GUO", "Al, LAX",
			"Alberto, LRT", "Francesca, FNC", "Maria Grazia, MGR" })
	@ParameterizedTest
	void givenNamesWithFourConsonantsSkipTheSecond(String name, String letters) {
		assertThat(CodiceFiscale.givenNameLetters(name)).isEqualTo(letters);
	}

	@Test
	void theCenturyIsTheMostRecentOneBeforeTheReference() {
		Personal thirty = CodiceFiscale.of("Verdi", "Luigi", Sex.MALE, LocalDate.of(1930, 5, 4), "F205");
		assertThat(thirty.birthDate(LocalDate.of(2025, 1, 1))).isEqualTo(LocalDate.of(1930, 5, 4));
		assertThat(thirty.birthDate(LocalDate.of(2030, 5, 4))).isEqualTo(LocalDate.of(2030, 5, 4));
		assertThat(thirty.birthDate(LocalDate.of(2030, 5, 3))).isEqualTo(LocalDate.of(1930, 5, 4));
		Personal leapDay = CodiceFiscale.of("Verdi", "Luigi", Sex.MALE, LocalDate.of(2000, 2, 29), "F205");
		assertThat(leapDay.birthDate(TODAY)).isEqualTo(LocalDate.of(2000, 2, 29));
	}

	@Test
	void aWrongCheckCharacterIsRefused() {
		assertThat(reason("RSSMRA85T10A562T")).contains("check character");
		assertThat(reason("RSSMRA85T10A562Z")).contains("check character");
		// a typo in the middle changes the check character
		assertThat(reason("RSSMRA85T11A562S")).contains("check character");
	}

	@CsvSource(delimiter = '|', value = { "RSSMRA85F10A562S | month letter", "RSSMRA85T32A562S | day of birth is 32",
			"RSSMRA85T00A562S | day of birth is 0", "RSSMRA85T72A562S | day of birth is 72",
			"RSSMRA85D31A562S | day 31 does not exist in april", "RSSMRA85B29A562S | not a leap year",
			"RSSMRA85B70A562S | day 30 does not exist in february", "RSSMR185T10A562S | characters 1–6",
			"RSSMRAA5T10A562S | characters 7–8", "RSSMRA85TA0A562S | characters 10–11",
			"RSSMRA85T101562S | character 12", "RSSMRA85T10AB62S | characters 13–15", "RSSMRA85T10A5628 | character 16",
			"RSSMRA85T10A562$ | other than letters and digits", "RSSMRA85T10A562 | has 15 characters",
			"RSSMRA85T10A562SS | has 17 characters", "'' | is empty", "'   ' | is empty" })
	@ParameterizedTest
	void malformedCodesAreRefusedWithTheirReason(String code, String reason) {
		assertThat(reason(code)).contains(reason);
		if (!code.isBlank()) {
			assertThat(reason(code)).as("the reason does not repeat the value").doesNotContain(code);
		}
	}

	@Test
	void aLeapDayNeedsAYearDivisibleByFour() {
		Personal leapDay = CodiceFiscale.of("Rossi", "Mario", Sex.MALE, LocalDate.of(1984, 2, 29), "H501");
		assertThat(CodiceFiscale.parse(leapDay.code()).isValid()).isTrue();
		assertThat(leapDay.birthDate(TODAY)).isEqualTo(LocalDate.of(1984, 2, 29));
	}

	@Test
	void omocodicFormsAreValidAndMapBackToTheCanonicalCode() {
		Personal canonical = personal(OMOCODIC.get(0));
		for (int level = 0; level < OMOCODIC.size(); level++) {
			Personal form = personal(OMOCODIC.get(level));
			assertThat(form.isOmocodic()).isEqualTo(level > 0);
			assertThat(form.canonical()).isEqualTo(canonical);
			assertThat(canonical.omocodic(level)).isEqualTo(form);
			assertThat(form.birthDate(TODAY)).isEqualTo(LocalDate.of(1985, 4, 3));
			assertThat(form.cadastralCode()).isEqualTo("L219");
			assertThat(form.sex()).isEqualTo(Sex.MALE);
		}
		assertThat(personal("RSSMRA75C22H50MA").canonical().code()).isEqualTo("RSSMRA75C22H501I");
	}

	@Test
	void anyCombinationOfOmocodicLettersIsAccepted() {
		// the day alone replaced, not the digits to its right: not how the Agenzia
		// proceeds, but the check character is right and the code is accepted
		char[] chars = "RSSMRA85T10A562S".toCharArray();
		chars[9] = 'M';
		chars[10] = 'L';
		chars[15] = CodiceFiscale.checkCharacter(chars);
		Personal odd = personal(new String(chars));
		assertThat(odd.canonical().code()).isEqualTo("RSSMRA85T10A562S");
		assertThat(odd.dayOfBirth()).isEqualTo(10);
	}

	@Test
	void omocodiaKeepsTheOtherChecks() {
		// 'V' is 9: day 99 is no day
		assertThat(reason("CCCFBA85DVVL219P")).contains("day of birth is 99");
		// 'A' is not one of the omocodia letters
		assertThat(reason("CCCFBA85D03L21AE")).contains("characters 13–15");
		assertThat(reason("CCCFBA85D03L21VF")).contains("check character");
	}

	@ParameterizedTest
	@ValueSource(strings = { "06363391001", "00743110157", "00488410010", "12345678903" })
	void numericCodesWithTheirCheckDigitAreValid(String code) {
		assertThat(CodiceFiscale.parse(code)).isEqualTo(new Numeric(code));
		assertThat(CodiceFiscale.parse(code).orElseThrow().canonical().code()).isEqualTo(code);
	}

	@CsvSource(delimiter = '|',
			value = { "06363391002 | check digit", "06363391010 | check digit", "0636339100A | not all digits",
					"00000000000 | all zeros", "0636339100 | has 10 characters", "063633910011 | has 12 characters" })
	@ParameterizedTest
	void numericCodesAreRefusedWithTheirReason(String code, String reason) {
		assertThat(reason(code)).contains(reason);
	}

	@Test
	void theConstructorsRefuseWhatParseRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Personal("RSSMRA85T10A562T"))
			.withMessageContaining("check character");
		assertThatIllegalArgumentException().isThrownBy(() -> new Personal("rssmra85t10a562s"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Numeric("06363391002"));
		assertThatIllegalArgumentException().isThrownBy(() -> CodiceFiscale.parse("RSSMRA85T10A562T").orElseThrow())
			.withMessageContaining("check character");
		assertThatIllegalArgumentException().isThrownBy(() -> personal("RSSMRA85T10A562S").omocodic(8));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CodiceFiscale.of("Rossi", "Mario", Sex.MALE, TODAY, "Roma"));
		assertThatIllegalArgumentException().isThrownBy(() -> CodiceFiscale.surnameLetters("-- "));
	}

}
