package io.tutela.subject;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

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

	/**
	 * A subject reached by a message about its data: its name and the channel to use, the
	 * e-mail address first, then the telephone, then the postal address.
	 *
	 * @param channel {@code email}, {@code phone}, {@code post}, or {@code none}
	 */
	public record Reachable(UUID subjectId, String name, String channel, @Nullable String address) {
	}

	/**
	 * The subjects of the controller that the queries select (each returns
	 * {@code subject_id}, given {@code :c} and {@code :cats}), by name.
	 */
	@Transactional(readOnly = true)
	public List<Reachable> among(String controllerId, List<String> queries, List<String> categories, int offset,
			int limit) {
		if (queries.isEmpty() || categories.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT s.id, s.given_name, s.family_name, s.email, s.phone, s.address FROM subject s "
					+ "WHERE s.controller_id = :c AND s.id IN (" + String.join(" UNION ", queries) + ") "
					+ "ORDER BY s.family_name, s.given_name, s.id OFFSET :o LIMIT :l")
			.param("c", controllerId)
			.param("cats", categories.toArray(String[]::new))
			.param("o", offset)
			.param("l", limit)
			.query((rs, n) -> reachable(rs.getObject("id", UUID.class), rs.getString("given_name"),
					rs.getString("family_name"), rs.getString("email"), rs.getString("phone"), rs.getString("address")))
			.list();
	}

	/** How many subjects of the controller the queries select. */
	@Transactional(readOnly = true)
	public long count(String controllerId, List<String> queries, List<String> categories) {
		if (queries.isEmpty() || categories.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("SELECT count(*) FROM (" + String.join(" UNION ", queries) + ") ids")
			.param("c", controllerId)
			.param("cats", categories.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	private static Reachable reachable(UUID id, @Nullable String given, @Nullable String family, @Nullable String email,
			@Nullable String phone, @Nullable String address) {
		String name = ((family != null) ? family : "") + ((given != null) ? " " + given : "");
		if (email != null) {
			return new Reachable(id, name.strip(), "email", email);
		}
		if (phone != null) {
			return new Reachable(id, name.strip(), "phone", phone);
		}
		if (address != null) {
			return new Reachable(id, name.strip(), "post", address);
		}
		return new Reachable(id, name.strip(), "none", null);
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
