package io.tutela.identity;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start: creates the {@code admin} account (password from
 * {@code TUTELA_ADMIN_PASSWORD}, or a temporary one printed once on the console), and
 * registers {@code TUTELA_BOOTSTRAP_TOKEN}, when given, as an API token with the
 * administrator's full rights for automation.
 */
@Component
@Order(100)
class FirstStart implements ApplicationRunner {

	static final String ADMIN = "admin";

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private static final Set<Role> ADMIN_ROLES = EnumSet.of(Role.SYSTEM_ADMINISTRATOR, Role.DPO, Role.AUDITOR);

	private final Accounts accounts;

	private final StaffAccounts staff;

	private final ApiTokens tokens;

	private final String adminPassword;

	private final String bootstrapToken;

	private final PrintStream console;

	FirstStart(Accounts accounts, StaffAccounts staff, ApiTokens tokens,
			@Value("${tutela.identity.admin-password:}") String adminPassword,
			@Value("${tutela.identity.bootstrap-token:}") String bootstrapToken) {
		this.accounts = accounts;
		this.staff = staff;
		this.tokens = tokens;
		this.adminPassword = adminPassword;
		this.bootstrapToken = bootstrapToken;
		this.console = System.out;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.accounts.count() == 0) {
			if (this.adminPassword.isEmpty()) {
				String password = Passwords.temporary();
				this.staff.createWithPassword(ADMIN, "Administrator", ADMIN_ROLES, password, true);
				this.console.println();
				this.console.println("=== Tutela: first start ===");
				this.console.println("Log in as 'admin' with the temporary password " + password);
				this.console.println("(shown only now; you will choose your own password and set up a second factor)");
				this.console.println();
			}
			else {
				this.staff.createWithPassword(ADMIN, "Administrator", ADMIN_ROLES, this.adminPassword, false);
				log.info("Created the 'admin' account with the password given by TUTELA_ADMIN_PASSWORD");
			}
		}
		if (!this.bootstrapToken.isEmpty() && !this.tokens.exists(this.bootstrapToken)) {
			if (!this.bootstrapToken.startsWith(ApiTokens.PREFIX) || this.bootstrapToken.length() < 36) {
				throw new IllegalStateException("TUTELA_BOOTSTRAP_TOKEN must start with '" + ApiTokens.PREFIX
						+ "' and be at least 36 characters long");
			}
			Account admin = this.accounts.byUsername(ADMIN).orElseThrow();
			this.tokens.register(admin, "bootstrap", this.bootstrapToken, ApiTokens.LONGEST);
			log.info("Registered the bootstrap API token of TUTELA_BOOTSTRAP_TOKEN");
		}
	}

}
