package io.tutela.consent;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailboxes of objection addresses Tutela reads ({@code tutela.consent.inbox.*}),
 * none unless a deployment names them; messages can always be handed in on the inbox page
 * and through the API.
 *
 * @param poll how often the mailboxes are read
 * @param mailboxes one per objection address: the controller whose address it is, and how
 * to reach it
 */
@ConfigurationProperties("tutela.consent.inbox")
record InboxProperties(@DefaultValue("PT5M") Duration poll, @DefaultValue List<Mailbox> mailboxes) {

	InboxProperties {
		if (poll.isNegative() || poll.isZero()) {
			throw new IllegalArgumentException("tutela.consent.inbox.poll must be positive");
		}
		for (Mailbox m : mailboxes) {
			if (!List.of("imap", "imaps", "pop3", "pop3s").contains(m.protocol())) {
				throw new IllegalArgumentException(
						"tutela.consent.inbox.mailboxes[].protocol: imap, imaps, pop3 or pop3s");
			}
			if (m.controller().isBlank() || m.host().isBlank()) {
				throw new IllegalArgumentException(
						"tutela.consent.inbox.mailboxes[]: controller and host are required");
			}
		}
	}

	/**
	 * One mailbox.
	 *
	 * @param controller the controller whose objection address it is
	 * @param protocol {@code imap}, {@code imaps}, {@code pop3} or {@code pop3s}
	 * @param port the server's port, or -1 for the protocol's own
	 * @param folder the folder read (IMAP; POP3 has only INBOX)
	 */
	record Mailbox(String controller, @DefaultValue("imaps") String protocol, String host, @DefaultValue("-1") int port,
			@Nullable String username, @Nullable String password, @DefaultValue("INBOX") String folder) {
	}

}
