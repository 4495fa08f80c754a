package io.tutela.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The canonical encoding of an audit event and the hash that chains it to the one before,
 * exactly as {@link AuditLog} specifies them. An instance reuses its buffer and digest:
 * one per thread.
 */
final class CanonicalEncoding {

	/** The {@code prev_hash} of the first event: 64 zeros. */
	static final String GENESIS = "0".repeat(64);

	private static final String NULL = "\\N";

	private static final HexFormat HEX = HexFormat.of();

	private final StringBuilder text = new StringBuilder(256);

	private final MessageDigest sha256;

	CanonicalEncoding() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The canonical encoding of the event stored at {@code seq}. */
	static String canonical(long seq, AuditEvent event) {
		StringBuilder text = new StringBuilder(256);
		append(text, seq, event);
		return text.toString();
	}

	/**
	 * The hash of the event stored at {@code seq} after the event whose hash is
	 * {@code prevHash}: lower-case hex SHA-256 of {@code prevHash} followed by the
	 * canonical encoding, in UTF-8.
	 */
	String hash(String prevHash, long seq, AuditEvent event) {
		this.text.setLength(0);
		this.text.append(prevHash);
		append(this.text, seq, event);
		byte[] digest = this.sha256.digest(this.text.toString().getBytes(StandardCharsets.UTF_8));
		return HEX.formatHex(digest);
	}

	/**
	 * The canonical encoding of an event after its seq, from the TAB that follows it:
	 * what {@code audit_append_one} hashes after {@code prev_hash} and the seq it gives.
	 */
	static String afterSeq(AuditEvent event) {
		StringBuilder text = new StringBuilder(256);
		appendAfterSeq(text, event);
		return text.toString();
	}

	private static void append(StringBuilder text, long seq, AuditEvent event) {
		text.append(seq);
		appendAfterSeq(text, event);
	}

	private static void appendAfterSeq(StringBuilder text, AuditEvent event) {
		text.append('\t');
		appendTime(text, event.occurredAt());
		text.append('\t');
		appendText(text, event.actor()).append('\t');
		appendText(text, event.actorRole()).append('\t');
		appendText(text, event.controllerId()).append('\t');
		appendText(text, event.action()).append('\t');
		boolean first = true;
		for (String id : event.targetIds()) {
			if (!first) {
				text.append(',');
			}
			appendText(text, id);
			first = false;
		}
		text.append('\t');
		appendText(text, event.category()).append('\t');
		appendText(text, event.purpose()).append('\t');
		appendText(text, event.outcome()).append('\t');
		appendText(text, event.clientAddress());
	}

	/**
	 * An instant in UTC as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}: four-digit year, exactly
	 * six fractional digits.
	 */
	static String time(Instant instant) {
		StringBuilder text = new StringBuilder(27);
		appendTime(text, instant);
		return text.toString();
	}

	private static void appendTime(StringBuilder text, Instant instant) {
		LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
		pad(text, t.getYear(), 4).append('-');
		pad(text, t.getMonthValue(), 2).append('-');
		pad(text, t.getDayOfMonth(), 2).append('T');
		pad(text, t.getHour(), 2).append(':');
		pad(text, t.getMinute(), 2).append(':');
		pad(text, t.getSecond(), 2).append('.');
		pad(text, instant.getNano() / 1000, 6).append('Z');
	}

	private static StringBuilder pad(StringBuilder text, int value, int digits) {
		for (int limit = 10, n = 1; n < digits; n++, limit *= 10) {
			if (value < limit) {
				text.append('0');
			}
		}
		return text.append(value);
	}

	private static StringBuilder appendText(StringBuilder text, @Nullable String value) {
		if (value == null) {
			return text.append(NULL);
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\t' -> text.append("\\t");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case ',' -> text.append("\\,");
				default -> text.append(c);
			}
		}
		return text;
	}

}
