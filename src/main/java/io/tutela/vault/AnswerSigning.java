package io.tutela.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.tutela.storage.Keys;

/**
 * Each provider's Ed25519 key pair for signing the digests of handover answers. The pair
 * is kept with the other keys outside the database (both halves in one file, each encoded
 * as the JDK encodes it: PKCS #8 and X.509 SubjectPublicKeyInfo); the public half is
 * published so that an authority can verify what it received.
 */
@Component
class AnswerSigning {

	static final String ALGORITHM = "Ed25519";

	private final Keys keys;

	private final Map<String, KeyPair> pairs = new ConcurrentHashMap<>();

	AnswerSigning(Keys keys) {
		this.keys = keys;
	}

	/** The signature of the bytes under the controller's private key, in Base64. */
	String sign(String controllerId, byte[] data) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(pair(controllerId).getPrivate());
			signature.update(data);
			return Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Signing failed", ex);
		}
	}

	/** The controller's public key, as a PEM block of its SubjectPublicKeyInfo. */
	String publicKeyPem(String controllerId) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(pair(controllerId).getPublic().getEncoded());
		return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
	}

	/** Whether the Base64 signature over the bytes verifies under the public key. */
	static boolean verify(PublicKey key, byte[] data, String signatureBase64) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initVerify(key);
			signature.update(data);
			return signature.verify(Base64.getDecoder().decode(signatureBase64));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** Reads a public key from its PEM block. */
	static PublicKey publicKey(String pem) {
		String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
			.replace("-----END PUBLIC KEY-----", "")
			.replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("not an Ed25519 public key", ex);
		}
	}

	private KeyPair pair(String controllerId) {
		return this.pairs.computeIfAbsent(controllerId, this::load);
	}

	private KeyPair load(String controllerId) {
		byte[] stored = this.keys.secret("justice-signing-" + controllerId.replaceAll("[^a-z0-9-]", "-"),
				AnswerSigning::newPair);
		String[] parts = new String(stored, StandardCharsets.US_ASCII).split("\n");
		try {
			KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
			PrivateKey privateKey = factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
			PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
			return new KeyPair(publicKey, privateKey);
		}
		catch (GeneralSecurityException | ArrayIndexOutOfBoundsException ex) {
			throw new IllegalStateException("The justice signing key of '" + controllerId + "' cannot be read", ex);
		}
	}

	private static byte[] newPair() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
			String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
					+ Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
			return text.getBytes(StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No Ed25519 key pair generator", ex);
		}
	}

}
