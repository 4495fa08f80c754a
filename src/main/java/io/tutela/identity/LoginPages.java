package io.tutela.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.audit.AuditEvent;
import io.tutela.audit.Auditing;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;

/**
 * The login page and the steps after the password: second factor, new password,
 * enrolment.
 */
@Controller
@ConsolePage
class LoginPages {

	static final String LOGIN = "identity/login";

	static final String CODE = "identity/login-code";

	static final String PASSWORD = "identity/login-password";

	static final String ENROL = "identity/enrol";

	static final String RECOVERY_CODES = "identity/recovery-codes";

	private final LoginFlow flow;

	private final SecondFactor secondFactor;

	private final StaffAccounts staff;

	private final Accounts accounts;

	private final LoginThrottle throttle;

	private final Clock clock;

	private final Auditing auditing;

	LoginPages(LoginFlow flow, SecondFactor secondFactor, StaffAccounts staff, Accounts accounts,
			LoginThrottle throttle, Clock clock, Auditing auditing) {
		this.auditing = auditing;
		this.flow = flow;
		this.secondFactor = secondFactor;
		this.staff = staff;
		this.accounts = accounts;
		this.throttle = throttle;
		this.clock = clock;
	}

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(LoginFailures.LOCKED_UNTIL) instanceof Instant until) {
			model.addAttribute("lockedUntil", until);
		}
		return LOGIN;
	}

	@GetMapping("/login/code")
	String codeForm() {
		return CODE;
	}

	@PostMapping("/login/code")
	String code(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
		StaffAuthentication authentication = LoginFlow.current().orElseThrow();
		Account account = this.flow.account(authentication);
		if (this.secondFactor.check(account, code)) {
			this.accounts.resetFailures(account.id());
			this.auditing.success("login.second_factor", null, null, List.of(account.id()));
			return "redirect:" + this.flow.advance(request, response, authentication, true);
		}
		Instant now = this.clock.instant();
		this.accounts.failedLogin(account.id(), now);
		this.auditing.record("login.second_factor", AuditEvent.FAILURE, null, null, List.of(account.id()));
		Optional<Instant> locked = this.throttle.lockedUntil(account.failedLogins() + 1, now);
		if (locked.isPresent()) {
			this.flow.abandon(request, response);
			request.getSession(true).setAttribute(LoginFailures.LOCKED_UNTIL, locked.get());
			return "redirect:/login?locked";
		}
		model.addAttribute("wrong", true);
		return CODE;
	}

	@GetMapping("/login/password")
	String passwordForm() {
		return PASSWORD;
	}

	@PostMapping("/login/password")
	String password(@RequestParam String newPassword, @RequestParam String confirmation, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		StaffAuthentication authentication = LoginFlow.current().orElseThrow();
		try {
			this.staff.replaceTemporary(authentication.getPrincipal().accountId(), newPassword, confirmation);
			this.auditing.success("account.password", null, null, List.of(authentication.getPrincipal().accountId()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
			return PASSWORD;
		}
		return "redirect:" + this.flow.advance(request, response, authentication, false);
	}

	@GetMapping("/login/enrol")
	String enrolForm(Model model) {
		Account account = this.flow.account(LoginFlow.current().orElseThrow());
		model.addAttribute("enrolment", this.secondFactor.pending(account));
		return ENROL;
	}

	@PostMapping("/login/enrol")
	String enrol(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
		StaffAuthentication authentication = LoginFlow.current().orElseThrow();
		Account account = this.flow.account(authentication);
		Optional<List<String>> codes = this.secondFactor.confirm(account, code);
		if (codes.isEmpty()) {
			model.addAttribute("wrong", true);
			model.addAttribute("enrolment", this.secondFactor.pending(account));
			return ENROL;
		}
		this.auditing.success("account.second_factor", null, null, List.of(account.id()));
		model.addAttribute("codes", codes.get());
		model.addAttribute("next", this.flow.advance(request, response, authentication, true));
		return RECOVERY_CODES;
	}

}
