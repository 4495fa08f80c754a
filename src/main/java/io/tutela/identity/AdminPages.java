package io.tutela.identity;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;

/** Account management for system administrators. */
@Controller
@ConsolePage
class AdminPages {

	static final String ACCOUNTS = "identity/admin-accounts";

	static final String ACCOUNT = "identity/admin-account";

	private final StaffAccounts staff;

	private final JdbcClient jdbc;

	AdminPages(StaffAccounts staff, JdbcClient jdbc) {
		this.staff = staff;
		this.jdbc = jdbc;
	}

	private void common(Model model) {
		model.addAttribute("allRoles", EnumSet.allOf(Role.class));
		model.addAttribute("allControllers",
				this.jdbc.sql("SELECT id FROM controller ORDER BY id").query(String.class).list());
	}

	@GetMapping("/admin/accounts")
	String accounts(Model model) {
		common(model);
		model.addAttribute("accounts", this.staff.all());
		return ACCOUNTS;
	}

	@PostMapping("/admin/accounts")
	String create(@RequestParam String username, @RequestParam String displayName,
			@RequestParam(required = false) @Nullable Set<Role> roles,
			@RequestParam(defaultValue = "false") boolean everyController,
			@RequestParam(required = false) @Nullable Set<String> controllers, Model model) {
		try {
			StaffAccounts.Issued issued = this.staff.create(username.strip(), displayName,
					(roles != null) ? roles : Set.of(), everyController,
					(controllers != null) ? controllers : Set.of());
			model.addAttribute("issued", issued);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		return accounts(model);
	}

	@GetMapping("/admin/accounts/{id}")
	String account(@PathVariable UUID id, Model model) {
		common(model);
		model.addAttribute("account", this.staff.get(id));
		return ACCOUNT;
	}

	@PostMapping("/admin/accounts/{id}/scope")
	String rescope(@PathVariable UUID id, @RequestParam(required = false) @Nullable Set<Role> roles,
			@RequestParam(defaultValue = "false") boolean everyController,
			@RequestParam(required = false) @Nullable Set<String> controllers, Model model) {
		try {
			this.staff.rescope(id, (roles != null) ? roles : Set.of(), everyController,
					(controllers != null) ? controllers : Set.of());
			model.addAttribute("saved", true);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		return account(id, model);
	}

	@PostMapping("/admin/accounts/{id}/password-reset")
	String reset(@PathVariable UUID id, Model model) {
		model.addAttribute("temporaryPassword", this.staff.resetPassword(id));
		return account(id, model);
	}

	@PostMapping("/admin/accounts/{id}/unlock")
	String unlock(@PathVariable UUID id, Model model) {
		this.staff.unlock(id);
		model.addAttribute("saved", true);
		return account(id, model);
	}

	@PostMapping("/admin/accounts/{id}/enabled")
	String enable(@PathVariable UUID id, @RequestParam boolean enabled, Model model) {
		this.staff.enable(id, enabled);
		model.addAttribute("saved", true);
		return account(id, model);
	}

}
