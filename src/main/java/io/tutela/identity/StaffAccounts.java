package io.tutela.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;

/** Creating and keeping staff accounts: scope, passwords, enabling and unlocking. */
@Service
class StaffAccounts {

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Auditing auditing;

	StaffAccounts(Accounts accounts, PasswordEncoder encoder, JdbcClient jdbc, Clock clock, Auditing auditing) {
		this.auditing = auditing;
		this.accounts = accounts;
		this.encoder = encoder;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new account and its temporary password, to be told to its owner once. */
	record Issued(Account account, String temporaryPassword) {
	}

	Account get(UUID id) {
		return this.accounts.byId(id).orElseThrow(() -> new NotFoundException("account", id));
	}

	List<Account> all() {
		return this.accounts.all();
	}

	@Transactional
	Issued create(String username, String displayName, Set<Role> roles, boolean allControllers,
			Set<String> controllers) {
		List<FieldProblem> problems = scopeProblems(roles, allControllers, controllers);
		if (!USERNAME.matcher(username).matches()) {
			problems.add(new FieldProblem("username",
					"2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
		}
		else if (this.accounts.byUsername(username).isPresent()) {
			problems.add(new FieldProblem("username", "is already taken"));
		}
		if (displayName.isBlank() || displayName.length() > 200) {
			problems.add(new FieldProblem("displayName", "must be 1 to 200 characters"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		String password = Passwords.temporary();
		UUID id = UUID.randomUUID();
		this.accounts.insert(id, username, displayName.strip(), this.encoder.encode(password), true, allControllers,
				this.clock.instant());
		this.accounts.scope(id, roles, allControllers, allControllers ? Set.of() : controllers);
		this.auditing.success("account.create", null, null, List.of(id));
		return new Issued(get(id), password);
	}

	/**
	 * Creates an account with a password chosen by configuration (the first
	 * administrator).
	 */
	@Transactional
	Account createWithPassword(String username, String displayName, Set<Role> roles, String password,
			boolean temporary) {
		UUID id = UUID.randomUUID();
		this.accounts.insert(id, username, displayName, this.encoder.encode(password), temporary, true,
				this.clock.instant());
		this.accounts.scope(id, roles, true, Set.of());
		return get(id);
	}

	@Transactional
	Account rescope(UUID id, Set<Role> roles, boolean allControllers, Set<String> controllers) {
		get(id);
		List<FieldProblem> problems = scopeProblems(roles, allControllers, controllers);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.accounts.scope(id, roles, allControllers, allControllers ? Set.of() : controllers);
		this.auditing.success("account.scope", null, null, List.of(id));
		return get(id);
	}

	private List<FieldProblem> scopeProblems(Set<Role> roles, boolean allControllers, Set<String> controllers) {
		List<FieldProblem> problems = new ArrayList<>();
		if (roles.isEmpty()) {
			problems.add(new FieldProblem("roles", "give the account at least one role"));
		}
		if (!allControllers && controllers.isEmpty()) {
			problems.add(new FieldProblem("controllers", "name at least one controller, or all of them"));
		}
		for (String controller : controllers) {
			boolean known = this.jdbc.sql("SELECT count(*) FROM controller WHERE id = :id")
				.param("id", controller)
				.query(Integer.class)
				.single() > 0;
			if (!known) {
				problems.add(new FieldProblem("controllers", "unknown controller '" + controller + "'"));
			}
		}
		return problems;
	}

	/** The owner changes the password, proving the current one. */
	@Transactional
	void changePassword(UUID id, String current, String next) {
		Account account = get(id);
		List<FieldProblem> problems = new ArrayList<>();
		if (!this.encoder.matches(current, account.passwordHash())) {
			problems.add(new FieldProblem("currentPassword", "is not the current password"));
		}
		problems.addAll(Passwords.check("newPassword", next, account.username()));
		if (next.equals(current)) {
			problems.add(new FieldProblem("newPassword", "must differ from the current password"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.accounts.password(id, this.encoder.encode(next), false);
		this.auditing.success("account.password", null, null, List.of(id));
	}

	/** Replaces a temporary password at login (the person has just proved it). */
	@Transactional
	void replaceTemporary(UUID id, String next, String confirmation) {
		Account account = get(id);
		if (!account.passwordTemporary()) {
			throw new IllegalStateException("the password is not temporary");
		}
		List<FieldProblem> problems = new ArrayList<>(Passwords.check("newPassword", next, account.username()));
		if (!next.equals(confirmation)) {
			problems.add(new FieldProblem("confirmation", "does not match the new password"));
		}
		if (this.encoder.matches(next, account.passwordHash())) {
			problems.add(new FieldProblem("newPassword", "must differ from the temporary password"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.accounts.password(id, this.encoder.encode(next), false);
	}

	/** An administrator gives the account a new temporary password. */
	@Transactional
	String resetPassword(UUID id) {
		get(id);
		String password = Passwords.temporary();
		this.accounts.password(id, this.encoder.encode(password), true);
		this.accounts.resetFailures(id);
		this.auditing.success("account.password_reset", null, null, List.of(id));
		return password;
	}

	@Transactional
	void enable(UUID id, boolean enabled) {
		get(id);
		this.accounts.enabled(id, enabled);
		this.auditing.success(enabled ? "account.enable" : "account.disable", null, null, List.of(id));
	}

	@Transactional
	void unlock(UUID id) {
		get(id);
		this.accounts.resetFailures(id);
		this.auditing.success("account.unlock", null, null, List.of(id));
	}

}
