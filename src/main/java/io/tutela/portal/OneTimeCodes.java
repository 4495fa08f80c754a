package io.tutela.portal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.outbox.Outbox;
import io.tutela.policy.Policies;
import io.tutela.storage.Keys;

/**
 * One-time codes that sign a person in to a controller's portal: six digits sent by the
 * outbox to the address given, valid for a short time, for a few attempts, used once.
 * Neither the code nor the address is stored, only their keyed hashes. A code is sent to
 * any well-formed address, known to the controller or not, and the page answers the same
 * either way: the portal never tells who is a subscriber. Only a few codes go to one
 * address within a window; more are silently not sent.
 */
@Service
class OneTimeCodes {

	/** The kind of the outbox's mailings that carry codes. */
	static final String MAILING_KIND = "portal-code";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Policies policies;

	private final MessageSource messages;

	private final PortalProperties properties;

	private final Clock clock;

	private final byte[] key;

	OneTimeCodes(JdbcClient jdbc, Outbox outbox, Policies policies, MessageSource messages, PortalProperties properties,
			Clock clock, Keys keys) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.policies = policies;
		this.messages = messages;
		this.properties = properties;
		this.clock = clock;
		this.key = keys.key("portal-codes");
	}

	/** How a code was received. */
	enum Outcome {

		SIGNED_IN, WRONG, EXPIRED, TOO_MANY_ATTEMPTS, NO_CODE

	}

	/** A code as stored. */
	record Stored(UUID id, String codeHash, Instant expiresAt, int attempts) {

		/**
		 * What a code given now means: expired, spent by too many attempts, wrong, or
		 * right (the attempt counted either way by the caller).
		 */
		Outcome check(String given, String givenHash, Instant now, int maxAttempts) {
			if (!now.isBefore(this.expiresAt)) {
				return Outcome.EXPIRED;
			}
			if (this.attempts >= maxAttempts) {
				return Outcome.TOO_MANY_ATTEMPTS;
			}
			boolean right = given.matches("[0-9]{6}") && MessageDigest.isEqual(
					this.codeHash.getBytes(StandardCharsets.US_ASCII), givenHash.getBytes(StandardCharsets.US_ASCII));
			return right ? Outcome.SIGNED_IN : Outcome.WRONG;
		}

	}

	/**
	 * Sends a new code to the address for the controller's portal, in the person's
	 * language, unless the address had its share of codes within the window.
	 * @return the code's id, or empty when none was sent
	 */
	@Transactional
	Optional<UUID> send(String controllerId, String email, @Nullable UUID subjectId, Locale locale) {
		Instant now = this.clock.instant();
		String address = addressHash(controllerId, email);
		long recent = this.jdbc
			.sql("""
					SELECT count(*) FROM portal_code WHERE controller_id = :c AND address_hash = :a AND created_at > :since""")
			.param("c", controllerId)
			.param("a", address)
			.param("since", Timestamp.from(now.minus(this.properties.sendWindow())))
			.query(Long.class)
			.single();
		if (recent >= this.properties.sendsPerWindow()) {
			return Optional.empty();
		}
		UUID id = UUID.randomUUID();
		String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
		this.jdbc.sql("""
				INSERT INTO portal_code (id, controller_id, address_hash, code_hash, created_at, expires_at)
				VALUES (:id, :c, :a, :h, :now, :expires)""")
			.param("id", id)
			.param("c", controllerId)
			.param("a", address)
			.param("h", codeHash(id, code))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(this.properties.codeValidity())))
			.update();
		String name = this.policies.controller(controllerId).name();
		long minutes = Math.max(1, this.properties.codeValidity().toMinutes());
		UUID mailing = this.outbox.mailing(controllerId, MAILING_KIND, id.toString(),
				this.messages.getMessage("portal.mail.subject", new Object[] { name }, locale),
				this.messages.getMessage("portal.mail.body", new Object[] { name, code, minutes }, locale));
		this.outbox.send(controllerId, mailing, List.of(new Outbox.Recipient(subjectId, email)));
		return Optional.of(id);
	}

	/**
	 * Checks a code given for the address: the newest unused code of the address decides;
	 * every attempt counts, a right one is used up.
	 */
	@Transactional
	Outcome verify(String controllerId, String email, String given) {
		String code = given.strip();
		Optional<Stored> stored = this.jdbc.sql("""
				SELECT id, code_hash, expires_at, attempts FROM portal_code
				WHERE controller_id = :c AND address_hash = :a AND used_at IS NULL
				ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")
			.param("c", controllerId)
			.param("a", addressHash(controllerId, email))
			.query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getString("code_hash"),
					rs.getTimestamp("expires_at").toInstant(), rs.getInt("attempts")))
			.optional();
		if (stored.isEmpty()) {
			return Outcome.NO_CODE;
		}
		Instant now = this.clock.instant();
		Outcome outcome = stored.get()
			.check(code, codeHash(stored.get().id(), code), now, this.properties.maxAttempts());
		if (outcome == Outcome.WRONG || outcome == Outcome.SIGNED_IN) {
			this.jdbc.sql("UPDATE portal_code SET attempts = attempts + 1, used_at = :used WHERE id = :id")
				.param("used", (outcome == Outcome.SIGNED_IN) ? Timestamp.from(now) : null)
				.param("id", stored.get().id())
				.update();
		}
		return outcome;
	}

	/** Deletes codes that can no longer sign anybody in, every hour. */
	@org.springframework.scheduling.annotation.Scheduled(cron = "0 17 * * * *")
	void purge() {
		this.jdbc.sql("DELETE FROM portal_code WHERE expires_at < :before")
			.param("before", Timestamp.from(this.clock.instant().minus(this.properties.sendWindow())))
			.update();
	}

	String addressHash(String controllerId, String email) {
		return hmac(controllerId + "\n" + email.strip().toLowerCase(Locale.ROOT));
	}

	private String codeHash(UUID id, String code) {
		return hmac(id + "\n" + code);
	}

	private String hmac(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
