package io.tutela.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption (AES-256-GCM) of small secrets stored in the database, with a
 * key from {@link Keys}: a stolen database alone does not reveal them.
 * <p>
 * Safe to share between threads: each thread seals and opens with a cipher of its own,
 * looked up once and initialised again for every secret with its own nonce. Initialised
 * again with the same key, the JDK's AES keeps the round keys it expanded before.
 */
public final class SecretBox {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SecretBox::cipher);

	public SecretBox(byte[] key) {
		this.key = new SecretKeySpec(key, "AES");
	}

	/** The secret sealed as {@code base64(nonce || ciphertext || tag)}. */
	public String seal(byte[] plain, String context) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = this.ciphers.get();
			// a fresh nonce each time: GCM refuses to encrypt twice under the same one
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			// the ciphertext and its tag, exactly as long as the cipher says, after the
			// nonce
			byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(plain.length));
			cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
			return Base64.getEncoder().encodeToString(sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	/** Opens what {@link #seal} sealed for the same context; fails if it was altered. */
	public byte[] open(String sealed, String context) {
		try {
			byte[] bytes = Base64.getDecoder().decode(sealed);
			Cipher cipher = this.ciphers.get();
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A sealed secret could not be opened", ex);
		}
	}

	private static Cipher cipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No AES-GCM cipher", ex);
		}
	}

}
