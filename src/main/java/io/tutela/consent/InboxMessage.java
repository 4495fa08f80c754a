package io.tutela.consent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message of the objection inbox: what arrived, whom Tutela found it names, and what a
 * person decided.
 *
 * @param sender the sender's address (personal data: shown to staff, never logged)
 * @param source {@code mailbox}, {@code upload} or {@code api}
 * @param objectionLike the subject or the sender's own lines ask to stop
 * @param match how the subject was found
 * @param proposedSubject the one subject the message names, when it names one
 * @param proposedEmail the prospect's address a quoted link names, when it names one
 * @param proposedPhone the prospect's number a quoted link names, when it names one
 * @param candidates every subject the sender's address or the quoted link names
 * @param linkPurpose the purpose of the quoted unsubscribe link
 * @param consentEvent the objection recorded on the ledger for it
 */
record InboxMessage(UUID id, String controllerId, String messageId, Instant receivedAt, @Nullable Instant sentAt,
		@Nullable String sender, @Nullable String subjectLine, String body, String source, String receivedBy,
		boolean objectionLike, Match match, @Nullable UUID proposedSubject, @Nullable String proposedEmail,
		@Nullable String proposedPhone, List<UUID> candidates, @Nullable String linkPurpose, State state,
		@Nullable Instant decidedAt, @Nullable String decidedBy, @Nullable UUID consentEvent) {

	/** How the message was tied to a subject. */
	enum Match implements Keyed {

		/** a quoted unsubscribe link of this controller names the subject */
		LINK,
		/** exactly one subject has the sender's address */
		SENDER,
		/**
		 * several subjects have the sender's address, or the link and the sender disagree
		 */
		AMBIGUOUS,
		/** no subject */
		NONE

	}

	/** Where the message stands. */
	enum State implements Keyed {

		/** one subject, a request to stop: one click records the objection */
		PROPOSED,
		/** waits for a person to choose the subject or to say it is no objection */
		PENDING,
		/** an objection was recorded */
		OBJECTION,
		/** a person decided it is not an objection */
		NOT_OBJECTION;

		boolean open() {
			return this == PROPOSED || this == PENDING;
		}

	}

	/** A value kept in the database as its name in lower case. */
	interface Keyed {

		String name();

		default String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		static <E extends Enum<E>> E of(Class<E> type, String key) {
			return Enum.valueOf(type, key.toUpperCase(Locale.ROOT));
		}

	}

}
