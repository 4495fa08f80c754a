package io.tutela.policy;

import java.time.Period;

import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy.Action;
import io.tutela.policy.Policy.LegalBasis;
import io.tutela.policy.Policy.Recipient;
import io.tutela.policy.Policy.RecipientKind;
import io.tutela.policy.Policy.RetentionRule;
import io.tutela.policy.Policy.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts of the MySegretaria notice (MyCentralino SRL, processor for its clients), and
 * of the demo client controller that uses it.
 */
class MySegretariaPolicyFactsUnitTest {

	private final Policy policy = ShippedPolicies.load("mysegretaria");

	private final Policy client = ShippedPolicies.load("mysegretaria-studio-rossi");

	@Test
	void myCentralinoIsAProcessorForItsClients() {
		assertThat(this.policy.controller().role()).isEqualTo(Policy.Role.PROCESSOR);
		assertThat(this.policy.controller().processor()).isNull();
		assertThat(this.policy.controller().name()).contains("MyCentralino SRL");
		assertThat(this.policy.controller().vatNumber()).isEqualTo("16848311003");
		assertThat(this.policy.controller().address()).contains("Via Pier Lorenzo De Vita 30").contains("00127 Roma");
	}

	@Test
	void theDpoIsNamed() {
		assertThat(this.policy.dpo()).isNotNull();
		assertThat(this.policy.dpo().name()).isEqualTo("Ing. Tommaso Vitale");
		assertThat(this.policy.dpo().email()).isEqualTo("DPO@mycentralino.com");
		assertThat(this.policy.dpo().address()).contains("Viale Avignone 118");
	}

	@Test
	void callerDataAreProcessedOnBehalfOfTheClientUnderTheServiceContract() {
		assertThat(this.policy.categories()).extracting(Policy.Category::id)
			.contains("call_log", "call_notes", "receptionist_instructions", "blacklist_vip", "call_forwarding",
					"imported_contacts");
		assertThat(this.policy.category("call_log").orElseThrow().description().it())
			.contains("nome del soggetto che chiama")
			.contains("numero di telefono")
			.contains("data e ora");
		Policy.Purpose service = this.policy.purpose("service_delivery").orElseThrow();
		assertThat(service.legalBasis()).containsExactly(LegalBasis.CONTRACT);
		assertThat(service.categories()).contains("call_log", "call_notes", "blacklist_vip", "call_forwarding");
	}

	@Test
	void importedContactsRestOnConsent() {
		assertThat(this.policy.purpose("contact_import").orElseThrow().legalBasis())
			.containsExactly(LegalBasis.CONSENT);
		assertThat(this.policy.rulesFor("imported_contacts")).anyMatch((r) -> r.trigger() == Trigger.REQUEST);
	}

	@Test
	void anAccountIsDeletedOrAnonymisedFiveYearsAfterTerminationWithoutActivity() {
		RetentionRule rule = this.policy.rulesFor("portal_account")
			.stream()
			.filter((r) -> r.trigger() == Trigger.LAST_ACTIVITY)
			.findFirst()
			.orElseThrow();
		assertThat(rule.duration()).isEqualTo(Period.ofYears(5));
		assertThat(rule.notBefore()).as("counted from the later of the last activity and the termination")
			.isEqualTo(Trigger.CONTRACT_END);
		assertThat(rule.action()).isIn(Action.DELETE, Action.ANONYMISE);
		assertThat(rule.description().it()).contains("5 anni dopo la risoluzione").contains("data successiva");
		assertThat(this.policy.rulesFor("portal_account")).anyMatch((r) -> r.trigger() == Trigger.REQUEST);
		assertThat(this.policy.rulesFor("credentials"))
			.anyMatch((r) -> r.trigger() == Trigger.LAST_ACTIVITY && r.duration().equals(Period.ofYears(5)));
	}

	@Test
	void callNotesDeletedByTheClientAreGoneForGood() {
		RetentionRule rule = this.policy.rule("call-notes-deleted-by-client").orElseThrow();
		assertThat(rule.category()).isEqualTo("call_notes");
		assertThat(rule.trigger()).isEqualTo(Trigger.REQUEST);
		assertThat(rule.duration()).isEqualTo(Period.ZERO);
		assertThat(rule.action()).isEqualTo(Action.DELETE);
		assertThat(rule.then()).isNull();
	}

	@Test
	void callHistoryIsKeptTenYearsWhereCommercialAndTaxLawRequire() {
		RetentionRule rule = this.policy.rulesFor("call_log")
			.stream()
			.filter((r) -> "legal_obligation".equals(r.purpose()))
			.findFirst()
			.orElseThrow();
		assertThat(rule.trigger()).isEqualTo(Trigger.CONTRACT_END);
		assertThat(rule.duration()).isEqualTo(Period.ofYears(10));
		assertThat(rule.legalReference()).contains("2220");
		assertThat(this.policy.rulesFor("billing_payment")).singleElement()
			.satisfies((r) -> assertThat(r.duration()).isEqualTo(Period.ofYears(10)));
	}

	@Test
	void emailMarketingIsSoftSpamUntilObjection() {
		assertThat(this.policy.marketing()).isNotNull();
		assertThat(this.policy.marketing().softSpam()).isTrue();
		assertThat(this.policy.marketing().channels()).containsExactly(Policy.Channel.EMAIL);
		Policy.Purpose marketing = this.policy.purpose(this.policy.marketing().purpose()).orElseThrow();
		assertThat(marketing.legalBasis()).contains(LegalBasis.CONSENT, LegalBasis.LEGITIMATE_INTEREST);
		assertThat(marketing.description().it()).contains("supporto@mycentralino.com");
		assertThat(this.policy.rule("marketing-objection").orElseThrow().trigger()).isEqualTo(Trigger.REQUEST);
	}

	@Test
	void cookiesAndAnalyticsBeyondTheStrictlyNecessaryNeedConsent() {
		assertThat(this.policy.purpose("statistics").orElseThrow().needsConsent()).isTrue();
		assertThat(this.policy.purpose("statistics").orElseThrow().categories()).containsExactly("web_navigation");
		assertThat(this.policy.purpose("website_operation").orElseThrow().legalBasis())
			.doesNotContain(LegalBasis.CONSENT);
	}

	@Test
	void stripeProcessesPaymentsInTheUnitedStatesWithASafeguard() {
		Recipient stripe = this.policy.recipient("stripe").orElseThrow();
		assertThat(stripe.kind()).isEqualTo(RecipientKind.PROCESSOR);
		assertThat(stripe.country()).isEqualTo("US");
		assertThat(stripe.transfer()).isNotNull();
		assertThat(stripe.transfer().safeguard()).isEqualTo(Policy.Safeguard.ADEQUACY);
		assertThat(stripe.transfer().reference()).contains("Data Privacy Framework");
		assertThat(stripe.categories()).contains("payment_card");
		assertThat(this.policy.purpose("billing").orElseThrow().legalBasis()).containsExactly(LegalBasis.CONTRACT);
	}

	@Test
	void tlsAndATemporaryPasswordProtectThePortal() {
		assertThat(this.policy.security()).extracting(Policy.SecurityMeasure::id).contains("tls", "temporary-password");
		assertThat(this.policy.security()).filteredOn((m) -> m.id().equals("temporary-password"))
			.singleElement()
			.satisfies((m) -> assertThat(m.categories()).contains("credentials"));
	}

	@Test
	void rightsRequestsComeThroughTheClientController() {
		assertThat(this.policy.rights().viaClientController()).isTrue();
		assertThat(this.policy.rights().channels()).contains(Policy.RequestChannel.CLIENT_CONTROLLER);
		assertThat(this.policy.rights().contacts()).extracting(Policy.Contact::address)
			.contains("DPO@mycentralino.com");
		assertThat(this.policy.rights().offered()).contains(Policy.Right.CONSENT_WITHDRAWAL, Policy.Right.PORTABILITY);
	}

	@Test
	void theDemoClientNamesMySegretariaAsItsProcessor() {
		assertThat(this.client.controller().role()).isEqualTo(Policy.Role.CONTROLLER);
		assertThat(this.client.controller().processor()).isEqualTo("mysegretaria");
		Recipient processor = this.client.recipient("mycentralino").orElseThrow();
		assertThat(processor.kind()).isEqualTo(RecipientKind.PROCESSOR);
		assertThat(processor.country()).isEqualTo("IT");
		assertThat(processor.dpa()).isEqualTo(Policy.DpaStatus.SIGNED);
		assertThat(processor.categories()).contains("call_log", "call_notes", "imported_contacts");
	}

	@Test
	void theDemoClientCoversCallersDataAndConsentedContacts() {
		assertThat(this.client.categories()).extracting(Policy.Category::id)
			.contains("call_log", "call_notes", "imported_contacts");
		assertThat(this.client.purpose("contact_import").orElseThrow().needsConsent()).isTrue();
		assertThat(this.client.rulesFor("call_notes"))
			.anyMatch((r) -> r.trigger() == Trigger.REQUEST && r.action() == Action.DELETE);
		assertThat(this.client.controller().name()).contains("demo");
	}

}
