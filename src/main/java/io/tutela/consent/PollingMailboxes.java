package io.tutela.consent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.tutela.web.InvalidInputException;

/**
 * Reads the objection mailboxes a deployment names, on a schedule: over IMAP the unread
 * messages, which are then marked read; over POP3 every message (the inbox keeps each
 * Message-ID once). A message that is not one is left out and counted in the log, which
 * never names a sender.
 */
@Component
class PollingMailboxes {

	private static final Logger log = LoggerFactory.getLogger(PollingMailboxes.class);

	private final InboxProperties properties;

	private final ReceivingObjections receiving;

	PollingMailboxes(InboxProperties properties, ReceivingObjections receiving) {
		this.properties = properties;
		this.receiving = receiving;
	}

	@Scheduled(fixedDelayString = "${tutela.consent.inbox.poll:PT5M}",
			initialDelayString = "${tutela.consent.inbox.poll:PT5M}")
	void pollAll() {
		for (InboxProperties.Mailbox mailbox : this.properties.mailboxes()) {
			try {
				poll(mailbox);
			}
			catch (MessagingException | IOException | RuntimeException ex) {
				log.warn("The objection mailbox of {} could not be read: {}", mailbox.controller(),
						ex.getClass().getSimpleName());
			}
		}
	}

	/** Reads one mailbox; returns how many new messages it added to the inbox. */
	int poll(InboxProperties.Mailbox mailbox) throws MessagingException, IOException {
		Session session = Session.getInstance(new Properties());
		int added = 0;
		int unreadable = 0;
		try (Store store = session.getStore(mailbox.protocol())) {
			store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
			boolean imap = mailbox.protocol().startsWith("imap");
			try (Folder folder = store.getFolder(imap ? mailbox.folder() : "INBOX")) {
				folder.open(imap ? Folder.READ_WRITE : Folder.READ_ONLY);
				Message[] found = imap ? folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))
						: folder.getMessages();
				for (Message message : found) {
					ByteArrayOutputStream raw = new ByteArrayOutputStream();
					message.writeTo(raw);
					try {
						if (this.receiving.receive(mailbox.controller(), raw.toByteArray(), "mailbox").created()) {
							added++;
						}
					}
					catch (InvalidInputException ex) {
						unreadable++;
					}
					if (imap) {
						message.setFlag(Flags.Flag.SEEN, true);
					}
				}
			}
		}
		if (unreadable > 0) {
			log.warn("{} messages in the objection mailbox of {} were not e-mail messages", unreadable,
					mailbox.controller());
		}
		return added;
	}

}
