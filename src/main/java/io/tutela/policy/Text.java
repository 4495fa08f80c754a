package io.tutela.policy;

import java.util.Map;

/**
 * A text of the notice in the languages Tutela renders (Italian and English).
 *
 * @param it the Italian text, as the notice states it
 * @param en the English text
 */
public record Text(String it, String en) {

	/** The text in the given language, Italian for any language other than English. */
	public String in(String language) {
		return "en".equals(language) ? this.en : this.it;
	}

	Map<String, String> asMap() {
		return Map.of("it", this.it, "en", this.en);
	}

}
