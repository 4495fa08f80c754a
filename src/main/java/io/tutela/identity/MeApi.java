package io.tutela.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.web.NotFoundException;

/** The calling user: who they are, and their personal API tokens. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The calling user and their personal API tokens")
class MeApi {

	private final ControllerScope scope;

	private final StaffAccounts staff;

	private final ApiTokens tokens;

	MeApi(ControllerScope scope, StaffAccounts staff, ApiTokens tokens) {
		this.scope = scope;
		this.staff = staff;
		this.tokens = tokens;
	}

	@GetMapping
	@Operation(summary = "Who is calling, with which roles and controllers")
	StaffPrincipal me() {
		return this.scope.current().orElseThrow();
	}

	@GetMapping("/tokens")
	@Operation(summary = "My API tokens (never their secrets)")
	List<ApiToken> tokens() {
		return this.tokens.of(me().accountId());
	}

	@PostMapping("/tokens")
	@Operation(summary = "Create a personal API token", description = "201 with the secret, shown only now; "
			+ "the token carries some of my roles and controllers and expires within a year")
	ResponseEntity<CreatedToken> create(@Valid @RequestBody NewToken request) {
		Account owner = this.staff.get(me().accountId());
		ApiTokens.Created created = this.tokens.create(owner, request.name(),
				(request.roles() != null) ? request.roles() : me().roles(), request.allControllers(),
				(request.controllers() != null) ? request.controllers() : Set.of(),
				Duration.ofDays((request.validityDays() != null) ? request.validityDays() : 90));
		return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + created.token().id()))
			.body(new CreatedToken(created.token(), created.secret()));
	}

	@DeleteMapping("/tokens/{id}")
	@Operation(summary = "Revoke one of my tokens")
	ResponseEntity<Void> revoke(@PathVariable UUID id) {
		if (!this.tokens.revoke(me().accountId(), id)) {
			throw new NotFoundException("token", id);
		}
		return ResponseEntity.noContent().build();
	}

	record NewToken(@NotBlank String name, @Nullable Set<Role> roles, boolean allControllers,
			@Nullable Set<String> controllers, @Nullable Integer validityDays) {
	}

	record CreatedToken(ApiToken token, String secret) {
	}

}
