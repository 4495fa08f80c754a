package io.tutela.consent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.storage.Keys;

/**
 * Signed, expiring unsubscribe links: a token names the controller, the person, the
 * purpose and the scope the objection covers and when the link expires, signed with
 * HMAC-SHA256 under a key kept outside the database. Nothing is stored for a link: the
 * signature is the proof.
 */
@Component
class UnsubscribeLinks {

	static final String KEY = "unsubscribe-links";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final Keys keys;

	UnsubscribeLinks(Keys keys) {
		this.keys = keys;
	}

	String token(Link link) {
		String payload = String.join("\n", "v1", link.controllerId(), link.kind(), link.value(), link.purpose(),
				link.scope(), String.valueOf(link.expiresAt().getEpochSecond()));
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
	}

	/** The link a token stands for, if its signature holds; expiry is the caller's. */
	Optional<Link> read(String token) {
		int dot = token.indexOf('.');
		if (dot < 1 || token.length() > 2000) {
			return Optional.empty();
		}
		try {
			byte[] payload = DECODER.decode(token.substring(0, dot));
			byte[] signature = DECODER.decode(token.substring(dot + 1));
			if (!MessageDigest.isEqual(signature, sign(payload))) {
				return Optional.empty();
			}
			String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
			if (parts.length != 7 || !parts[0].equals("v1")) {
				return Optional.empty();
			}
			return Optional.of(new Link(parts[1], parts[2], parts[3], parts[4], parts[5],
					Instant.ofEpochSecond(Long.parseLong(parts[6]))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private byte[] sign(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.keys.key(KEY), "HmacSHA256"));
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a link records when followed.
	 *
	 * @param kind {@code subject}, {@code phone} or {@code email}
	 */
	record Link(String controllerId, String kind, String value, String purpose, String scope, Instant expiresAt) {

		static Link of(String controllerId, Contacts.Person person, String purpose, String scope, Instant expiresAt) {
			String kind = (person.subjectId() != null) ? "subject" : (person.phone() != null) ? "phone" : "email";
			String value = (person.subjectId() != null) ? person.subjectId().toString()
					: (person.phone() != null) ? person.phone() : String.valueOf(person.email());
			return new Link(controllerId, kind, value, purpose, scope, expiresAt);
		}

		@Nullable UUID subjectId() {
			return this.kind.equals("subject") ? UUID.fromString(this.value) : null;
		}

	}

}
