package io.tutela.identity;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.storage.Keys;
import io.tutela.storage.SecretBox;

/**
 * The second factor of a staff account: TOTP (RFC 6238) from an authenticator app,
 * enrolled by QR code, with single-use recovery codes. Secrets are sealed with a key kept
 * outside the database.
 */
@Service
class SecondFactor {

	static final String ISSUER = "Tutela";

	private static final int WINDOW = 1;

	private final Accounts accounts;

	private final SecretBox box;

	private final Clock clock;

	SecondFactor(Accounts accounts, Keys keys, Clock clock) {
		this.accounts = accounts;
		this.box = new SecretBox(keys.key("totp"));
		this.clock = clock;
	}

	/** What a person needs to add the account to an authenticator app. */
	record Enrolment(String secretBase32, String uri, String qrSvg) {
	}

	/**
	 * Starts (or restarts) enrolment: a new secret, not yet in force until a code
	 * confirms it.
	 */
	@Transactional
	Enrolment start(Account account) {
		byte[] secret = Totp.newSecret();
		this.accounts.totp(account.id(), this.box.seal(secret, context(account.id())), false);
		String uri = TotpUri.of(ISSUER, account.username(), secret, Totp.DEFAULT);
		return new Enrolment(TotpUri.base32(secret), uri, QrCodes.svg(uri, "QR code: " + ISSUER));
	}

	/** The enrolment in progress, shown again (for a page reloaded before confirming). */
	Enrolment pending(Account account) {
		if (account.totpSecret() == null || account.totpEnabled()) {
			return start(account);
		}
		byte[] secret = this.box.open(account.totpSecret(), context(account.id()));
		String uri = TotpUri.of(ISSUER, account.username(), secret, Totp.DEFAULT);
		return new Enrolment(TotpUri.base32(secret), uri, QrCodes.svg(uri, "QR code: " + ISSUER));
	}

	/**
	 * Confirms enrolment with a code from the app; the second factor is then in force and
	 * the recovery codes, shown once, are returned. Empty when the code is wrong.
	 */
	@Transactional
	java.util.Optional<List<String>> confirm(Account account, String code) {
		if (account.totpSecret() == null || account.totpEnabled()) {
			return java.util.Optional.empty();
		}
		byte[] secret = this.box.open(account.totpSecret(), context(account.id()));
		OptionalLong step = Totp.DEFAULT.verify(secret, code.strip(), this.clock.instant(), WINDOW);
		if (step.isEmpty()) {
			return java.util.Optional.empty();
		}
		this.accounts.totp(account.id(), account.totpSecret(), true);
		this.accounts.useTotpStep(account.id(), step.getAsLong());
		return java.util.Optional.of(newRecoveryCodes(account.id()));
	}

	/** Replaces the account's recovery codes; the new ones are shown once. */
	@Transactional
	List<String> newRecoveryCodes(UUID accountId) {
		List<String> codes = RecoveryCodes.generate();
		this.accounts.recoveryCodes(accountId, codes.stream().map(RecoveryCodes::hash).toList());
		return codes;
	}

	/**
	 * Checks a code at login: a TOTP code not used before, or an unused recovery code
	 * (which is then used up).
	 */
	@Transactional
	boolean check(Account account, String input) {
		if (!account.totpEnabled() || account.totpSecret() == null) {
			return false;
		}
		String code = input.strip();
		if (code.matches("\\d{6}")) {
			byte[] secret = this.box.open(account.totpSecret(), context(account.id()));
			OptionalLong step = Totp.DEFAULT.verify(secret, code, this.clock.instant(), WINDOW);
			return step.isPresent() && this.accounts.useTotpStep(account.id(), step.getAsLong());
		}
		return this.accounts.useRecoveryCode(account.id(), RecoveryCodes.hash(RecoveryCodes.normalise(code)),
				this.clock.instant());
	}

	/** Turns the second factor off, where the account's roles allow it. */
	@Transactional
	boolean disable(Account account) {
		if (account.secondFactorRequired()) {
			return false;
		}
		this.accounts.totp(account.id(), null, false);
		this.accounts.recoveryCodes(account.id(), List.of());
		return true;
	}

	private static String context(UUID accountId) {
		return "totp:" + accountId;
	}

}
