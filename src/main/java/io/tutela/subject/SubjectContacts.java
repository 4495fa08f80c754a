package io.tutela.subject;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subjects of a controller that can be written to, for the messages Tutela owes them
 * (a changed notice): read in one pass, however many they are.
 */
@Component
public class SubjectContacts {

	/** A subject and the e-mail address it gave. */
	public record Contact(UUID subjectId, String email) {
	}

	private static final int FETCH = 5_000;

	private final JdbcClient jdbc;

	SubjectContacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every subject of the controller with an e-mail address, in a stable order. */
	@Transactional(readOnly = true)
	public void withEmail(String controllerId, Consumer<Contact> each) {
		try (Stream<Contact> contacts = this.jdbc
			.sql("SELECT id, email FROM subject WHERE controller_id = :c AND email IS NOT NULL ORDER BY id")
			.param("c", controllerId)
			.withFetchSize(FETCH)
			.query((rs, n) -> new Contact(rs.getObject("id", UUID.class), rs.getString("email")))
			.stream()) {
			contacts.forEach(each);
		}
	}

}
