package io.tutela.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Passwords: hashed with argon2id, at least 12 characters, temporary ones generated at
 * random.
 */
@Configuration(proxyBeanMethods = false)
class Passwords {

	static final int MIN_LENGTH = 12;

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Bean
	PasswordEncoder passwordEncoder() {
		return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
	}

	/**
	 * A temporary password of 16 characters (about 93 bits), to be changed at first
	 * login.
	 */
	static String temporary() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	/** What is wrong with a new password, if anything. */
	static List<FieldProblem> check(String field, String password, String username) {
		List<FieldProblem> problems = new ArrayList<>();
		if (password.length() < MIN_LENGTH) {
			problems.add(new FieldProblem(field, "must be at least " + MIN_LENGTH + " characters long"));
		}
		if (password.length() > 200) {
			problems.add(new FieldProblem(field, "must be at most 200 characters long"));
		}
		if (password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
			problems.add(new FieldProblem(field, "must not contain the user name"));
		}
		return problems;
	}

}
