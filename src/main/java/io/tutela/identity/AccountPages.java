package io.tutela.identity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;

/** My account: password, second factor, recovery codes and personal API tokens. */
@Controller
@ConsolePage
class AccountPages {

	static final String ACCOUNT = "identity/account";

	private final ControllerScope scope;

	private final StaffAccounts staff;

	private final SecondFactor secondFactor;

	private final ApiTokens tokens;

	AccountPages(ControllerScope scope, StaffAccounts staff, SecondFactor secondFactor, ApiTokens tokens) {
		this.scope = scope;
		this.staff = staff;
		this.secondFactor = secondFactor;
		this.tokens = tokens;
	}

	private Account me() {
		return this.staff.get(this.scope.current().orElseThrow().accountId());
	}

	private String page(Model model) {
		Account me = me();
		model.addAttribute("account", me);
		model.addAttribute("tokens", this.tokens.of(me.id()));
		model.addAttribute("roles", me.roles());
		return ACCOUNT;
	}

	@GetMapping("/account")
	String account(Model model) {
		return page(model);
	}

	@PostMapping("/account/password")
	String password(@RequestParam String currentPassword, @RequestParam String newPassword, Model model) {
		try {
			this.staff.changePassword(me().id(), currentPassword, newPassword);
			model.addAttribute("passwordChanged", true);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("passwordErrors", ex.errors());
		}
		return page(model);
	}

	@GetMapping("/account/enrol")
	String enrolForm(Model model) {
		model.addAttribute("enrolment", this.secondFactor.start(me()));
		model.addAttribute("formAction", "/account/enrol");
		return LoginPages.ENROL;
	}

	@PostMapping("/account/enrol")
	String enrol(@RequestParam String code, Model model) {
		Account me = me();
		Optional<List<String>> codes = this.secondFactor.confirm(me, code);
		if (codes.isEmpty()) {
			model.addAttribute("wrong", true);
			model.addAttribute("enrolment", this.secondFactor.pending(me));
			model.addAttribute("formAction", "/account/enrol");
			return LoginPages.ENROL;
		}
		model.addAttribute("codes", codes.get());
		model.addAttribute("next", "/account");
		return LoginPages.RECOVERY_CODES;
	}

	@PostMapping("/account/recovery-codes")
	String recoveryCodes(Model model) {
		Account me = me();
		if (!me.totpEnabled()) {
			return "redirect:/account";
		}
		model.addAttribute("codes", this.secondFactor.newRecoveryCodes(me.id()));
		model.addAttribute("next", "/account");
		return LoginPages.RECOVERY_CODES;
	}

	@PostMapping("/account/second-factor/off")
	String secondFactorOff(Model model) {
		if (!this.secondFactor.disable(me())) {
			model.addAttribute("secondFactorRequired", true);
		}
		return page(model);
	}

	@PostMapping("/account/tokens")
	String createToken(@RequestParam String name, @RequestParam(defaultValue = "90") int validityDays,
			@RequestParam(required = false) @Nullable Set<Role> roles, Model model) {
		Account me = me();
		try {
			ApiTokens.Created created = this.tokens.create(me, name,
					(roles != null && !roles.isEmpty()) ? roles : me.roles(), me.allControllers(), me.controllers(),
					Duration.ofDays(validityDays));
			model.addAttribute("newToken", created.secret());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("tokenErrors", ex.errors());
		}
		return page(model);
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@PathVariable UUID id) {
		this.tokens.revoke(me().id(), id);
		return "redirect:/account";
	}

}
