package io.tutela.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (TOTP, RFC 6238) for the second factor: HOTP (RFC 4226)
 * over the number of 30-second steps since the Unix epoch. The codes are those of the
 * usual authenticator apps; SHA-1 with 6 digits ({@link #DEFAULT}) is the only
 * combination every app understands.
 * <p>
 * A code is valid for a whole step, and {@link #verify} accepts neighbouring steps for
 * clock drift, so a code seen by someone else could be replayed within that time: the
 * caller stores the step {@code verify} returns and passes it back as
 * {@code lastUsedStep} on the next attempt, so that no step is accepted twice.
 *
 * @param algorithm the HMAC under HOTP
 * @param digits the length of a code, 6 or 8
 */
record Totp(Algorithm algorithm, int digits) {

	/** SHA-1, 6 digits, 30 seconds: what authenticator apps assume when told nothing. */
	static final Totp DEFAULT = new Totp(Algorithm.SHA1, 6);

	/** The length of a time step (RFC 6238 X), counted from the Unix epoch (T0 = 0). */
	static final Duration PERIOD = Duration.ofSeconds(30);

	/** The shortest secret accepted: RFC 4226 R6 requires 128 bits. */
	static final int MINIMUM_SECRET_BYTES = 16;

	/** The widest window {@link #verify} accepts, in steps on each side of now. */
	static final int MAXIMUM_WINDOW = 10;

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private static final SecureRandom RANDOM = new SecureRandom();

	Totp {
		if (digits != 6 && digits != 8) {
			throw new IllegalArgumentException("a TOTP code has 6 or 8 digits, not " + digits);
		}
	}

	/**
	 * A new random secret for {@link Algorithm#SHA1}: 20 bytes, the length of its output,
	 * as RFC 4226 recommends.
	 */
	static byte[] newSecret() {
		return newSecret(Algorithm.SHA1);
	}

	/** A new random secret as long as the output of the algorithm's hash. */
	static byte[] newSecret(Algorithm algorithm) {
		byte[] secret = new byte[algorithm.secretBytes()];
		RANDOM.nextBytes(secret);
		return secret;
	}

	/**
	 * The time step an instant falls in: whole periods since the Unix epoch.
	 * @throws IllegalArgumentException for an instant before the epoch
	 */
	static long step(Instant at) {
		if (at.getEpochSecond() < 0) {
			throw new IllegalArgumentException("TOTP time steps start at the Unix epoch");
		}
		return at.getEpochSecond() / PERIOD.getSeconds();
	}

	/** The code for the step the instant falls in. */
	String code(byte[] secret, Instant at) {
		return codeAt(secret, step(at));
	}

	/** The code for a given time step (the HOTP value of the step as counter). */
	String codeAt(byte[] secret, long step) {
		return new String(hotp(mac(secret), step), StandardCharsets.US_ASCII);
	}

	/**
	 * Checks a code typed by a person against the steps from {@code window} steps before
	 * to {@code window} steps after the step of {@code at}.
	 * @param code the code as typed: spaces are ignored, anything else but exactly
	 * {@link #digits()} digits fails
	 * @param window how many steps of clock drift to accept on each side; 1 is usual
	 * @return the step the code belongs to, to be stored against replay; empty when the
	 * code matches none
	 */
	OptionalLong verify(byte[] secret, String code, Instant at, int window) {
		return verify(secret, code, at, window, Long.MIN_VALUE);
	}

	/**
	 * Like {@link #verify(byte[], String, Instant, int)}, but accepts only steps after
	 * {@code lastUsedStep}, the step of the last code accepted for the same secret, so
	 * that a code cannot be used twice.
	 */
	OptionalLong verify(byte[] secret, String code, Instant at, int window, long lastUsedStep) {
		if (window < 0 || window > MAXIMUM_WINDOW) {
			throw new IllegalArgumentException("the window is 0 to " + MAXIMUM_WINDOW + " steps, not " + window);
		}
		Mac mac = mac(secret);
		byte[] typed = code.replace(" ", "").getBytes(StandardCharsets.US_ASCII);
		if (!wellFormed(typed)) {
			return OptionalLong.empty();
		}
		long now = step(at);
		long matched = Long.MIN_VALUE;
		// every step of the window is computed and compared, matching or not, so that the
		// time taken says nothing about which step (if any) matched
		for (long step = Math.max(0, now - window); step <= now + window; step++) {
			boolean equal = MessageDigest.isEqual(hotp(mac, step), typed);
			if (equal && step > lastUsedStep) {
				matched = step;
			}
		}
		return (matched != Long.MIN_VALUE) ? OptionalLong.of(matched) : OptionalLong.empty();
	}

	private boolean wellFormed(byte[] typed) {
		if (typed.length != this.digits) {
			return false;
		}
		for (byte b : typed) {
			if (b < '0' || b > '9') {
				return false;
			}
		}
		return true;
	}

	private Mac mac(byte[] secret) {
		if (secret.length < MINIMUM_SECRET_BYTES) {
			throw new IllegalArgumentException("a TOTP secret has at least " + MINIMUM_SECRET_BYTES + " bytes");
		}
		try {
			Mac mac = Mac.getInstance(this.algorithm.macName());
			mac.init(new SecretKeySpec(secret, this.algorithm.macName()));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK lacks " + this.algorithm.macName(), ex);
		}
	}

	/**
	 * RFC 4226 section 5.3: HMAC of the counter, dynamic truncation, modulo 10^digits.
	 */
	private byte[] hotp(Mac mac, long counter) {
		byte[] hash = mac.doFinal(longBytes(counter));
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		int value = binary % POWERS_OF_TEN[this.digits];
		byte[] code = new byte[this.digits];
		for (int i = this.digits - 1; i >= 0; i--) {
			code[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		return code;
	}

	private static byte[] longBytes(long value) {
		byte[] bytes = new byte[8];
		for (int i = 7; i >= 0; i--) {
			bytes[i] = (byte) value;
			value >>>= 8;
		}
		return bytes;
	}

	/**
	 * The HMAC under HOTP, named as in the {@code algorithm} parameter of the
	 * {@code otpauth} URI.
	 */
	enum Algorithm {

		SHA1("HmacSHA1", 20), SHA256("HmacSHA256", 32), SHA512("HmacSHA512", 64);

		private final String macName;

		private final int secretBytes;

		Algorithm(String macName, int secretBytes) {
			this.macName = macName;
			this.secretBytes = secretBytes;
		}

		String macName() {
			return this.macName;
		}

		/** The recommended secret length: the length of the hash's output. */
		int secretBytes() {
			return this.secretBytes;
		}

	}

}
