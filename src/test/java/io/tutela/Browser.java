package io.tutela;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its own chromedriver: a person's view of
 * Tutela's pages. Every page can be kept as a screenshot under
 * {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final String base;

	private Browser(ChromeDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	/**
	 * Starts Chromium; fails (never skips) when Debian's chromium and chromium-driver are
	 * missing.
	 */
	public static Browser open(int port) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException(
					"Browser tests need Debian's Chromium: apt-get install -y chromium chromium-driver");
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1600", "--lang=it-IT");
		try {
			options.addArguments("--user-data-dir=" + Files.createTempDirectory("tutela-chromium"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver, "http://localhost:" + port);
	}

	public Browser go(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	/**
	 * Logs in through the login page; a temporary password is replaced by
	 * {@code password + "-own"}.
	 */
	public Browser login(String username, String password) {
		go("/login");
		find("#username").sendKeys(username);
		find("#password").sendKeys(password);
		find("#login-submit").click();
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((d) -> !d.getCurrentUrl().endsWith("/login")
				|| !d.findElements(By.cssSelector(".message.error")).isEmpty());
		if (url().endsWith("/login/password")) {
			find("#newPassword").sendKeys(password + "-own");
			find("#confirmation").sendKeys(password + "-own");
			find("#password-submit").click();
			new WebDriverWait(this.driver, Duration.ofSeconds(10))
				.until((d) -> !d.getCurrentUrl().endsWith("/login/password"));
		}
		return this;
	}

	/** Waits (up to 10 s) until the address contains the given text, and returns it. */
	public String waitForUrl(String part) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(part));
		return url();
	}

	/**
	 * Waits (up to 10 s) until an element matching the selector is on the page, and
	 * returns it.
	 */
	public WebElement waitFor(String css) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
	}

	/**
	 * Waits (up to 10 s) until an element matching the selector holds the text (on the
	 * page that follows a click too, however long the old one stays), and returns its
	 * text.
	 */
	public String waitForText(String css, String text) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
		return text(css);
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	public String text(String css) {
		return find(css).getText();
	}

	public String title() {
		return this.driver.getTitle();
	}

	public String url() {
		return this.driver.getCurrentUrl();
	}

	public String bodyText() {
		return find("body").getText();
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Keeps a screenshot of the current page as {@code target/screenshots/<name>.png}.
	 */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			File shot = this.driver.getScreenshotAs(OutputType.FILE);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
