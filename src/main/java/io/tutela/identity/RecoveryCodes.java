package io.tutela.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Single-use recovery codes, for a person who has lost the device with the second factor.
 * They are shown once at enrolment, for the person to print or keep; only their hashes
 * are stored, and a code used is struck off by the caller.
 * <p>
 * A code is 16 characters of Crockford's Base32 ({@code 0-9} and the letters without
 * {@code i l o u}) in four groups, for example {@code 7kq2-xm9d-4f0t-hw3n}: 80 random
 * bits. {@link #normalise} forgives what people do when they type one: capitals, dashes
 * or spaces in other places, and {@code o}, {@code i}, {@code l} for {@code 0} and
 * {@code 1}.
 * <p>
 * <b>Why SHA-256 and not a slow password hash.</b> A slow hash (bcrypt, argon2) exists to
 * make guessing a <em>low-entropy</em> secret chosen by a person expensive. These codes
 * are drawn at random with 80 bits each. Even someone holding a stolen table of a million
 * stored codes, attacking all at once (the hash is unsalted, so one guess tries every
 * row), needs about 2^80 / 2^20 = 2^60 SHA-256 computations to find any one of them, and
 * what a hit gives is a second factor: the account's password, hashed slowly, is still
 * needed. (At 60 bits, the 12-character form, that same search would take 2^40: hence 16
 * characters.) A fast hash costs nothing in safety here, lets the login look a code up by
 * its hash, and cannot be turned into a denial of service by flooding the recovery form.
 */
final class RecoveryCodes {

	/** How many codes one enrolment gives. */
	static final int DEFAULT_COUNT = 10;

	/** Crockford's Base32 in lower case: 32 symbols, 5 bits each. */
	static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	static final int GROUPS = 4;

	static final int GROUP_LENGTH = 4;

	/** The random bits in one code. */
	static final int ENTROPY_BITS = GROUPS * GROUP_LENGTH * 5;

	private static final SecureRandom RANDOM = new SecureRandom();

	private RecoveryCodes() {
	}

	/** {@link #DEFAULT_COUNT} new codes, all different, in their readable form. */
	static List<String> generate() {
		return generate(DEFAULT_COUNT);
	}

	/** New codes, all different, in their readable form. */
	static List<String> generate(int count) {
		if (count < 1 || count > 100) {
			throw new IllegalArgumentException("between 1 and 100 recovery codes, not " + count);
		}
		Set<String> codes = new LinkedHashSet<>();
		while (codes.size() < count) {
			codes.add(newCode());
		}
		return List.copyOf(codes);
	}

	private static String newCode() {
		StringBuilder code = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
		for (int group = 0; group < GROUPS; group++) {
			if (group > 0) {
				code.append('-');
			}
			for (int i = 0; i < GROUP_LENGTH; i++) {
				code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
			}
		}
		return code.toString();
	}

	/**
	 * A code as typed, in the one form that is hashed: lower case, without spaces or
	 * dashes, with {@code o} read as {@code 0} and {@code i}, {@code l} as {@code 1}.
	 * Other characters are kept, so that a mistyped code is not turned into someone's
	 * valid one.
	 */
	static String normalise(String input) {
		StringBuilder out = new StringBuilder(input.length());
		for (char c : input.toLowerCase(Locale.ROOT).toCharArray()) {
			if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				continue;
			}
			out.append(switch (c) {
				case 'o' -> '0';
				case 'i', 'l' -> '1';
				default -> c;
			});
		}
		return out.toString();
	}

	/** The SHA-256 of the normalised code in lower-case hex: what is stored. */
	static String hash(String code) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(normalise(code).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether a code as typed matches a stored hash, compared in constant time.
	 */
	static boolean matches(String input, String storedHash) {
		return MessageDigest.isEqual(hash(input).getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

}
