package io.tutela.subject;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers brought to E.164 ({@code +390612345678}) with Google's libphonenumber,
 * the form Tutela stores and compares. A number without a country is read as Italian:
 * {@code 06 1234567}, {@code 333 1234567}, {@code +39 06 1234567} and
 * {@code 0039 06 1234567} are all accepted; a number of another country needs its
 * {@code +} (or {@code 00}) and country code.
 * <p>
 * A number is accepted only when libphonenumber's metadata knows it as a valid number of
 * its country, not merely of a plausible length. Letters are refused rather than read as
 * the letters of a keypad, and so are extensions. Bad input is never an exception: it is
 * an {@link Invalid} result whose reason names the fault without repeating the number.
 */
public final class PhoneNumbers {

	/** The region a number without country code is read in. */
	public static final String DEFAULT_REGION = "IT";

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

	/**
	 * An Italian number already in canonical E.164 whose national number does not start
	 * with 0: libphonenumber would read it as country code 39 and exactly these digits
	 * (Italy has no national prefix to strip), so parsing it can be skipped.
	 */
	private static final Pattern CANONICAL_ITALIAN = Pattern.compile("\\+39[1-9][0-9]{1,14}");

	private PhoneNumbers() {
	}

	/**
	 * The number in E.164 when it is valid, otherwise {@code null}; the same verdict and
	 * form as {@link #normalise(String)}, cheaper for lists of millions of numbers: an
	 * Italian number already in canonical form is not parsed again (it is still checked
	 * against the numbering plan), and neither its region nor its line type is looked up.
	 */
	public static @Nullable String validE164(String text) {
		if (text.length() <= 17 && CANONICAL_ITALIAN.matcher(text).matches()) {
			PhoneNumber number = new PhoneNumber().setCountryCode(39)
				.setNationalNumber(Long.parseLong(text.substring(3)));
			return (UTIL.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE
					&& UTIL.getNumberType(number) != PhoneNumberType.UNKNOWN) ? text : null;
		}
		Result result = normalise(text);
		return result.isValid() ? result.orElseThrow().e164() : null;
	}

	/** Normalises a number as typed, reading it as Italian if it has no country code. */
	public static Result normalise(String text) {
		return normalise(text, DEFAULT_REGION);
	}

	/**
	 * Normalises a number as typed.
	 * @param defaultRegion the ISO 3166 country a number without country code belongs to
	 */
	public static Result normalise(String text, String defaultRegion) {
		String trimmed = text.strip();
		if (trimmed.isEmpty()) {
			return new Invalid("is empty");
		}
		for (int i = 0; i < trimmed.length(); i++) {
			if (Character.isLetter(trimmed.charAt(i))) {
				return new Invalid("contains letters; a phone number is digits, with an optional + in front");
			}
		}
		PhoneNumber number;
		try {
			number = UTIL.parse(trimmed, defaultRegion);
		}
		catch (NumberParseException ex) {
			return new Invalid(reason(ex.getErrorType()));
		}
		if (number.hasExtension()) {
			return new Invalid("has an extension; give the number alone");
		}
		ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
		if (possible != ValidationResult.IS_POSSIBLE) {
			return new Invalid(reason(possible));
		}
		// the type is UNKNOWN exactly when the number is not valid (this is how
		// isValidNumber decides), and asking once is a third cheaper than asking both
		PhoneNumberType type = UTIL.getNumberType(number);
		if (type == PhoneNumberType.UNKNOWN) {
			return new Invalid(notValid(number.getCountryCode()));
		}
		return new Valid(UTIL.format(number, PhoneNumberFormat.E164), UTIL.getRegionCodeForNumber(number),
				LineType.of(type));
	}

	private static String reason(NumberParseException.ErrorType type) {
		return switch (type) {
			case INVALID_COUNTRY_CODE -> "has no valid country code after the + or 00";
			case NOT_A_NUMBER -> "is not a phone number";
			case TOO_SHORT_AFTER_IDD -> "is too short after the international prefix";
			case TOO_SHORT_NSN -> "is too short";
			case TOO_LONG -> "is too long";
		};
	}

	private static String reason(ValidationResult result) {
		return switch (result) {
			case TOO_SHORT -> "is too short";
			case TOO_LONG -> "is too long";
			case INVALID_COUNTRY_CODE -> "has no valid country code";
			case INVALID_LENGTH -> "has a length no number of its country has";
			case IS_POSSIBLE_LOCAL_ONLY -> "is too short: a local number without its area code";
			case IS_POSSIBLE -> throw new IllegalArgumentException("a possible number has no reason to refuse it");
		};
	}

	private static String notValid(int countryCode) {
		if (countryCode == 39) {
			return "is not a valid Italian number";
		}
		String region = UTIL.getRegionCodeForCountryCode(countryCode);
		return "is not a valid number of "
				+ (region.matches("[A-Z]{2}") ? region + " (+" + countryCode + ")" : "+" + countryCode);
	}

	/** What {@link #normalise} makes of a text. */
	public sealed interface Result permits Valid, Invalid {

		/** Whether the text is a valid phone number. */
		default boolean isValid() {
			return this instanceof Valid;
		}

		/**
		 * The valid number.
		 * @throws IllegalArgumentException with the reason when the number is invalid
		 */
		Valid orElseThrow();

	}

	/**
	 * A valid phone number.
	 *
	 * @param e164 the number in E.164: {@code +}, country code, national number, no
	 * spaces
	 * @param region the ISO 3166 country of the number ({@code IT}), or {@code 001} for
	 * non-geographic numbers
	 * @param type the kind of line, as far as the numbering plan tells it
	 */
	public record Valid(String e164, String region, LineType type) implements Result {

		public Valid {
			if (!E164.matcher(e164).matches()) {
				throw new IllegalArgumentException("not a number in E.164 form");
			}
		}

		/** Whether the number is Italian (country code 39). */
		public boolean isItalian() {
			return this.e164.startsWith("+39");
		}

		@Override
		public Valid orElseThrow() {
			return this;
		}

	}

	/**
	 * A text that is not a valid phone number.
	 *
	 * @param reason what is wrong, in English, without the number itself
	 */
	public record Invalid(String reason) implements Result {

		@Override
		public Valid orElseThrow() {
			throw new IllegalArgumentException("not a valid phone number: " + this.reason);
		}

	}

	/**
	 * The kind of line a number belongs to, from the numbering plan: the Registro delle
	 * opposizioni and the rules on unsolicited calls treat mobile and fixed lines apart.
	 */
	public enum LineType {

		/** A fixed (landline) number. */
		FIXED_LINE,
		/** A mobile number. */
		MOBILE,
		/** A number the plan does not tell apart, as in the United States. */
		FIXED_LINE_OR_MOBILE,
		/** A freephone number (in Italy 800, 803). */
		TOLL_FREE,
		/** A premium-rate number (in Italy 89x). */
		PREMIUM_RATE,
		/** A number whose cost is shared between caller and called (in Italy 84x). */
		SHARED_COST,
		/** A voice-over-IP number. */
		VOIP,
		/** A personal number that may be routed to any line. */
		PERSONAL_NUMBER,
		/** A pager. */
		PAGER,
		/** A company's single number for several lines. */
		UAN,
		/** A voicemail access number. */
		VOICEMAIL;

		static LineType of(PhoneNumberType type) {
			return switch (type) {
				case FIXED_LINE -> FIXED_LINE;
				case MOBILE -> MOBILE;
				case FIXED_LINE_OR_MOBILE -> FIXED_LINE_OR_MOBILE;
				case TOLL_FREE -> TOLL_FREE;
				case PREMIUM_RATE -> PREMIUM_RATE;
				case SHARED_COST -> SHARED_COST;
				case VOIP -> VOIP;
				case PERSONAL_NUMBER -> PERSONAL_NUMBER;
				case PAGER -> PAGER;
				case UAN -> UAN;
				case VOICEMAIL -> VOICEMAIL;
				case UNKNOWN -> throw new IllegalArgumentException("a valid number has a known type");
			};
		}

		/**
		 * Whether a call or message to the number reaches a mobile phone as far as known.
		 */
		public boolean mayBeMobile() {
			return this == MOBILE || this == FIXED_LINE_OR_MOBILE;
		}

	}

}
