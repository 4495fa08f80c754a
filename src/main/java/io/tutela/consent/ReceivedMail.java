package io.tutela.consent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import io.tutela.subject.EmailAddresses;

/**
 * A message received at an objection address, read from its RFC 5322 form (an
 * {@code .eml} file, a mailbox): its Message-ID (or a digest of the message when it has
 * none), date, sender, subject, text, the unsubscribe tokens it quotes, and whether it
 * reads like a request to stop.
 */
record ReceivedMail(String messageId, @Nullable Instant sentAt, @Nullable String sender, @Nullable String subjectLine,
		String body, List<String> tokens, boolean objectionLike) {

	/** The longest text kept of a message. */
	static final int BODY_LIMIT = 20_000;

	private static final Session SESSION = Session.getInstance(new Properties());

	/**
	 * An unsubscribe link as Tutela writes it:
	 * {@code /unsubscribe/<payload>.<signature>}.
	 */
	private static final Pattern TOKEN = Pattern
		.compile("/unsubscribe/([A-Za-z0-9_-]{8,1500}\\.[A-Za-z0-9_-]{20,100})");

	/**
	 * Words of a request to stop, in Italian and English, looked for in the subject and
	 * in the lines the sender wrote (not in the quoted message).
	 */
	private static final Pattern STOP = Pattern.compile("\\b(unsubscribe|stop|opt[ -]?out|remove me|take me off|"
			+ "do not (contact|call|write|e-?mail)|don't (contact|call|write|e-?mail)|no more (e-?mails|calls|messages)|"
			+ "object(ion)?|cancellami|cancellatemi|cancellare|cancellazione|disiscri\\w*|rimuove\\w*|rimuovi|"
			+ "non (contattatemi|contattarmi|chiamatemi|chiamarmi|scrivetemi|scrivermi|voglio)|mi oppongo|"
			+ "opposizione|revoca\\w*|basta)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** Reads a message; refuses what is not one. */
	static ReceivedMail read(byte[] raw) {
		if (raw.length == 0) {
			throw new IllegalArgumentException("the message is empty");
		}
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			String[] ids = message.getHeader("Message-ID");
			String messageId = (ids != null && ids.length > 0 && !ids[0].isBlank()) ? ids[0].strip()
					: "<sha256-" + digest(raw) + "@tutela>";
			if (messageId.length() > 998) {
				throw new IllegalArgumentException("the Message-ID is longer than a header line may be");
			}
			Address[] from;
			try {
				from = message.getFrom();
			}
			catch (AddressException ex) {
				from = null;
			}
			String sender = null;
			if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
					&& address.getAddress() != null
					&& EmailAddresses.normalise(address.getAddress()) instanceof EmailAddresses.Valid valid) {
				sender = valid.address();
			}
			String text = text(message);
			if (message.getHeader("From") == null && message.getHeader("Date") == null && ids == null) {
				throw new IllegalArgumentException("not an e-mail message: it has no From, Date or Message-ID header");
			}
			String body = (text.length() > BODY_LIMIT) ? text.substring(0, BODY_LIMIT) : text;
			String subjectLine = message.getSubject();
			List<String> tokens = TOKEN.matcher(text).results().map((m) -> m.group(1)).distinct().toList();
			boolean stop = (subjectLine != null && STOP.matcher(subjectLine).find())
					|| STOP.matcher(ownLines(text)).find();
			return new ReceivedMail(messageId,
					(message.getSentDate() != null) ? message.getSentDate().toInstant() : null, sender, subjectLine,
					body, tokens, stop);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalArgumentException("not a readable e-mail message (RFC 5322)");
		}
	}

	/** The plain text of a message: its text/plain parts, or its HTML without tags. */
	private static String text(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return String.valueOf(part.getContent());
		}
		if (part.isMimeType("text/html")) {
			return String.valueOf(part.getContent()).replaceAll("(?s)<[^>]*>", " ");
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			StringBuilder plain = new StringBuilder();
			StringBuilder any = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
					continue;
				}
				String t = text(child);
				any.append(t).append('\n');
				if (child.isMimeType("text/plain") || child.isMimeType("multipart/*")) {
					plain.append(t).append('\n');
				}
			}
			return (plain.length() > 0) ? plain.toString() : any.toString();
		}
		if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part inner) {
			return text(inner);
		}
		return "";
	}

	/**
	 * The lines the sender wrote: up to the first quoted line ({@code >}) or the line
	 * that introduces the quoted message.
	 */
	static String ownLines(String text) {
		StringBuilder own = new StringBuilder();
		for (String line : text.split("\r?\n")) {
			String l = line.strip().toLowerCase(Locale.ROOT);
			if (l.startsWith(">") || l.startsWith("-----original message") || l.startsWith("----- messaggio originale")
					|| (l.startsWith("on ") && l.endsWith("wrote:"))
					|| (l.startsWith("il ") && l.endsWith("scritto:"))) {
				break;
			}
			own.append(line).append('\n');
		}
		return own.toString();
	}

	private static String digest(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A message as text, for messages pasted on a page. */
	static ReceivedMail read(String pasted) {
		return read(pasted.getBytes(StandardCharsets.UTF_8));
	}

}
