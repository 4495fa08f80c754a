package io.tutela.consent;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Messages read as the objection inbox reads them. */
class ReceivedMailUnitTest {

	static String mail(String headers, String body) {
		return headers + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
	}

	@Test
	void readsTheHeadersTheEvidenceNeeds() {
		ReceivedMail m = ReceivedMail.read(mail(
				"Message-ID: <a1@example.org>\r\nDate: Tue, 17 Nov 2026 10:15:00 +0100\r\n"
						+ "From: \"Rossi, Anna\" <Anna.Rossi@EXAMPLE.org>\r\nSubject: =?UTF-8?Q?Basta_offerte?=\r\n",
				"Grazie"));
		assertThat(m.messageId()).isEqualTo("<a1@example.org>");
		assertThat(m.sentAt()).isEqualTo(Instant.parse("2026-11-17T09:15:00Z"));
		assertThat(m.sender()).as("the domain in lower case, as subjects' addresses are kept")
			.isEqualTo("Anna.Rossi@example.org");
		assertThat(m.subjectLine()).isEqualTo("Basta offerte");
		assertThat(m.objectionLike()).isTrue();
	}

	@Test
	void aRequestToStopIsReadInTheSendersOwnLinesNotInTheQuotedMessage() {
		assertThat(ReceivedMail.read(mail("From: a@example.org\r\nSubject: Re: news\r\n", "Please unsubscribe me."))
			.objectionLike()).isTrue();
		assertThat(ReceivedMail.read(mail("From: a@example.org\r\nSubject: Re: news\r\n", "Non chiamatemi più"))
			.objectionLike()).isTrue();
		assertThat(ReceivedMail.read(mail("From: a@example.org\r\nSubject: Re: news\r\n",
				"Thanks, see you Tuesday.\r\n\r\nOn Mon, 2 Nov 2026, Conecto wrote:\r\n> To unsubscribe click here"))
			.objectionLike()).isFalse();
		assertThat(ReceivedMail
			.read(mail("From: a@example.org\r\nSubject: fattura\r\n", "Grazie.\r\n> Per disiscriverti: clicca qui"))
			.objectionLike()).isFalse();
	}

	@Test
	void quotedUnsubscribeLinksAreFound() {
		String token = "djEKY29uZWN0bwpzdWJqZWN0.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
		ReceivedMail m = ReceivedMail.read(mail("From: a@example.org\r\n",
				"> https://tutela.example/unsubscribe/" + token + "\r\n> https://tutela.example/unsubscribe/" + token));
		assertThat(m.tokens()).isEqualTo(List.of(token));
	}

	@Test
	void aMessageWithoutMessageIdIsKnownByItsDigestAndAnUnreadableSenderIsNone() {
		String raw = mail("From: not an address\r\nSubject: stop\r\n", "stop");
		ReceivedMail m = ReceivedMail.read(raw);
		assertThat(m.messageId()).matches("<sha256-[0-9a-f]{64}@tutela>").isEqualTo(ReceivedMail.read(raw).messageId());
		assertThat(m.sender()).isNull();
	}

	@Test
	void whatIsNotAMessageIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReceivedMail.read(new byte[0]))
			.withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ReceivedMail.read("just some words\nand more"))
			.withMessageContaining("not an e-mail message");
	}

	@Test
	void mailboxesAreCheckedWhenTutelaStarts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InboxProperties(java.time.Duration.ofMinutes(5),
					List.of(new InboxProperties.Mailbox("conecto", "smtp", "mail.example.org", -1, null, null,
							"INBOX"))))
			.withMessageContaining("protocol");
		assertThat(new InboxProperties(java.time.Duration.ofMinutes(5), List.of()).mailboxes()).isEmpty();
	}

}
