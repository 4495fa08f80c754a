package io.tutela.subject;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The Italian codice fiscale: the 16-character code of a natural person (D.M. 23/12/1976)
 * and the 11-digit numeric code of companies and other entities, which is also their
 * partita IVA.
 * <p>
 * {@link #parse} checks what can be checked without the tax register: the structure, the
 * month letter, the day (1–31 for men, 41–71 for women, and one that exists in the
 * month), the check character, and <em>omocodia</em>: when two people would get the same
 * code, the Agenzia delle Entrate replaces digits, starting from the right, by the
 * letters {@code LMNPQRSTUV} (for 0–9) in characters 7, 8, 10, 11, 13, 14 and 15, and
 * recomputes the check character. Such codes are valid as they are, and
 * {@link Personal#canonical()} gives the code they were derived from. Any combination of
 * replaced positions is accepted, not only those the Agenzia hands out, and the letters
 * for surname and name are not checked against the consonant and vowel rules: a code once
 * issued is the person's code even where it departs from the rules.
 * <p>
 * Bad input is never an exception: it is an {@link Invalid} result whose reason names the
 * fault without repeating the value, so that it can be logged and shown.
 */
public final class CodiceFiscale {

	/** The month letters, January to December. */
	private static final String MONTHS = "ABCDEHLMPRST";

	/** The letters standing for the digits 0–9 in an omocodic code. */
	private static final String OMOCODIA = "LMNPQRSTUV";

	/**
	 * The indexes (from 0) of the characters omocodia may replace, from the right: the
	 * order in which the Agenzia replaces them.
	 */
	private static final int[] OMOCODIC_INDEXES = { 14, 13, 12, 10, 9, 7, 6 };

	/**
	 * The values of characters in odd positions (1st, 3rd, …) for the check character,
	 * indexed by the character's ordinal: 0–9 for digits, 0–25 for A–Z.
	 */
	private static final int[] ODD = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22,
			25, 24, 23 };

	private CodiceFiscale() {
	}

	/**
	 * Checks a codice fiscale as typed: spaces are ignored and letters may be lower case.
	 * @return a {@link Personal} or {@link Numeric} code in upper case without spaces, or
	 * {@link Invalid} with the reason
	 */
	public static Result parse(String text) {
		String code = normalise(text);
		if (code.isEmpty()) {
			return new Invalid("is empty");
		}
		if (code.length() == 16) {
			String problem = personalProblem(code);
			return (problem != null) ? new Invalid(problem) : new Personal(code);
		}
		if (code.length() == 11) {
			String problem = numericProblem(code);
			return (problem != null) ? new Invalid(problem) : new Numeric(code);
		}
		return new Invalid("has " + code.length()
				+ " characters; a codice fiscale has 16 (a person) or 11 digits (a company or other entity)");
	}

	/**
	 * Computes the codice fiscale of a person from the data it encodes, with the check
	 * character: the form the Agenzia issues when no one else has the same code.
	 * @param surname the surname; accents, apostrophes and spaces are dropped
	 * @param givenName the given name(s), likewise
	 * @param cadastralCode the Belfiore code of the comune of birth (e.g. {@code H501}
	 * for Roma) or {@code Z…} for a country abroad
	 * @throws IllegalArgumentException when the cadastral code is not a letter and three
	 * digits
	 */
	public static Personal of(String surname, String givenName, Sex sex, LocalDate birthDate, String cadastralCode) {
		return compose(surnameLetters(surname), givenNameLetters(givenName), sex, birthDate, cadastralCode);
	}

	/**
	 * The three letters for a surname: its consonants, then its vowels, padded with X.
	 * @throws IllegalArgumentException when the surname has no letters
	 */
	public static String surnameLetters(String surname) {
		String letters = letters(surname);
		return pad(consonants(letters) + vowels(letters));
	}

	/**
	 * The three letters for a given name: like a surname, except that a name with four or
	 * more consonants gives the first, third and fourth.
	 * @throws IllegalArgumentException when the name has no letters
	 */
	public static String givenNameLetters(String givenName) {
		String letters = letters(givenName);
		String consonants = consonants(letters);
		if (consonants.length() >= 4) {
			return "" + consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
		}
		return pad(consonants + vowels(letters));
	}

	/**
	 * Assembles a code from letters already computed by {@link #surnameLetters} and
	 * {@link #givenNameLetters}: the fast path of the demo data generator.
	 */
	static Personal compose(String surnameLetters, String givenNameLetters, Sex sex, LocalDate birthDate,
			String cadastralCode) {
		if (cadastralCode.length() != 4 || !isLetter(cadastralCode.charAt(0)) || !isDigit(cadastralCode.charAt(1))
				|| !isDigit(cadastralCode.charAt(2)) || !isDigit(cadastralCode.charAt(3))) {
			throw new IllegalArgumentException("a cadastral code is a letter and three digits");
		}
		int day = birthDate.getDayOfMonth() + ((sex == Sex.FEMALE) ? 40 : 0);
		int year = birthDate.getYear() % 100;
		char[] code = new char[16];
		surnameLetters.getChars(0, 3, code, 0);
		givenNameLetters.getChars(0, 3, code, 3);
		code[6] = (char) ('0' + year / 10);
		code[7] = (char) ('0' + year % 10);
		code[8] = MONTHS.charAt(birthDate.getMonthValue() - 1);
		code[9] = (char) ('0' + day / 10);
		code[10] = (char) ('0' + day % 10);
		cadastralCode.getChars(0, 4, code, 11);
		code[15] = checkCharacter(code);
		return new Personal(new String(code));
	}

	/** The check character of a person's code, from its first 15 characters. */
	static char checkCharacter(char[] code) {
		int sum = 0;
		for (int i = 0; i < 15; i++) {
			int ordinal = ordinal(code[i]);
			sum += (i % 2 == 0) ? ODD[ordinal] : ordinal;
		}
		return (char) ('A' + sum % 26);
	}

	/** The check digit of a numeric code, from its first 10 digits. */
	static char checkDigit(CharSequence code) {
		int sum = 0;
		for (int i = 0; i < 10; i++) {
			int digit = code.charAt(i) - '0';
			if (i % 2 == 1) {
				digit *= 2;
				digit = (digit > 9) ? digit - 9 : digit;
			}
			sum += digit;
		}
		return (char) ('0' + (10 - sum % 10) % 10);
	}

	private static String normalise(String text) {
		StringBuilder code = new StringBuilder(16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c)) {
				code.append((c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c);
			}
		}
		return code.toString();
	}

	private static @Nullable String personalProblem(String code) {
		for (int i = 0; i < 16; i++) {
			char c = code.charAt(i);
			if (!isLetter(c) && !isDigit(c)) {
				return "contains a character other than letters and digits";
			}
		}
		if (!allLetters(code, 0, 6)) {
			return "characters 1–6 (surname and name) must be letters";
		}
		if (!omocodicDigits(code, 6, 8)) {
			return "characters 7–8 (year of birth) must be digits or omocodia letters (LMNPQRSTUV)";
		}
		int month = MONTHS.indexOf(code.charAt(8));
		if (month < 0) {
			return "character 9 is not a month letter (A B C D E H L M P R S T)";
		}
		if (!omocodicDigits(code, 9, 11)) {
			return "characters 10–11 (day of birth) must be digits or omocodia letters (LMNPQRSTUV)";
		}
		if (!isLetter(code.charAt(11))) {
			return "character 12 (place of birth) must be a letter";
		}
		if (!omocodicDigits(code, 12, 15)) {
			return "characters 13–15 (place of birth) must be digits or omocodia letters (LMNPQRSTUV)";
		}
		if (!isLetter(code.charAt(15))) {
			return "character 16 (check character) must be a letter";
		}
		int day = number(code, 9, 11);
		int dayOfMonth = (day > 40) ? day - 40 : day;
		if (dayOfMonth < 1 || dayOfMonth > 31) {
			return "the day of birth is " + day + "; it must be 1–31 (men) or 41–71 (women)";
		}
		int year = number(code, 6, 8);
		if (dayOfMonth > Month.of(month + 1).length(year % 4 == 0)) {
			return "day " + dayOfMonth + " does not exist in " + Month.of(month + 1).name().toLowerCase(Locale.ROOT)
					+ ((month == 1 && dayOfMonth == 29) ? " of a year that is not a leap year" : "");
		}
		if (checkCharacter(code.toCharArray()) != code.charAt(15)) {
			return "the check character does not match the other 15 characters";
		}
		return null;
	}

	private static @Nullable String numericProblem(String code) {
		for (int i = 0; i < 11; i++) {
			if (!isDigit(code.charAt(i))) {
				return "has 11 characters, not all digits: a numeric codice fiscale is 11 digits";
			}
		}
		if (code.equals("00000000000")) {
			return "is all zeros";
		}
		if (checkDigit(code) != code.charAt(10)) {
			return "the check digit does not match the other 10 digits";
		}
		return null;
	}

	private static boolean allLetters(String code, int from, int to) {
		for (int i = from; i < to; i++) {
			if (!isLetter(code.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean omocodicDigits(String code, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = code.charAt(i);
			if (!isDigit(c) && OMOCODIA.indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	/** The number in characters {@code from}–{@code to}, omocodia letters undone. */
	private static int number(String code, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			value = value * 10 + digit(code.charAt(i));
		}
		return value;
	}

	private static int digit(char c) {
		return isDigit(c) ? c - '0' : OMOCODIA.indexOf(c);
	}

	private static int ordinal(char c) {
		return isDigit(c) ? c - '0' : c - 'A';
	}

	private static boolean isLetter(char c) {
		return c >= 'A' && c <= 'Z';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Upper-case A–Z only: accents removed, everything else dropped.
	 * @throws IllegalArgumentException when no letter is left
	 */
	private static String letters(String name) {
		String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
		StringBuilder letters = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = Character.toUpperCase(decomposed.charAt(i));
			if (isLetter(c)) {
				letters.append(c);
			}
		}
		if (letters.isEmpty()) {
			throw new IllegalArgumentException("a name without letters has no codice fiscale letters");
		}
		return letters.toString();
	}

	private static String consonants(String letters) {
		return letters.replaceAll("[AEIOU]", "");
	}

	private static String vowels(String letters) {
		return letters.replaceAll("[^AEIOU]", "");
	}

	private static String pad(String letters) {
		return (letters.length() >= 3) ? letters.substring(0, 3) : (letters + "XXX").substring(0, 3);
	}

	/** The sex a person's code records, through the day of birth. */
	public enum Sex {

		MALE, FEMALE

	}

	/** What {@link #parse} makes of a text. */
	public sealed interface Result permits Valid, Invalid {

		/** Whether the text is a valid codice fiscale. */
		default boolean isValid() {
			return this instanceof Valid;
		}

		/**
		 * The valid code.
		 * @throws IllegalArgumentException with the reason when the code is invalid
		 */
		Valid orElseThrow();

	}

	/** A valid codice fiscale, of either kind. */
	public sealed interface Valid extends Result permits Personal, Numeric {

		/** The code in upper case without spaces, omocodic if it was given so. */
		String code();

		/** The code without omocodia: the same as {@link #code()} for a numeric code. */
		Valid canonical();

		@Override
		default Valid orElseThrow() {
			return this;
		}

	}

	/**
	 * The 16-character codice fiscale of a natural person.
	 *
	 * @param code the code in upper case without spaces, possibly omocodic
	 */
	public record Personal(String code) implements Valid {

		/**
		 * @throws IllegalArgumentException when the code is not valid; use {@link #parse}
		 * for text from outside
		 */
		public Personal {
			String problem = (code.length() == 16) ? personalProblem(code) : "it does not have 16 characters";
			if (problem != null) {
				throw new IllegalArgumentException("not the codice fiscale of a person: " + problem);
			}
		}

		public Sex sex() {
			return (number(this.code, 9, 11) > 40) ? Sex.FEMALE : Sex.MALE;
		}

		/** The day of the month of birth, 1–31. */
		public int dayOfBirth() {
			int day = number(this.code, 9, 11);
			return (day > 40) ? day - 40 : day;
		}

		public Month monthOfBirth() {
			return Month.of(MONTHS.indexOf(this.code.charAt(8)) + 1);
		}

		/**
		 * The last two digits of the year of birth: the code does not hold the century.
		 */
		public int yearOfBirthInCentury() {
			return number(this.code, 6, 8);
		}

		/**
		 * The date of birth, taking the century that puts it closest before the reference
		 * date: a code of year 30 is 1930 for a reference in 2025, 2030 for one in 2035.
		 * @param reference usually today; a person cannot be born after it
		 */
		public LocalDate birthDate(LocalDate reference) {
			int yy = yearOfBirthInCentury();
			int year = reference.getYear() - Math.floorMod(reference.getYear() - yy, 100);
			// a 29 February of year 00 exists in 2000 but not in 1900, 1800 or 1700
			for (int i = 0; i < 5; i++, year -= 100) {
				try {
					LocalDate date = LocalDate.of(year, monthOfBirth(), dayOfBirth());
					if (!date.isAfter(reference)) {
						return date;
					}
				}
				catch (DateTimeException ex) {
					// not a leap year in this century: try the one before
				}
			}
			throw new IllegalStateException("no century holds the date of birth");
		}

		/**
		 * The cadastral (Belfiore) code of the place of birth: the comune, or for people
		 * born abroad the country ({@code Z…}), with omocodia undone.
		 */
		public String cadastralCode() {
			return this.code.charAt(11) + String.valueOf(number(this.code, 12, 15) + 1000).substring(1);
		}

		/** Whether some digits of the code are replaced by omocodia letters. */
		public boolean isOmocodic() {
			for (int i : OMOCODIC_INDEXES) {
				if (!isDigit(this.code.charAt(i))) {
					return true;
				}
			}
			return false;
		}

		@Override
		public Personal canonical() {
			return omocodic(0);
		}

		/**
		 * The code with the given number of digits replaced by omocodia letters, from the
		 * right, as the Agenzia issues them: 0 is the canonical code, 7 the last.
		 * @throws IllegalArgumentException for a level outside 0–7
		 */
		public Personal omocodic(int level) {
			if (level < 0 || level > OMOCODIC_INDEXES.length) {
				throw new IllegalArgumentException("the level of omocodia is 0 to 7, not " + level);
			}
			char[] chars = this.code.toCharArray();
			for (int n = 0; n < OMOCODIC_INDEXES.length; n++) {
				int i = OMOCODIC_INDEXES[n];
				int digit = digit(chars[i]);
				chars[i] = (n < level) ? OMOCODIA.charAt(digit) : (char) ('0' + digit);
			}
			chars[15] = checkCharacter(chars);
			return new Personal(new String(chars));
		}

		@Override
		public String toString() {
			return this.code;
		}

	}

	/**
	 * The 11-digit numeric codice fiscale of a company or other entity, the same number
	 * as its partita IVA (and the provisional code of some people).
	 *
	 * @param code the 11 digits
	 */
	public record Numeric(String code) implements Valid {

		/**
		 * @throws IllegalArgumentException when the code is not valid; use {@link #parse}
		 * for text from outside
		 */
		public Numeric {
			String problem = (code.length() == 11) ? numericProblem(code) : "it does not have 11 digits";
			if (problem != null) {
				throw new IllegalArgumentException("not a numeric codice fiscale: " + problem);
			}
		}

		@Override
		public Numeric canonical() {
			return this;
		}

		@Override
		public String toString() {
			return this.code;
		}

	}

	/**
	 * A text that is not a codice fiscale.
	 *
	 * @param reason what is wrong, in English, without the value itself
	 */
	public record Invalid(String reason) implements Result {

		@Override
		public Valid orElseThrow() {
			throw new IllegalArgumentException("not a valid codice fiscale: " + this.reason);
		}

	}

}
