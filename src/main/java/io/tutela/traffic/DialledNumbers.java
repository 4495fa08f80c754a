package io.tutela.traffic;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

import io.tutela.subject.PhoneNumbers;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Numbers as a network records them, brought to E.164 with libphonenumber (read as
 * Italian without a country code). A call detail record keeps what was dialled, a
 * misdialled number or one of a range allocated after the library's metadata included: so
 * a number is refused only when it cannot be a number (letters, an unknown country code,
 * a length no number of its country has), not when the metadata do not list it as
 * allocated, as a subject's own number would be ({@link PhoneNumbers}). Numbers already
 * in E.164 are checked against the country's possible lengths without being parsed again.
 */
final class DialledNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	/** The possible lengths of the national numbers of each country code. */
	private static final Map<Integer, Set<Integer>> LENGTHS = new ConcurrentHashMap<>();

	private DialledNumbers() {
	}

	/** The number in E.164, or null with the problem added. */
	static @Nullable String e164(String text, String field, List<FieldProblem> problems) {
		String number = text.strip();
		if (isE164Form(number)) {
			for (int digits = 1; digits <= 3; digits++) {
				int code = Integer.parseInt(number, 1, 1 + digits, 10);
				Set<Integer> lengths = lengths(code);
				if (lengths != null) {
					if (lengths.contains(number.length() - 1 - digits)) {
						return number;
					}
					problems.add(new FieldProblem(field, "has a length no number of +" + code + " has"));
					return null;
				}
			}
			problems.add(new FieldProblem(field, "starts with no known country code"));
			return null;
		}
		return parsed(number, field, problems);
	}

	private static boolean isE164Form(String number) {
		if (number.length() < 4 || number.length() > 16 || number.charAt(0) != '+' || number.charAt(1) == '0') {
			return false;
		}
		for (int i = 1; i < number.length(); i++) {
			char c = number.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static @Nullable Set<Integer> lengths(int code) {
		Set<Integer> known = LENGTHS.get(code);
		if (known != null || !UTIL.getSupportedCallingCodes().contains(code)) {
			return known;
		}
		// the lengths libphonenumber deems possible for the country, asked length by
		// length
		Set<Integer> lengths = new HashSet<>();
		for (int length = 1; length <= 17; length++) {
			PhoneNumber probe = new PhoneNumber().setCountryCode(code)
				.setNationalNumber((long) Math.pow(10, length - 1));
			if (UTIL.isPossibleNumberWithReason(probe) == ValidationResult.IS_POSSIBLE) {
				lengths.add(length);
			}
		}
		LENGTHS.put(code, lengths);
		return lengths;
	}

	private static @Nullable String parsed(String number, String field, List<FieldProblem> problems) {
		for (int i = 0; i < number.length(); i++) {
			if (Character.isLetter(number.charAt(i))) {
				problems.add(new FieldProblem(field, "contains letters"));
				return null;
			}
		}
		try {
			PhoneNumber parsed = UTIL.parse(number, PhoneNumbers.DEFAULT_REGION);
			if (!parsed.hasExtension() && UTIL.isPossibleNumberWithReason(parsed) == ValidationResult.IS_POSSIBLE) {
				return UTIL.format(parsed, PhoneNumberFormat.E164);
			}
		}
		catch (NumberParseException ex) {
			// reported below
		}
		problems.add(new FieldProblem(field, "is not a phone number"));
		return null;
	}

}
