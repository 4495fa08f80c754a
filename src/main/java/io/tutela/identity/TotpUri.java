package io.tutela.identity;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.binary.Base32;

/**
 * The {@code otpauth://totp/...} key URI that enrolment shows as a QR code, in the format
 * authenticator apps read (the "Key Uri Format" of Google Authenticator), for example
 * {@code otpauth://totp/Tutela:mario.rossi?secret=JBSWY3DPEHPK3PXP&issuer=Tutela&algorithm=SHA1&digits=6&period=30}.
 * <p>
 * The URI carries the secret: it is shown once to the person enrolling and never logged
 * or stored.
 */
final class TotpUri {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private TotpUri() {
	}

	/**
	 * The key URI of a secret.
	 * @param issuer who the code is for, shown by the app (the service, e.g. "Tutela")
	 * @param account the account within the issuer, shown by the app (e.g. the user name)
	 * @param secret the shared secret
	 * @param totp the algorithm and number of digits the server checks with
	 * @throws IllegalArgumentException when issuer or account is blank or holds a colon,
	 * which the format reserves to separate them
	 */
	static String of(String issuer, String account, byte[] secret, Totp totp) {
		checkName("issuer", issuer);
		checkName("account", account);
		return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + base32(secret) + "&issuer="
				+ encode(issuer) + "&algorithm=" + totp.algorithm().name() + "&digits=" + totp.digits() + "&period="
				+ Totp.PERIOD.getSeconds();
	}

	/**
	 * The secret in Base32 (RFC 4648) without padding, as the URI carries it and as a
	 * person types it into an app that cannot scan the QR code.
	 */
	static String base32(byte[] secret) {
		String encoded = new Base32().encodeToString(secret);
		int end = encoded.length();
		while (end > 0 && encoded.charAt(end - 1) == '=') {
			end--;
		}
		return encoded.substring(0, end);
	}

	private static void checkName(String what, String name) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("the " + what + " of a TOTP key must not be blank");
		}
		if (name.indexOf(':') >= 0) {
			throw new IllegalArgumentException("the " + what + " of a TOTP key must not contain ':'");
		}
	}

	/**
	 * RFC 3986 percent-encoding of the UTF-8 bytes: everything but the unreserved
	 * characters is encoded, a space as {@code %20} (never {@code +}, which apps would
	 * show).
	 */
	static String encode(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (unreserved(c)) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
			}
		}
		return out.toString();
	}

	private static boolean unreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
