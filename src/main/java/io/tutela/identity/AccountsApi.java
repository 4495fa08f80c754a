package io.tutela.identity;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts, managed by system administrators. */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts", description = "Staff accounts, their roles and the controllers they may see")
class AccountsApi {

	private final StaffAccounts staff;

	AccountsApi(StaffAccounts staff) {
		this.staff = staff;
	}

	@GetMapping
	@Operation(summary = "Every staff account")
	List<AccountView> all() {
		return this.staff.all().stream().map(AccountView::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One account")
	AccountView one(@PathVariable UUID id) {
		return AccountView.of(this.staff.get(id));
	}

	@PostMapping
	@Operation(summary = "Create an account", description = "201 with a temporary password, shown only now, "
			+ "which its owner must change at first login")
	ResponseEntity<IssuedView> create(@Valid @RequestBody NewAccount request) {
		StaffAccounts.Issued issued = this.staff.create(request.username(), request.displayName(), request.roles(),
				request.allControllers(), request.controllers());
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + issued.account().id()))
			.body(new IssuedView(AccountView.of(issued.account()), issued.temporaryPassword()));
	}

	@PutMapping("/{id}/scope")
	@Operation(summary = "Change an account's roles and controllers")
	AccountView rescope(@PathVariable UUID id, @Valid @RequestBody Scope request) {
		return AccountView.of(this.staff.rescope(id, request.roles(), request.allControllers(), request.controllers()));
	}

	@PostMapping("/{id}/password-reset")
	@Operation(summary = "Give the account a new temporary password (shown only now)")
	IssuedView resetPassword(@PathVariable UUID id) {
		String password = this.staff.resetPassword(id);
		return new IssuedView(AccountView.of(this.staff.get(id)), password);
	}

	@PostMapping("/{id}/unlock")
	@Operation(summary = "Lift a lock after failed logins")
	AccountView unlock(@PathVariable UUID id) {
		this.staff.unlock(id);
		return AccountView.of(this.staff.get(id));
	}

	@PostMapping("/{id}/enabled")
	@Operation(summary = "Enable or disable an account")
	AccountView enable(@PathVariable UUID id, @Valid @RequestBody Enabled request) {
		this.staff.enable(id, request.enabled());
		return AccountView.of(this.staff.get(id));
	}

	record NewAccount(@NotBlank String username, @NotBlank String displayName, @NotNull Set<Role> roles,
			boolean allControllers, @Nullable Set<String> controllers) {

		@Override
		public Set<String> controllers() {
			return (this.controllers != null) ? this.controllers : Set.of();
		}

	}

	record Scope(@NotNull Set<Role> roles, boolean allControllers, @Nullable Set<String> controllers) {

		@Override
		public Set<String> controllers() {
			return (this.controllers != null) ? this.controllers : Set.of();
		}

	}

	record Enabled(boolean enabled) {
	}

	record AccountView(UUID id, String username, String displayName, Set<Role> roles, boolean allControllers,
			Set<String> controllers, boolean enabled, boolean passwordTemporary, boolean secondFactor, int failedLogins,
			Instant createdAt) {

		static AccountView of(Account a) {
			return new AccountView(a.id(), a.username(), a.displayName(), a.roles(), a.allControllers(),
					a.controllers(), a.enabled(), a.passwordTemporary(), a.totpEnabled(), a.failedLogins(),
					a.createdAt());
		}

	}

	record IssuedView(AccountView account, String temporaryPassword) {
	}

}
