package io.tutela.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Takes the identifying elements out of a text for those who handle a complaint without
 * knowing who made it: e-mail addresses, telephone numbers, codici fiscali, IBANs and IP
 * addresses wherever they appear, and the identifiers of the record's author (names,
 * licence and customer numbers) as whole words.
 */
final class Deidentified {

	static final String MASK = "[…]";

	private static final List<Pattern> PATTERNS = List.of(
			Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}"),
			Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"),
			Pattern.compile("\\b[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]\\b",
					Pattern.CASE_INSENSITIVE),
			Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b"),
			Pattern.compile("\\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\\b", Pattern.CASE_INSENSITIVE),
			Pattern.compile("(?:\\b[0-9a-f]{1,4})?(?::[0-9a-f]{1,4})*::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*\\b)?",
					Pattern.CASE_INSENSITIVE));

	/** A run of digits that may be a telephone number (separators allowed). */
	private static final Pattern NUMBER = Pattern.compile("(?<![\\w+])\\+?\\d[\\d ./-]{4,}\\d(?!\\w)");

	/** A date, which a number of that shape is not taken for. */
	private static final Pattern DATE = Pattern.compile("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

	/** Digits from which a run is taken for a telephone number. */
	private static final int NUMBER_DIGITS = 8;

	private static final Pattern WORDS = Pattern.compile("[\\s,;]+");

	private Deidentified() {
	}

	/**
	 * The text without identifying elements.
	 * @param identifiers what identifies the author in this record: names (each word is
	 * taken out), numbers and codes
	 */
	static String text(@Nullable String text, Collection<@Nullable String> identifiers) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		String result = text;
		List<String> words = new ArrayList<>();
		for (String identifier : identifiers) {
			if (identifier == null || identifier.isBlank()) {
				continue;
			}
			words.add(identifier.strip());
			for (String word : WORDS.split(identifier.strip())) {
				if (word.length() >= 2) {
					words.add(word);
				}
			}
		}
		words.sort(Comparator.comparingInt(String::length).reversed());
		for (String word : words) {
			Pattern whole = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])",
					Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
			result = whole.matcher(result).replaceAll(Matcher.quoteReplacement(MASK));
		}
		for (Pattern pattern : PATTERNS) {
			result = pattern.matcher(result).replaceAll(Matcher.quoteReplacement(MASK));
		}
		return NUMBER.matcher(result).replaceAll((m) -> Matcher.quoteReplacement(number(m.group()) ? MASK : m.group()));
	}

	private static boolean number(String candidate) {
		String trimmed = candidate.strip();
		return trimmed.chars().filter(Character::isDigit).count() >= NUMBER_DIGITS && !DATE.matcher(trimmed).matches();
	}

}
