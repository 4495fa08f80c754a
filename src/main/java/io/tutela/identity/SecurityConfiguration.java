package io.tutela.identity;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what. Pages use a form login with CSRF protection and the login steps
 * (second factor, new password, enrolment); the API takes personal tokens as
 * {@code Bearer}. Every path must be named in {@link #access}: anything else is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] EVERY_ROLE = { Role.DPO.name(), Role.OPERATOR.name(), Role.COMPLAINT_HANDLER.name(),
			Role.JUDICIAL_LIAISON.name(), Role.SYSTEM_ADMINISTRATOR.name(), Role.CLIENT_USER.name(),
			Role.AUDITOR.name() };

	private static final String[] RECORD_WRITERS = { Role.DPO.name(), Role.OPERATOR.name() };

	private static final String[] RECORD_READERS = { Role.DPO.name(), Role.OPERATOR.name(), Role.AUDITOR.name() };

	private static final String[] AUDIT_READERS = { Role.DPO.name(), Role.AUDITOR.name(),
			Role.SYSTEM_ADMINISTRATOR.name() };

	@Bean
	Responses securityResponses(JsonMapper json) {
		return new Responses(json);
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new SessionOrTokenContexts();
	}

	/**
	 * Staff log in through {@link StaffAuthenticationProvider} only: this keeps the
	 * framework from creating a default user with a generated password.
	 */
	@Bean
	UserDetailsService noDefaultUser() {
		return (username) -> {
			throw new UsernameNotFoundException("staff accounts log in through Tutela's own provider");
		};
	}

	/**
	 * The filters of a request are not observed one by one: their timers and counters,
	 * which no endpoint shows, took a sixth of the processor time of a contact decision
	 * (a profile of warmed requests). Nor is the request as a whole (application.yml: no
	 * metrics are exported).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	LoginThrottle loginThrottle() {
		return new LoginThrottle();
	}

	@Bean
	@ConditionalOnWebApplication
	SecurityFilterChain securityFilterChain(HttpSecurity http, Accounts accounts, PasswordEncoder encoder,
			LoginThrottle throttle, Clock clock, ApiTokens tokens, ControllerScope scope, Responses responses,
			SecurityContextRepository contexts, SecondFactorStepUp stepUp) throws Exception {
		SavedRequestAwareAuthenticationSuccessHandler saved = new SavedRequestAwareAuthenticationSuccessHandler();
		saved.setDefaultTargetUrl("/controllers");
		http.authenticationProvider(new StaffAuthenticationProvider(accounts, encoder, throttle, clock))
			.securityContext((context) -> context.securityContextRepository(contexts))
			.formLogin((form) -> form.loginPage("/login")
				.loginProcessingUrl("/login")
				.successHandler((request, response, authentication) -> {
					if (authentication instanceof StaffAuthentication staff && staff.pending() != LoginStep.NONE) {
						response.sendRedirect(request.getContextPath() + staff.pending().page());
					}
					else {
						saved.onAuthenticationSuccess(request, response, authentication);
					}
				})
				.failureHandler(new LoginFailures())
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(BearerTokenFilter::hasBearer))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(responses).accessDeniedHandler(responses))
			.addFilterBefore(new BearerTokenFilter(tokens, responses, stepUp), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new ControllerIsolationFilter(scope, responses), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(SecurityConfiguration::access);
		return http.build();
	}

	/** The access table: every path Tutela serves and the roles that may use it. */
	static void access(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		// a client controller's own users read its call log, delete call notes for good,
		// and
		// manage its receptionist configuration, caller list and imported contacts
		String[] clientReaders = { Role.DPO.name(), Role.OPERATOR.name(), Role.AUDITOR.name(),
				Role.CLIENT_USER.name() };
		String[] clientWriters = { Role.DPO.name(), Role.OPERATOR.name(), Role.CLIENT_USER.name() };
		String[] serviceRecords = { "/api/v1/controllers/*/support-tickets", "/api/v1/controllers/*/support-tickets/**",
				"/api/v1/controllers/*/remote-sessions", "/api/v1/controllers/*/remote-sessions/**",
				"/api/v1/controllers/*/call-recordings", "/api/v1/controllers/*/call-recordings/**" };
		String[] billing = { "/api/v1/controllers/*/contracts", "/api/v1/controllers/*/contracts/*",
				"/api/v1/controllers/*/portal-accounts", "/api/v1/controllers/*/portal-accounts/*",
				"/api/v1/controllers/*/invoices", "/api/v1/controllers/*/invoices/*", "/api/v1/controllers/*/payments",
				"/api/v1/controllers/*/payments/*" };
		String[] callLog = { "/api/v1/controllers/*/calls", "/api/v1/controllers/*/calls/**" };
		String[] clientInstructions = { "/api/v1/controllers/*/receptionist", "/api/v1/controllers/*/caller-list",
				"/api/v1/controllers/*/caller-list/**", "/api/v1/controllers/*/imported-contacts",
				"/api/v1/controllers/*/imported-contacts/**" };
		// the processor-client portal pages: the call log (deleting notes for good) and
		// the
		// receptionist instructions, caller list and imported contacts
		String[] clientPortal = { "/controllers/*/calls", "/controllers/*/calls/**", "/controllers/*/receptionist",
				"/controllers/*/receptionist/**" };
		// the consent ledger, contact decisions, opposition register and campaign checks
		// (API
		// and pages): read by DPO, operators and auditors, written by DPO and operators;
		// unsubscribe links followed by anyone who holds one
		String[] consent = { "/api/v1/controllers/*/consents", "/api/v1/controllers/*/consents/**",
				"/api/v1/controllers/*/contact-decision", "/api/v1/controllers/*/contact-decisions",
				"/api/v1/controllers/*/register-snapshots", "/api/v1/controllers/*/register-snapshots/**",
				"/api/v1/controllers/*/campaign-checks", "/api/v1/controllers/*/campaign-checks/**",
				"/api/v1/controllers/*/unsubscribe-links", "/controllers/*/consents", "/controllers/*/consents/**",
				"/controllers/*/contact-decision", "/controllers/*/register-snapshots",
				"/controllers/*/register-snapshots/**", "/controllers/*/campaign-checks",
				"/controllers/*/campaign-checks/**",
				// objections by e-mail and the re-check of stale marketing contact data
				"/api/v1/controllers/*/consent-inbox", "/api/v1/controllers/*/consent-inbox/**",
				"/controllers/*/consent-inbox", "/controllers/*/consent-inbox/**",
				"/api/v1/controllers/*/stale-contacts", "/api/v1/controllers/*/stale-contacts/**",
				"/controllers/*/stale-contacts" };
		requests.requestMatchers(HttpMethod.GET, consent)
			.hasAnyRole(RECORD_READERS)
			.requestMatchers(consent)
			.hasAnyRole(RECORD_WRITERS)
			// a signed unsubscribe link works without login
			.requestMatchers("/unsubscribe/*")
			.permitAll()
			// the subject portal: its own sign-in by one-time code, kept apart from staff
			// logins (io.tutela.portal); it reaches only the signed-in person's data
			.requestMatchers("/portal", "/portal/**")
			.permitAll();
		requests
			.requestMatchers("/login", "/css/**", "/error", "/actuator/health", "/v3/api-docs", "/v3/api-docs/**",
					"/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			.requestMatchers("/login/code")
			.hasAuthority(LoginStep.SECOND_FACTOR.authority())
			.requestMatchers("/login/password")
			.hasAuthority(LoginStep.CHANGE_PASSWORD.authority())
			.requestMatchers("/login/enrol")
			.hasAuthority(LoginStep.ENROL_SECOND_FACTOR.authority())
			// the API
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/policy")
			.hasRole(Role.DPO.name())
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers", "/api/v1/controllers/*/policy",
					"/api/v1/controllers/*/policy/**", "/api/v1/controllers/*/notice",
					"/api/v1/controllers/*/notice.pdf", "/api/v1/controllers/*/register",
					"/api/v1/controllers/*/register.csv", "/api/v1/controllers/*/register.pdf")
			.hasAnyRole(EVERY_ROLE)
			// traffic data: read by DPO and operators, imported by DPO and system
			// administrators (before the rules of subjects and imports)
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/cdrs", "/api/v1/controllers/*/telematic-sessions",
					"/api/v1/controllers/*/subjects/*/cdrs", "/controllers/*/traffic", "/controllers/*/subjects/*/cdrs")
			.hasAnyRole(Role.DPO.name(), Role.OPERATOR.name())
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/imports/cdr",
					"/api/v1/controllers/*/imports/telematic-session")
			.hasAnyRole(Role.DPO.name(), Role.SYSTEM_ADMINISTRATOR.name())
			// retention runs, previews, legal holds, re-identification: the DPO; reports
			// and holds also read by auditors
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/retention/runs",
					"/api/v1/controllers/*/retention/runs/*", "/api/v1/controllers/*/retention/preview",
					"/api/v1/controllers/*/legal-holds", "/controllers/*/retention", "/controllers/*/retention/runs",
					"/controllers/*/retention/runs/*", "/controllers/*/legal-holds")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			.requestMatchers("/api/v1/controllers/*/retention/**", "/api/v1/controllers/*/legal-holds/**",
					"/api/v1/controllers/*/legal-holds", "/controllers/*/retention/**", "/controllers/*/legal-holds",
					"/controllers/*/legal-holds/**")
			.hasRole(Role.DPO.name())
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/imports/receptionist-config",
					"/api/v1/controllers/*/imports/caller-list", "/api/v1/controllers/*/imports/imported-contacts")
			.hasAnyRole(clientWriters)
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/imports/*")
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/subjects", "/api/v1/controllers/*/subjects/**")
			.hasAnyRole(RECORD_READERS)
			.requestMatchers("/api/v1/controllers/*/subjects", "/api/v1/controllers/*/subjects/**")
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.GET, serviceRecords)
			.hasAnyRole(RECORD_READERS)
			.requestMatchers(serviceRecords)
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.GET, billing)
			.hasAnyRole(RECORD_READERS)
			.requestMatchers(HttpMethod.POST, billing)
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.PUT, billing)
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.GET, callLog)
			.hasAnyRole(clientReaders)
			.requestMatchers(HttpMethod.DELETE, "/api/v1/controllers/*/calls/*/notes/*")
			.hasAnyRole(clientWriters)
			.requestMatchers(callLog)
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.GET, clientInstructions)
			.hasAnyRole(clientReaders)
			.requestMatchers(clientInstructions)
			.hasAnyRole(clientWriters)
			// the processor register
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/processors")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			// the breach register: kept by the DPO, read by auditors
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/breaches", "/api/v1/controllers/*/breaches/**")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/breaches", "/api/v1/controllers/*/breaches/**")
			.hasRole(Role.DPO.name())
			// the outbox: read by the DPO and auditors, failures queued again by the DPO
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/outbox", "/api/v1/controllers/*/outbox/*")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/outbox/*/retry")
			.hasRole(Role.DPO.name())
			// rights requests (API and console): DPO and operators receive and act on
			// them, only
			// the DPO extends and denies, auditors read; a client controller's users
			// follow theirs
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/requests/*/extend",
					"/api/v1/controllers/*/requests/*/deny", "/controllers/*/requests/*/extend",
					"/controllers/*/requests/*/deny")
			.hasRole(Role.DPO.name())
			.requestMatchers(HttpMethod.GET, "/controllers/*/requests/new", "/controllers/*/requests/*/proofs/*")
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/requests", "/api/v1/controllers/*/requests/**",
					"/controllers/*/requests", "/controllers/*/requests/**")
			.hasAnyRole(clientReaders)
			.requestMatchers(HttpMethod.POST, "/api/v1/controllers/*/requests", "/api/v1/controllers/*/requests/**",
					"/controllers/*/requests", "/controllers/*/requests/**")
			.hasAnyRole(RECORD_WRITERS)
			.requestMatchers(HttpMethod.GET, "/api/v1/controllers/*/audit")
			.hasAnyRole(AUDIT_READERS)
			.requestMatchers(HttpMethod.GET, "/api/v1/audit/**")
			.access(EveryControllerAccess.withAnyRole(AUDIT_READERS))
			.requestMatchers("/api/v1/accounts", "/api/v1/accounts/**")
			.hasRole(Role.SYSTEM_ADMINISTRATOR.name())
			// the justice vault: legal orders and their answers, only for the judicial
			// liaison (API tokens also give a second factor, see SecondFactorStepUp); the
			// providers' public keys for checking answers, for anyone
			.requestMatchers("/api/v1/controllers/*/legal-orders", "/api/v1/controllers/*/legal-orders/**",
					"/controllers/*/legal-orders", "/controllers/*/legal-orders/**")
			.hasRole(Role.JUDICIAL_LIAISON.name())
			.requestMatchers(HttpMethod.GET, "/api/v1/justice/*/signing-key")
			.permitAll()
			.requestMatchers("/api/v1/me", "/api/v1/me/**")
			.hasAnyRole(EVERY_ROLE)
			.requestMatchers("/api/**")
			.denyAll()
			// the console
			.requestMatchers("/controllers/*/upload")
			.hasRole(Role.DPO.name())
			.requestMatchers(HttpMethod.GET, "/controllers/*/subjects", "/controllers/*/subjects/**")
			.hasAnyRole(RECORD_READERS)
			.requestMatchers("/controllers/*/subjects", "/controllers/*/subjects/**", "/controllers/*/imports",
					"/controllers/*/imports/**")
			.hasAnyRole(RECORD_WRITERS)
			// record pages; complaints without identifying elements for the functions
			// concerned
			.requestMatchers(HttpMethod.GET, "/controllers/*/support-tickets", "/controllers/*/support-tickets/*",
					"/controllers/*/remote-sessions", "/controllers/*/remote-sessions/*", "/controllers/*/contracts",
					"/controllers/*/contracts/*", "/controllers/*/invoices", "/controllers/*/invoices/*")
			.hasAnyRole(RECORD_READERS)
			.requestMatchers(HttpMethod.GET, "/dashboard", "/controllers/*/dashboard")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			.requestMatchers(HttpMethod.GET, "/controllers/*/processors")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			.requestMatchers("/controllers/*/breaches/new", "/controllers/*/breaches/*/*")
			.hasRole(Role.DPO.name())
			.requestMatchers(HttpMethod.GET, "/controllers/*/breaches", "/controllers/*/breaches/*")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			.requestMatchers(HttpMethod.GET, "/controllers/*/outbox", "/controllers/*/outbox/*")
			.hasAnyRole(Role.DPO.name(), Role.AUDITOR.name())
			.requestMatchers(HttpMethod.POST, "/controllers/*/outbox/*/retry")
			.hasRole(Role.DPO.name())
			.requestMatchers(HttpMethod.GET, "/controllers/*/complaints", "/controllers/*/complaints/*")
			.hasAnyRole(Role.COMPLAINT_HANDLER.name(), Role.DPO.name(), Role.OPERATOR.name())
			.requestMatchers(HttpMethod.GET, clientPortal)
			.hasAnyRole(clientWriters)
			.requestMatchers(HttpMethod.POST, clientPortal)
			.hasAnyRole(clientWriters)
			.requestMatchers(HttpMethod.GET, "/", "/controllers", "/controllers/*", "/controllers/*/notice",
					"/controllers/*/register", "/controllers/*/versions", "/controllers/*/diff")
			.hasAnyRole(EVERY_ROLE)
			.requestMatchers("/audit", "/audit/**")
			.access(EveryControllerAccess.withAnyRole(AUDIT_READERS))
			.requestMatchers("/admin/**")
			.hasRole(Role.SYSTEM_ADMINISTRATOR.name())
			.requestMatchers("/account", "/account/**")
			.hasAnyRole(EVERY_ROLE)
			.anyRequest()
			.denyAll();
	}

}
