package io.tutela;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page a DPO reaches from the navigation (the header, the controller pages'
 * menus, each module's own navigation) and the first detail page each list links to, in
 * Italian and in English, checked in Chromium: the page's language, one h1, a name for
 * every form control, a text alternative for every chart, header cells in every table, a
 * skip link that moves the keyboard focus to the main content, a visible focus, no
 * message key left untranslated, and a viewport for phones. Pages are discovered, so
 * pages added later are checked too. A screenshot of each page is kept under
 * {@code target/screenshots/a11y-*}.
 */
@TutelaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTest {

	/**
	 * Controllers whose pages are crawled: marketing, traffic, and a processor's client.
	 */
	static final Set<String> CONTROLLERS = Set.of("conecto", "ipkom", "mysegretaria-studio-rossi");

	static final int MOST_PAGES = 120;

	/** The checks run in the page; returns what is wrong, one line each. */
	static final String CHECKS = """
			const lang = arguments[0];
			const problems = [];
			const html = document.documentElement;
			if (html.lang !== lang) problems.push('<html lang> is "' + html.lang + '", not ' + lang);
			const h1 = document.querySelectorAll('h1');
			if (h1.length !== 1) problems.push(h1.length + ' h1 elements');
			if (!document.querySelector('meta[name="viewport"][content*="width=device-width"]'))
			  problems.push('no viewport meta tag');
			const text = (el) => (el ? (el.textContent || '').trim() : '');
			const named = (el) => {
			  if ((el.getAttribute('aria-label') || '').trim()) return true;
			  const by = (el.getAttribute('aria-labelledby') || '').trim();
			  if (by && by.split(/\\s+/).every((id) => text(document.getElementById(id)))) return true;
			  return el.labels && Array.from(el.labels).some((l) => text(l));
			};
			const describe = (el) => el.outerHTML.slice(0, 140);
			document.querySelectorAll('input, select, textarea').forEach((el) => {
			  if (el.type === 'hidden') return;
			  if (['submit', 'button', 'reset'].includes(el.type) ? !(el.value || '').trim() && !named(el) : !named(el))
			    problems.push('form control without a name: ' + describe(el));
			});
			document.querySelectorAll('button').forEach((b) => {
			  if (!text(b) && !(b.getAttribute('aria-label') || '').trim()) problems.push('button without a name: ' + describe(b));
			});
			document.querySelectorAll('img').forEach((img) => {
			  if (!img.hasAttribute('alt')) problems.push('image without alt: ' + describe(img));
			});
			document.querySelectorAll('svg').forEach((svg) => {
			  const titled = (svg.getAttribute('aria-label') || '').trim() || text(svg.querySelector(':scope > title'));
			  if (svg.getAttribute('role') !== 'img' || !titled) problems.push('chart without role="img" and a name: ' + describe(svg));
			  const around = svg.parentElement ? svg.parentElement.innerText || '' : '';
			  if (!/[0-9]/.test(around)) problems.push('chart whose figures are not given as text: ' + describe(svg));
			});
			document.querySelectorAll('table').forEach((t) => {
			  if (!t.querySelector('th')) problems.push('table without header cells: ' + (t.id || describe(t)));
			});
			const keys = (document.body.innerText.match(/\\?\\?[^\\s?]+\\?\\?/g) || []);
			keys.forEach((k) => problems.push('untranslated message key ' + k));
			const skip = document.querySelector('a[href="#main"]');
			const main = document.getElementById('main');
			if (!skip) problems.push('no skip link to #main');
			if (!main || main.tagName !== 'MAIN') problems.push('no <main id="main">');
			return problems;
			""";

	@LocalServerPort
	int port;

	Browser browser;

	final List<String> signedOut = new ArrayList<>();

	@BeforeAll
	void open() {
		Staff.Created dpo = Staff.create(this.port, "a11y-dpo", List.of("dpo"), List.of());
		this.browser = Browser.open(this.port);
		for (String lang : List.of("it", "en")) {
			this.signedOut.addAll(check("/login", lang));
		}
		this.browser.login(dpo.username(), dpo.password());
	}

	@AfterAll
	void close() {
		this.browser.close();
	}

	@Test
	void everyPageReachedFromTheNavigationIsAccessibleInItalianAndEnglish() {
		List<String> pages = discover();
		assertThat(pages).as("the crawl reaches the main pages")
			.contains("/controllers", "/controllers/conecto", "/controllers/conecto/consents",
					"/controllers/conecto/consent-inbox", "/dashboard");
		assertThat(pages).as("and detail pages")
			.anyMatch((p) -> p.matches("/controllers/conecto/subjects/[0-9a-f-]{36}"));
		List<String> problems = new ArrayList<>(this.signedOut);
		for (String lang : List.of("it", "en")) {
			for (String page : pages) {
				problems.addAll(check(page, lang));
			}
		}
		assertThat(problems).as(pages.size() + " pages and the login page").isEmpty();
	}

	/** Checks a page in a language and keeps its screenshot; returns what is wrong. */
	List<String> check(String page, String lang) {
		this.browser.go(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
		List<Object> found = new ArrayList<>(keyboard());
		found.addAll((List<?>) this.browser.driver().executeScript(CHECKS, lang));
		this.browser.screenshot("a11y-" + lang + "-" + name(page));
		return found.stream().map((p) -> lang + " " + page + ": " + p).toList();
	}

	@Test
	void pagesFitAPhone() {
		Dimension wide = this.browser.driver().manage().window().getSize();
		try {
			this.browser.driver().manage().window().setSize(new Dimension(390, 844));
			for (String page : List.of("/controllers/conecto/consents", "/controllers/conecto/consent-inbox")) {
				this.browser.go(page + "?lang=it");
				Object overflow = this.browser.driver()
					.executeScript(
							"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
				assertThat(((Number) overflow).intValue()).as(page + " scrolls sideways at 390 px")
					.isLessThanOrEqualTo(0);
				this.browser.screenshot("a11y-phone-" + name(page));
			}
		}
		finally {
			this.browser.driver().manage().window().setSize(wide);
		}
	}

	/**
	 * With the keyboard, on a freshly loaded page: the first Tab reaches the skip link,
	 * shown with a visible focus (unless the page puts the focus in its main content
	 * itself, as the login form does); Enter moves the focus to the main content; the
	 * next Tabs reach controls whose focus is visible. Returns what went wrong.
	 */
	List<String> keyboard() {
		List<String> problems = new ArrayList<>();
		String focused = """
				const a = document.activeElement;
				const style = getComputedStyle(a);
				return {tag: a.tagName, id: a.id || '', href: a.getAttribute('href') || '',
				  visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px'
				    && a.getBoundingClientRect().left >= 0 && a.getBoundingClientRect().width > 0,
				  html: a.outerHTML.slice(0, 140)};""";
		Boolean autofocus = (Boolean) this.browser.driver()
			.executeScript(
					"const a = document.activeElement; return a !== document.body && a.closest('#main') !== null;");
		if (Boolean.TRUE.equals(autofocus)) {
			// the page puts the focus in its main content itself (the login form)
			Map<?, ?> own = (Map<?, ?>) this.browser.driver().executeScript(focused);
			if (!Boolean.TRUE.equals(own.get("visible"))) {
				problems.add("focus not visible on " + own.get("html"));
			}
			return problems;
		}
		new Actions(this.browser.driver()).sendKeys(Keys.TAB).perform();
		Map<?, ?> first = (Map<?, ?>) this.browser.driver().executeScript(focused);
		if (!"#main".equals(first.get("href"))) {
			problems.add("the first Tab reaches " + first.get("html") + ", not a skip link to #main");
			return problems;
		}
		if (!Boolean.TRUE.equals(first.get("visible"))) {
			problems.add("the focused skip link is not visible");
		}
		new Actions(this.browser.driver()).sendKeys(Keys.ENTER).perform();
		Map<?, ?> main = (Map<?, ?>) this.browser.driver().executeScript(focused);
		if (!"main".equals(main.get("id"))) {
			problems.add("Enter on the skip link leaves the focus on " + main.get("html"));
		}
		for (int i = 0; i < 3; i++) {
			new Actions(this.browser.driver()).sendKeys(Keys.TAB).perform();
			Map<?, ?> next = (Map<?, ?>) this.browser.driver().executeScript(focused);
			if ("BODY".equals(next.get("tag"))) {
				break;
			}
			if (!Boolean.TRUE.equals(next.get("visible"))) {
				problems.add("focus not visible on " + next.get("html"));
			}
		}
		return problems;
	}

	/**
	 * The pages the navigation reaches from the list of controllers and the header: links
	 * in every {@code nav} and in the controller page's menu ({@code ul.actions}), plus
	 * the first link of each list's table (a detail page). Downloads and the API are left
	 * out.
	 */
	List<String> discover() {
		Set<String> found = new LinkedHashSet<>(List.of("/controllers"));
		List<String> queue = new ArrayList<>(found);
		Set<String> details = new LinkedHashSet<>();
		for (int i = 0; i < queue.size() && found.size() < MOST_PAGES; i++) {
			this.browser.go(queue.get(i));
			List<?> links = (List<?>) this.browser.driver()
				.executeScript(
						"""
								const own = (a) => a.href;
								const nav = Array.from(document.querySelectorAll('nav a[href], ul.actions a[href]')).map(own);
								const list = location.pathname === '/controllers'
								  ? Array.from(document.querySelectorAll('main a[href]')).map(own) : [];
								const detail = Array.from(document.querySelectorAll('main table tbody a[href]')).slice(0, 1).map(own);
								return [nav.concat(list), detail];""");
			for (int kind = 0; kind < 2; kind++) {
				for (Object href : (List<?>) links.get(kind)) {
					String path = page(String.valueOf(href));
					if (path == null || found.contains(path)) {
						continue;
					}
					if (kind == 1 && details.contains(queue.get(i))) {
						continue;
					}
					found.add(path);
					if (kind == 0) {
						queue.add(path);
					}
					else {
						details.add(queue.get(i));
					}
				}
			}
		}
		return List.copyOf(found);
	}

	/** The path of a page to visit, or null for what is not a console page of ours. */
	String page(String href) {
		URI uri = URI.create(href);
		if (uri.getPort() != this.port || uri.getPath() == null) {
			return null;
		}
		String path = uri.getPath();
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.startsWith("/api/") || lower.startsWith("/swagger") || lower.startsWith("/v3/")
				|| lower.startsWith("/logout") || lower.startsWith("/login") || lower.startsWith("/unsubscribe")
				|| lower.startsWith("/admin") || lower.matches(".*\\.(csv|pdf|zip|json|yaml|eml|png)$")
				|| lower.contains("/download") || lower.contains("/export")) {
			return null;
		}
		String[] parts = path.split("/");
		if (parts.length > 2 && parts[1].equals("controllers") && !CONTROLLERS.contains(parts[2])) {
			return null;
		}
		String query = (uri.getQuery() == null) ? "" : String.join("&",
				List.of(uri.getQuery().split("&")).stream().filter((q) -> !q.startsWith("lang=")).toList());
		return query.isEmpty() ? path : path + "?" + query;
	}

	static String name(String page) {
		String name = page.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
		return name.isEmpty() ? "root" : name.substring(0, Math.min(name.length(), 90));
	}

}
