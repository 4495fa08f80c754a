package io.tutela.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.codec.binary.Base32;

import io.tutela.Http;
import io.tutela.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A judicial liaison for tests, made as a person would: the account created by an
 * administrator, the first login with its authenticator enrolled, and a personal API
 * token made in the console.
 *
 * @param token the token's secret
 * @param totpSecret the authenticator's secret, for codes
 */
public record Liaison(String token, byte[] totpSecret) {

	private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

	private static final Pattern TOKEN = Pattern.compile("id=\"new-token\">(tut_[^<]+)<");

	public static Liaison create(int port, String username, List<String> controllers) {
		Staff.Created created = Staff.create(port, username, List.of("judicial_liaison"), controllers);
		Http session = Http.session(port);
		assertThat(session.login(created.username(), created.password()).location()).endsWith("/login/enrol");
		Matcher secret = SECRET.matcher(session.get("/login/enrol").body());
		assertThat(secret.find()).isTrue();
		byte[] totp = new Base32().decode(secret.group(1));
		Http.Response codes = session.submit("/login/enrol", "/login/enrol",
				Map.of("code", Totp.DEFAULT.code(totp, Instant.now())));
		assertThat(codes.body()).contains("recovery-codes");
		Http.Response page = session.submit("/account", "/account/tokens",
				Map.of("name", "vault", "validityDays", "30", "roles", "JUDICIAL_LIAISON"));
		Matcher token = TOKEN.matcher(page.body());
		assertThat(token.find()).as(page.body()).isTrue();
		return new Liaison(token.group(1), totp);
	}

	/** A code of the authenticator, some seconds ahead of now. */
	public String code(int secondsAhead) {
		return code(this.totpSecret, secondsAhead);
	}

	/** A code of an authenticator with this secret, some seconds ahead of now. */
	public static String code(byte[] secret, int secondsAhead) {
		return Totp.DEFAULT.code(secret, Instant.now().plusSeconds(secondsAhead));
	}

}
