package io.tutela.web;

import java.util.Locale;
import java.util.Set;

/** The languages Tutela renders: Italian and English. */
public final class Languages {

	public static final Set<String> SUPPORTED = Set.of("it", "en");

	private Languages() {
	}

	/** The language of a locale, Italian for anything but English. */
	public static String of(Locale locale) {
		return "en".equals(locale.getLanguage()) ? "en" : "it";
	}

	/**
	 * A language asked for explicitly.
	 * @throws IllegalArgumentException for a language Tutela does not render
	 */
	public static String require(String lang) {
		if (!SUPPORTED.contains(lang)) {
			throw new IllegalArgumentException("lang must be 'it' or 'en', not '" + lang + "'");
		}
		return lang;
	}

}
