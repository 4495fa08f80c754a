package io.tutela.outbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The transport: SMTP through Spring's {@link JavaMailSender} when
 * {@code spring.mail.host} is set, otherwise the built-in mailbox (the demo's): a message
 * is then delivered by being kept, readable on the outbox pages, and nothing leaves the
 * machine.
 */
@Configuration(proxyBeanMethods = false)
class Transports {

	static final String SMTP = "smtp";

	static final String MAILBOX = "mailbox";

	@Bean
	MailTransport mailTransport(ObjectProvider<JavaMailSender> sender) {
		JavaMailSender smtp = sender.getIfAvailable();
		if (smtp == null) {
			return new MailTransport() {

				@Override
				public String name() {
					return MAILBOX;
				}

				@Override
				public void send(String from, String to, String subjectLine, String body) {
					// kept in the outbox, which is the built-in mailbox
				}

			};
		}
		return new MailTransport() {

			@Override
			public String name() {
				return SMTP;
			}

			@Override
			public void send(String from, String to, String subjectLine, String body) {
				SimpleMailMessage message = new SimpleMailMessage();
				message.setFrom(from);
				message.setTo(to);
				message.setSubject(subjectLine);
				message.setText(body);
				smtp.send(message);
			}

		};
	}

}
