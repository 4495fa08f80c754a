package io.tutela.policy;

import java.time.Period;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy.Action;
import io.tutela.policy.Policy.Channel;
import io.tutela.policy.Policy.Contact;
import io.tutela.policy.Policy.LegalBasis;
import io.tutela.policy.Policy.Purpose;
import io.tutela.policy.Policy.Recipient;
import io.tutela.policy.Policy.RequestChannel;
import io.tutela.policy.Policy.RetentionRule;
import io.tutela.policy.Policy.Right;
import io.tutela.policy.Policy.Safeguard;
import io.tutela.policy.Policy.SecurityMeasure;
import io.tutela.policy.Policy.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facts of Conecto's notice (seeds/conecto-internet-telephony-privacy-notice.it.txt) that
 * its shipped policy must keep.
 */
class ConectoPolicyFactsUnitTest {

	private final Policy policy = ShippedPolicies.load("conecto");

	@Test
	void complaintsAreSeenWithoutIdentifyingElementsAndTicketsNeedNoLicence() {
		assertThat(this.policy.category("complaints").orElseThrow().handledWithoutIdentity()).isTrue();
		assertThat(this.policy.category("support_requests").orElseThrow().handledWithoutIdentity()).isFalse();
		assertThat(this.policy.records(RecordKind.SUPPORT_TICKET).orElseThrow().requires("licence_number")).isFalse();
	}

	@Test
	void ordersReachBackAsArticle132AndLaw167Allow() {
		Policy.Justice justice = this.policy.justice();
		assertThat(justice).isNotNull();
		assertThat(justice.order("urgent_prosecutor_decree").orElseThrow().validation())
			.isEqualTo(java.time.Duration.ofHours(96));
		assertThat(justice.order("judge_decree").orElseThrow().validation()).isNull();
		assertThat(justice.order("defence_request").orElseThrow().recipient()).isEqualTo("defence-lawyers");
		Policy.OffenceClass ordinary = justice.offenceClass("art132").orElseThrow();
		assertThat(ordinary.window("telephone_traffic", java.util.Map.of("answered", "false")))
			.contains(java.time.Period.ofDays(30));
		assertThat(ordinary.window("telephone_traffic", java.util.Map.of("answered", "true")))
			.contains(java.time.Period.ofMonths(24));
		assertThat(ordinary.window("telematic_traffic", java.util.Map.of())).contains(java.time.Period.ofMonths(12));
		assertThat(ordinary.window("identity", java.util.Map.of())).isEmpty();
		Policy.OffenceClass gravest = justice.offenceClass("art407").orElseThrow();
		assertThat(gravest.window("telephone_traffic", java.util.Map.of("answered", "false")))
			.contains(java.time.Period.ofMonths(72));
		assertThat(gravest.window("telematic_traffic", java.util.Map.of())).contains(java.time.Period.ofMonths(72));
	}

	@Test
	void telephoneTrafficForBillingIsKeptSixMonthsThenSegregated() {
		RetentionRule billing = rule("telephone-traffic-billing");
		assertThat(billing.category()).isEqualTo("telephone_traffic");
		// every traffic record, whatever its purpose, leaves the operational store after
		// the billing period
		assertThat(billing.purpose()).isNull();
		assertThat(billing.trigger()).isEqualTo(Trigger.COLLECTED);
		assertThat(billing.duration()).isEqualTo(Period.ofMonths(6));
		assertThat(billing.action()).isEqualTo(Action.SEGREGATE);
		assertThat(billing.then()).isEqualTo("telephone-traffic-vault");
		assertThat(billing.legalReference()).contains("art. 123");
	}

	@Test
	void aDisputedBillOrACourtOrderHoldsTrafficDataBeyondSixMonths() {
		assertThat(rule("telephone-traffic-billing").holds()).containsExactlyInAnyOrder("bill_dispute", "court_order");
		assertThat(rule("telematic-traffic-billing").holds()).containsExactlyInAnyOrder("bill_dispute", "court_order");
		assertThat(this.policy.legalHolds()).extracting((h) -> h.name().it())
			.contains("Contestazione della fattura o pretesa del pagamento, anche in sede giudiziale");
	}

	@Test
	void unansweredCallsAreKeptThirtyDaysThenGoToTheVault() {
		List<RetentionRule> unanswered = this.policy.rulesFor("telephone_traffic")
			.stream()
			.filter((r) -> r.where().equals(Map.of("answered", "false")))
			.toList();
		assertThat(unanswered).hasSize(1);
		RetentionRule rule = unanswered.get(0);
		assertThat(rule.trigger()).isEqualTo(Trigger.COLLECTED);
		assertThat(rule.duration()).isEqualTo(Period.ofDays(30));
		assertThat(rule.action()).isEqualTo(Action.SEGREGATE);
		assertThat(rule.then()).isEqualTo("telephone-traffic-vault");
	}

	@Test
	void theVaultKeepsTrafficData72MonthsForJusticeUnderLaw167Of2017() {
		for (String id : List.of("telephone-traffic-vault", "telematic-traffic-vault")) {
			RetentionRule vault = rule(id);
			assertThat(vault.trigger()).isEqualTo(Trigger.COLLECTED);
			assertThat(vault.duration()).isEqualTo(Period.ofMonths(72));
			assertThat(vault.action()).isEqualTo(Action.DELETE);
			assertThat(vault.then()).isNull();
			assertThat(vault.legalReference()).contains("L. 167/2017");
		}
		RetentionRule telematic = rule("telematic-traffic-billing");
		assertThat(telematic.duration()).isEqualTo(Period.ofMonths(6));
		assertThat(telematic.then()).isEqualTo("telematic-traffic-vault");
	}

	@Test
	void marketingContactsExpireTwelveMonthsAfterTheLastContact() {
		RetentionRule contacts = rule("marketing-contacts");
		assertThat(contacts.category()).isEqualTo("marketing_contacts");
		assertThat(contacts.trigger()).isEqualTo(Trigger.LAST_CONTACT);
		assertThat(contacts.duration()).isEqualTo(Period.ofMonths(12));
		assertThat(contacts.action()).isEqualTo(Action.DELETE);
		assertThat(this.policy.marketing()).isNotNull();
		assertThat(this.policy.marketing().contactExpiry()).isEqualTo(Period.ofMonths(12));
	}

	@Test
	void offersOnSimilarServicesGoToTheCustomersAddressUntilTheCustomerObjects() {
		assertThat(this.policy.marketing().purpose()).isEqualTo("marketing");
		assertThat(this.policy.marketing().softSpam()).isTrue();
		assertThat(this.policy.marketing().channels()).contains(Channel.EMAIL, Channel.PAPER_MAIL);
		assertThat(purpose("marketing").legalBasis()).containsExactlyInAnyOrder(LegalBasis.CONSENT,
				LegalBasis.LEGITIMATE_INTEREST);
	}

	@Test
	void aTelephoneRequestWithoutCertaintyOfIdentityIsRefused() {
		assertThat(this.policy.rights().channels()).contains(RequestChannel.TELEPHONE);
		assertThat(this.policy.rights().telephoneNeedsIdentity()).isTrue();
		assertThat(this.policy.rights().contacts())
			.containsExactlyInAnyOrder(new Contact(RequestChannel.EMAIL, "privacy@connectingproject.it"), new Contact(
					RequestChannel.REGISTERED_MAIL, "Connecting Project, via delle Comunicazioni N.5 – 06135 Perugia"));
		assertThat(this.policy.rights().deadline()).isEqualTo(Period.ofMonths(1));
		assertThat(this.policy.rights().extension()).isEqualTo(Period.ofMonths(2));
	}

	@Test
	void complaintsReachOtherDepartmentsWithoutIdentifyingElements() {
		SecurityMeasure measure = this.policy.security()
			.stream()
			.filter((m) -> m.id().equals("complaints-without-identity"))
			.findFirst()
			.orElseThrow();
		assertThat(measure.categories()).contains("complaints");
		assertThat(measure.description().it())
			.contains("con esclusione degli elementi identificativi dell'interessato");
		assertThat(purpose("customer_care").categories()).contains("complaints");
		assertThat(this.policy.rights().offered()).contains(Right.COMPLAINT);
	}

	@Test
	void theDpoIsReachedAtPrivacyConnectingproject() {
		assertThat(this.policy.dpo()).isNotNull();
		assertThat(this.policy.dpo().email()).isEqualTo("privacy@connectingproject.it");
		assertThat(this.policy.controller().privacyContact()).isEqualTo("privacy@connectingproject.it");
		assertThat(this.policy.controller().address()).isEqualTo("Via delle Comunicazioni N.5, 06135 Perugia");
	}

	@Test
	void changesToTheNoticeAreAnnouncedByEmail() {
		assertThat(this.policy.notice().changeNotification()).contains("email");
	}

	@Test
	void thePurposesAreThoseOfLettersAToJ() {
		assertThat(this.policy.purposes()).extracting(Purpose::id)
			.contains("contract", "billing", "service_communications", "legal_obligation", "judicial_authority",
					"defence_of_rights", "statistics", "customer_care", "quality_survey", "marketing",
					"network_security");
		assertThat(purpose("defence_of_rights").legalBasis()).containsExactly(LegalBasis.LEGITIMATE_INTEREST);
		assertThat(purpose("judicial_authority").legalBasis()).containsExactly(LegalBasis.LEGAL_OBLIGATION);
		assertThat(purpose("billing").legalBasis()).contains(LegalBasis.LEGAL_OBLIGATION);
	}

	@Test
	void specialAndJudicialDataAreFlaggedAndNeedConsent() {
		assertThat(this.policy.category("special_data").orElseThrow().special()).isTrue();
		assertThat(this.policy.category("judicial_data").orElseThrow().judicial()).isTrue();
		Purpose special = purpose("special_requests");
		assertThat(special.categories()).containsExactlyInAnyOrder("special_data", "judicial_data");
		assertThat(special.legalBasis()).containsExactly(LegalBasis.CONSENT);
		assertThat(special.art9()).contains("a");
	}

	@Test
	void dataGoOutsideTheEuOnlyToTheCountryWhereTheSubjectLivesOrIs() {
		Recipient abroad = recipient("subject-country");
		assertThat(abroad.country()).isEqualTo("non-EEA");
		assertThat(abroad.transfer()).isNotNull();
		assertThat(abroad.transfer().safeguard()).isEqualTo(Safeguard.DEROGATION);
		assertThat(abroad.description().it()).contains("verso il Paese in cui risiede o si trova l'interessato");
		assertThat(this.policy.recipients()).filteredOn((r) -> !"subject-country".equals(r.id()))
			.extracting(Recipient::country)
			.containsOnly("IT");
	}

	@Test
	void banksReceiveOnlyAccountingData() {
		assertThat(recipient("banks-and-card-issuers").categories()).containsExactly("billing_payment");
	}

	@Test
	void administrativeRecordsAreKeptTenYearsAfterTheContractEnds() {
		RetentionRule billing = rule("billing-after-contract");
		assertThat(billing.category()).isEqualTo("billing_payment");
		assertThat(billing.trigger()).isEqualTo(Trigger.CONTRACT_END);
		assertThat(billing.duration()).isEqualTo(Period.ofYears(10));
		assertThat(billing.action()).isEqualTo(Action.DELETE);
		assertThat(billing.legalReference()).contains("art. 2220");
	}

	private Purpose purpose(String id) {
		return this.policy.purpose(id).orElseThrow(() -> new AssertionError("no purpose " + id));
	}

	private RetentionRule rule(String id) {
		return this.policy.rule(id).orElseThrow(() -> new AssertionError("no retention rule " + id));
	}

	private Recipient recipient(String id) {
		return this.policy.recipient(id).orElseThrow(() -> new AssertionError("no recipient " + id));
	}

}
