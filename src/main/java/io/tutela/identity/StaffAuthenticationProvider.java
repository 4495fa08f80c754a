package io.tutela.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password step of a staff login: refuses locked accounts (back-off after repeated
 * failures) and disabled ones, counts failures, and hands over to the next step of the
 * login.
 */
class StaffAuthenticationProvider implements AuthenticationProvider {

	private static final String DUMMY_HASH = "$argon2id$v=19$m=16384,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$P2/rJ0sy2WSdIhBkNx0b9QnyZuIdbj8+FbTrv5dX3yw";

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final LoginThrottle throttle;

	private final Clock clock;

	StaffAuthenticationProvider(Accounts accounts, PasswordEncoder encoder, LoginThrottle throttle, Clock clock) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.throttle = throttle;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = String.valueOf(authentication.getName()).strip().toLowerCase(java.util.Locale.ROOT);
		String password = String.valueOf(authentication.getCredentials());
		Optional<Account> found = this.accounts.byUsername(username);
		if (found.isEmpty()) {
			this.encoder.matches(password, DUMMY_HASH);
			throw new BadCredentialsException("bad credentials");
		}
		Account account = found.get();
		Instant now = this.clock.instant();
		LoginThrottle.Decision decision = this.throttle.check(account.failedLogins(), account.lastFailedAt(), now);
		if (decision.lockedUntil() != null) {
			throw new LockedAccountException(decision.lockedUntil());
		}
		if (!this.encoder.matches(password, account.passwordHash())) {
			this.accounts.failedLogin(account.id(), now);
			throw new BadCredentialsException("bad credentials");
		}
		if (!account.enabled()) {
			throw new DisabledException("disabled");
		}
		this.accounts.resetFailures(account.id());
		return StaffAuthentication.of(account.principal(), LoginStep.next(account, false), false);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** The account is locked until the given time. */
	static class LockedAccountException extends LockedException {

		private final Instant until;

		LockedAccountException(Instant until) {
			super("locked");
			this.until = until;
		}

		Instant until() {
			return this.until;
		}

	}

}
