package io.tutela;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The stylesheet's colours meet WCAG 2.1 AA: text and links 4.5:1 against the background
 * they are drawn on (1.4.3), the focus outline and the chart bars 3:1 (1.4.11). The
 * colours are read from {@code tutela.css} itself (custom properties resolved), so a
 * change of the stylesheet is checked.
 */
class StylesheetContrastUnitTest {

	static final Path CSS = Path.of("src/main/resources/static/css/tutela.css");

	static final String WHITE = "#ffffff";

	final Css css = Css.read();

	@Test
	void theRatioIsComputedAsWcagDefinesIt() {
		assertThat(ratio("#000000", "#ffffff")).isCloseTo(21.0, within(0.01));
		assertThat(ratio("#777777", "#ffffff")).isCloseTo(4.48, within(0.01));
		assertThat(ratio("#ffffff", "#ffffff")).isCloseTo(1.0, within(0.001));
	}

	@Test
	void textAndLinksStandOutFromTheirBackground() {
		String ink = this.css.value("body", "color");
		String header = this.css.value(".site-header", "background");
		assertThat(ratio(ink, WHITE)).as("body text").isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value("a", "color"), WHITE)).as("links").isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value("a", "color"), this.css.value("th", "background"))).as("links in table headers")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(ink, this.css.value("th", "background"))).as("table headers").isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value(".site-header a", "color"), header)).as("header links")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value("button.link", "color"), header)).as("the log-out button")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value(".site-header .lang", "color"), header)).as("languages")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value(".skip:focus", "color"), this.css.value(".skip:focus", "background")))
			.as("the skip link")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(ink, this.css.value(".message.error", "background"))).as("error messages")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(ink, this.css.value(".message.ok", "background"))).as("confirmations")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value(".source td.ln", "color"), WHITE)).as("muted text").isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value(".field-error", "color"), WHITE)).as("field errors")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value(".figure.tone-late .headline a", "color"), WHITE)).as("late figures")
			.isGreaterThanOrEqualTo(4.5);
		assertThat(ratio(this.css.value(".figure.tone-warn .headline a", "color"), WHITE)).as("warning figures")
			.isGreaterThanOrEqualTo(4.5);
	}

	@Test
	void theFocusOutlineAndChartBarsAreSeenOnEveryBackground() {
		String outline = this.css.value("a:focus", "outline").replaceAll(".*(#[0-9a-fA-F]{3,6}).*", "$1");
		assertThat(ratio(outline, WHITE)).as("focus on the page").isGreaterThanOrEqualTo(3.0);
		assertThat(ratio(outline, this.css.value(".site-header", "background"))).as("focus in the header")
			.isGreaterThanOrEqualTo(3.0);
		for (String tone : new String[] { ".bars .tone-late rect", ".bars .tone-warn rect", ".bars .tone-ok rect" }) {
			assertThat(ratio(this.css.value(tone, "fill"), WHITE)).as(tone).isGreaterThanOrEqualTo(3.0);
		}
	}

	/** The contrast ratio of two sRGB colours, WCAG 2.1's definition. */
	static double ratio(String a, String b) {
		double la = luminance(a);
		double lb = luminance(b);
		return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
	}

	static double luminance(String colour) {
		String hex = colour.strip().substring(1);
		if (hex.length() == 3) {
			hex = hex.replaceAll("(.)", "$1$1");
		}
		assertThat(hex).as("a #rgb colour: " + colour).matches("[0-9a-fA-F]{6}");
		double[] c = new double[3];
		for (int i = 0; i < 3; i++) {
			double v = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) / 255.0;
			c[i] = (v <= 0.03928) ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	}

	/**
	 * The rules of the stylesheet: selector to declarations, custom properties resolved.
	 */
	record Css(Map<String, Map<String, String>> rules) {

		static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");

		static Css read() {
			String text;
			try {
				text = Files.readString(CSS).replaceAll("(?s)/\\*.*?\\*/", "");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Map<String, Map<String, String>> rules = new HashMap<>();
			Matcher m = RULE.matcher(text);
			while (m.find()) {
				for (String selector : m.group(1).split(",")) {
					Map<String, String> declarations = rules.computeIfAbsent(selector.strip(), (s) -> new HashMap<>());
					for (String declaration : m.group(2).split(";")) {
						int colon = declaration.indexOf(':');
						if (colon > 0) {
							declarations.put(declaration.substring(0, colon).strip(),
									declaration.substring(colon + 1).strip());
						}
					}
				}
			}
			return new Css(rules);
		}

		String value(String selector, String property) {
			Map<String, String> declarations = this.rules.get(selector);
			assertThat(declarations).as("a rule for " + selector).isNotNull();
			String value = declarations.get(property);
			assertThat(value).as(selector + " { " + property + " }").isNotNull();
			Matcher var = Pattern.compile("var\\((--[a-z-]+)\\)").matcher(value);
			return var.replaceAll((r) -> value(":root", r.group(1)));
		}

	}

}
