package io.tutela.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentActorUnitTest {

	final Instant now = Instant.parse("2025-01-15T09:30:00Z");

	final CurrentActor current = new CurrentActor(Clock.fixed(this.now, ZoneOffset.UTC));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void outsideAnyRequestTheActorIsTheSystem() {
		assertThat(this.current.actor()).isEqualTo(new CurrentActor.Actor("system", "system", null));
	}

	@Test
	void anUnauthenticatedRequestIsAnonymousFromItsAddress() {
		request("192.0.2.10");
		assertThat(this.current.actor()).isEqualTo(new CurrentActor.Actor("anonymous", "anonymous", "192.0.2.10"));
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(this.current.actor().name()).isEqualTo("anonymous");
		assertThat(this.current.actor().role()).isEqualTo("anonymous");
	}

	@Test
	void anAuthenticatedActorHasTheirNameAndFirstRoleWithoutThePrefix() {
		request("192.0.2.11");
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("m.rossi", null,
					AuthorityUtils.createAuthorityList("FACTOR_TOTP", "ROLE_DPO", "ROLE_AUDITOR")));
		AuditEvent event = this.current.event("subject.read").controller("ipkom").targets(List.of(7, 8)).build();
		assertThat(event.occurredAt()).isEqualTo(this.now);
		assertThat(event.actor()).isEqualTo("m.rossi");
		assertThat(event.actorRole()).isEqualTo("DPO");
		assertThat(event.clientAddress()).isEqualTo("192.0.2.11");
		assertThat(event.targetIds()).containsExactly("7", "8");
		assertThat(event.outcome()).isEqualTo("success");
	}

	@Test
	void anAuthenticatedActorWithoutARoleHasNone() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("token-7", null,
					AuthorityUtils.createAuthorityList("SCOPE_read")));
		assertThat(this.current.actor()).isEqualTo(new CurrentActor.Actor("token-7", "none", null));
	}

	private static void request(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

}
