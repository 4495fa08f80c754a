package io.tutela.portal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subject portal: sign-in by one-time code (wrong, expired, too many attempts, sends
 * limited, no enumeration, nothing in clear at rest), the person's requests submitted
 * with documents through the intake and kept from everyone else, and consents.
 */
@TutelaIntegrationTest
class PortalIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theAnswerIsTheSameWhetherTheAddressIsKnownOrNot() {
		String known = "portal.known@example.org";
		subject("conecto", "PK-1", known);
		String unknown = "portal.nobody@example.org";
		Http first = Http.session(this.port);
		Http second = Http.session(this.port);
		Http.Response toKnown = PortalTests.askCode(first, "conecto", known);
		Http.Response toUnknown = PortalTests.askCode(second, "conecto", unknown);
		assertThat(toKnown.status()).isEqualTo(302).isEqualTo(toUnknown.status());
		assertThat(toKnown.location()).isEqualTo(toUnknown.location());
		assertThat(withoutToken(first.get("/portal/conecto/code").body()))
			.isEqualTo(withoutToken(second.get("/portal/conecto/code").body()));
		// the unknown person may sign in too, and sees that the identity will be verified
		PortalTests.enterCode(second, "conecto", PortalTests.newestCode(this.port, "conecto", unknown).code());
		assertThat(second.get("/portal/conecto/requests").body()).contains("id=\"unknown-person\"");
		PortalTests.enterCode(first, "conecto", PortalTests.newestCode(this.port, "conecto", known).code());
		assertThat(first.get("/portal/conecto/requests").body()).doesNotContain("id=\"unknown-person\"");
	}

	@Test
	void aWrongCodeIsRefusedAndTheRightOneSignsInOnce() {
		String email = "portal.wrong@example.org";
		Http session = Http.session(this.port);
		PortalTests.Code code = PortalTests.askedCode(session, this.port, "conecto", email);
		refused(session, other(code.code()), "wrong");
		assertThat(PortalTests.enterCode(session, "conecto", code.code()).location())
			.endsWith("/portal/conecto/requests");
		assertThat(session.get("/portal/conecto/requests").status()).isEqualTo(200);
		// used once: another session cannot sign in with it again
		Http again = Http.session(this.port);
		PortalTests.askCode(again, "conecto", email);
		this.jdbc
			.sql("DELETE FROM portal_code WHERE id <> CAST(:id AS uuid) AND address_hash = "
					+ "(SELECT address_hash FROM portal_code WHERE id = CAST(:id AS uuid))")
			.param("id", code.id())
			.update();
		assertThat(PortalTests.enterCode(again, "conecto", code.code()).body()).contains("id=\"problem-no_code\"");
	}

	@Test
	void anExpiredCodeDoesNotSignIn() {
		String email = "portal.expired@example.org";
		Http session = Http.session(this.port);
		PortalTests.Code code = PortalTests.askedCode(session, this.port, "conecto", email);
		// the code's validity ran out (as if the configured minutes had passed)
		this.jdbc.sql("UPDATE portal_code SET expires_at = created_at WHERE id = CAST(:id AS uuid)")
			.param("id", code.id())
			.update();
		refused(session, code.code(), "expired");
	}

	@Test
	void afterTooManyWrongCodesEvenTheRightOneIsRefused() {
		String email = "portal.attempts@example.org";
		Http session = Http.session(this.port);
		PortalTests.Code code = PortalTests.askedCode(session, this.port, "conecto", email);
		for (int i = 0; i < 5; i++) {
			assertThat(PortalTests.enterCode(session, "conecto", other(code.code())).body())
				.contains("id=\"problem-wrong\"");
		}
		refused(session, code.code(), "too_many_attempts");
	}

	@Test
	void onlyAFewCodesGoToOneAddressAndNoneIsKeptInClear() {
		String email = "portal.flood@example.org";
		Http session = Http.session(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(PortalTests.askCode(session, "nanosystems", email).location())
				.endsWith("/portal/nanosystems/code");
		}
		long mailed = this.jdbc
			.sql("SELECT count(*) FROM outbox_message o JOIN mailing m ON m.id = o.mailing_id "
					+ "WHERE m.kind = 'portal-code' AND o.controller_id = 'nanosystems' AND o.recipient = :e")
			.param("e", email)
			.query(Long.class)
			.single();
		assertThat(mailed).isEqualTo(3);
		String code = PortalTests.newestCode(this.port, "nanosystems", email).code();
		long clear = this.jdbc
			.sql("SELECT count(*) FROM portal_code WHERE code_hash LIKE :code OR address_hash LIKE '%@%' "
					+ "OR code_hash = :exact")
			.param("code", "%" + code + "%")
			.param("exact", code)
			.query(Long.class)
			.single();
		assertThat(clear).isZero();
	}

	@Test
	void aRequestWithDocumentsGoesThroughTheIntakeAsAPortalRequest() {
		String email = "portal.submit@example.org";
		String subjectId = subject("ipkom", "PK-SUBMIT", email);
		Http person = PortalTests.signIn(this.port, "ipkom", email);
		// IPKOM asks for the identity document, and for a delegate the proxy and the
		// delegate's document
		Http.Response missing = PortalTests.multipart(person, this.port, "/portal/ipkom/requests/new",
				"/portal/ipkom/requests",
				Map.of("type", "access", "requester", "delegate", "delegateName", "Avv. Neri"),
				Map.of("identityDocument", new String[] { "ci.pdf", "%PDF id" }));
		assertThat(missing.status()).isEqualTo(200);
		assertThat(missing.body()).contains("id=\"error-proxy\"", "id=\"error-delegate_document\"");
		long before = this.jdbc.sql("SELECT count(*) FROM rights_request WHERE subject_id = CAST(:s AS uuid)")
			.param("s", subjectId)
			.query(Long.class)
			.single();
		assertThat(before).isZero();

		Http.Response submitted = PortalTests.multipart(person, this.port, "/portal/ipkom/requests/new",
				"/portal/ipkom/requests",
				Map.of("type", "access", "requester", "subject", "details", "Una copia dei miei dati"),
				Map.of("identityDocument", new String[] { "carta-identita.pdf", "%PDF carta" }));
		String requestId = PortalTests.requestId(submitted);
		JsonNode request = Http.admin(this.port).get("/api/v1/controllers/ipkom/requests/" + requestId).json();
		assertThat(request.get("channel").asString()).isEqualTo("portal");
		assertThat(request.get("subjectId").asString()).isEqualTo(subjectId);
		assertThat(request.get("proofs").get(0).get("kind").asString()).isEqualTo("identity_document");
		assertThat(request.get("events").get(0).get("actor").asString()).startsWith("portal:").doesNotContain(email);
		// the same deadline as a request received now through the API
		Http.Response api = Http.admin(this.port)
			.postJson("/api/v1/controllers/ipkom/requests",
					Map.of("type", "access", "subject", subjectId, "channel", "email"));
		assertThat(request.get("dueOn").asString()).isEqualTo(api.json().get("dueOn").asString());
		Http.Response page = person.get("/portal/ipkom/requests/" + requestId);
		assertThat(page.body()).contains("id=\"request-state\"", "id=\"proofs\"").doesNotContain("carta-identita.pdf");
		// the request the staff recorded by e-mail is the person's too
		assertThat(person.get("/portal/ipkom/requests").body()).contains(requestId, api.json().get("id").asString());
		// every action of the person is on the audit log, under the sign-in's pseudonym
		long audited = this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE actor_role = 'SUBJECT' AND controller_id = 'ipkom' "
					+ "AND action = 'rights_request.received'")
			.query(Long.class)
			.single();
		assertThat(audited).isPositive();
	}

	@Test
	void aPersonSeesOnlyTheirOwnRequestsInTheirProvidersPortal() {
		String anna = "portal.anna@example.org";
		subject("ipkom", "PK-ANNA", anna);
		Http annaPortal = PortalTests.signIn(this.port, "ipkom", anna);
		String annas = PortalTests.requestId(PortalTests.multipart(annaPortal, this.port, "/portal/ipkom/requests/new",
				"/portal/ipkom/requests", Map.of("type", "access", "requester", "subject"),
				Map.of("identityDocument", new String[] { "a.pdf", "%PDF a" })));
		// someone unknown to IPKOM asks too
		String stranger = "portal.stranger@example.org";
		Http strangerPortal = PortalTests.signIn(this.port, "ipkom", stranger);
		String strangers = PortalTests
			.requestId(PortalTests.multipart(strangerPortal, this.port, "/portal/ipkom/requests/new",
					"/portal/ipkom/requests", Map.of("type", "access", "requester", "subject"),
					Map.of("identityDocument", new String[] { "b.pdf", "%PDF b" })));
		JsonNode strangersRequest = Http.admin(this.port).get("/api/v1/controllers/ipkom/requests/" + strangers).json();
		assertThat(strangersRequest.get("subjectId").isNull()).isTrue();
		assertThat(strangersRequest.get("subjectReference").asString()).isEqualTo(stranger);

		assertThat(annaPortal.get("/portal/ipkom/requests").body()).contains(annas).doesNotContain(strangers);
		assertThat(strangerPortal.get("/portal/ipkom/requests").body()).contains(strangers).doesNotContain(annas);
		assertThat(strangerPortal.get("/portal/ipkom/requests/" + annas).status()).isEqualTo(404);
		assertThat(strangerPortal.get("/portal/ipkom/requests/" + annas + "/result").status()).isEqualTo(404);
		assertThat(annaPortal.get("/portal/ipkom/requests/" + strangers).status()).isEqualTo(404);

		// the sign-in is for IPKOM only: another provider's portal asks to sign in
		notSignedIn(annaPortal, "conecto");
		assertThat(annaPortal.get("/portal/conecto/requests/" + annas).location()).endsWith("/portal/conecto");
		assertThat(annaPortal.get("/portal/conecto/requests/" + annas + "/result").status()).isEqualTo(404);
		// and never opens anything of the staff
		assertThat(annaPortal.get("/controllers/ipkom/requests").status()).isIn(302, 401, 403);
		assertThat(annaPortal.get("/controllers/ipkom/requests").location()).doesNotContain("/controllers/ipkom");
		assertThat(annaPortal.get("/api/v1/controllers/ipkom/requests").status()).isIn(401, 403);
		// a portal that does not exist, or a provider's that the policy does not open
		assertThat(Http.session(this.port).get("/portal/nosuch").status()).isEqualTo(404);
	}

	@Test
	void aPersonWithdrawsConsentAndObjectsOnThePortal() {
		String email = "portal.consent@example.org";
		String subjectId = subject("conecto", "PK-CONSENT", email);
		Http admin = Http.admin(this.port);
		// conecto.yaml: marketing.purpose
		String marketing = "marketing";
		Http.Response given = admin.postJson("/api/v1/controllers/conecto/consents", Map.of("subject", subjectId,
				"purpose", marketing, "scope", "email", "event", "given", "method", "web_form"));
		assertThat(given.status()).as(given.body()).isEqualTo(201);
		Http person = PortalTests.signIn(this.port, "conecto", email);
		String page = person.get("/portal/conecto/consents").body();
		String withdraw = "consent-" + marketing + "-email-withdrawn";
		assertThat(page).contains("id=\"" + withdraw + "\"");
		Http.Response withdrawn = person.submit("/portal/conecto/consents", "/portal/conecto/consents",
				Map.of("purpose", marketing, "scope", "email", "event", "withdrawn"));
		assertThat(withdrawn.location()).endsWith("/portal/conecto/consents?done=withdrawn");
		Http.Response objected = person.submit("/portal/conecto/consents", "/portal/conecto/consents",
				Map.of("purpose", marketing, "scope", "sms", "event", "objected"));
		assertThat(objected.location()).endsWith("?done=objected");
		// a choice the portal does not offer is refused, and nothing is written
		Http.Response refused = person.submit("/portal/conecto/consents", "/portal/conecto/consents",
				Map.of("purpose", marketing, "scope", "email", "event", "withdrawn"));
		assertThat(refused.body()).contains("id=\"refused\"");

		JsonNode ledger = admin.get("/api/v1/controllers/conecto/consents?subject=" + subjectId).json();
		assertThat(ledger.get("items")).hasSize(3);
		assertThat(ledger.get("items").get(0).get("evidence").get("method").asString()).isEqualTo("portal");
		JsonNode decision = admin
			.get("/api/v1/controllers/conecto/contact-decision?subject=" + subjectId + "&channel=email&purpose="
					+ marketing)
			.json();
		assertThat(decision.get("allowed").asBoolean()).isFalse();
		assertThat(person.get("/portal/conecto/consents").body())
			.contains("id=\"consent-" + marketing + "-email-given\"");
	}

	private String subject(String controllerId, String code, String email) {
		Http.Response created = Http.admin(this.port)
			.postJson("/api/v1/controllers/" + controllerId + "/subjects",
					Map.of("customerCode", code, "givenName", "Anna", "familyName", "Portale", "email", email));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/**
	 * The session is not signed in to the controller's portal: its pages ask to sign in.
	 */
	private static void notSignedIn(Http session, String controllerId) {
		assertThat(session.get("/portal/" + controllerId + "/requests").location()).endsWith("/portal/" + controllerId);
	}

	/**
	 * The code is refused with the given problem, and the session stays signed out.
	 */
	private static void refused(Http session, String code, String problem) {
		assertThat(PortalTests.enterCode(session, "conecto", code).body()).contains("id=\"problem-" + problem + "\"");
		notSignedIn(session, "conecto");
	}

	private static String other(String code) {
		return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
	}

	private static String withoutToken(String page) {
		return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
	}

}
