package io.tutela.policy;

import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy.Action;
import io.tutela.policy.Policy.Channel;
import io.tutela.policy.Policy.LegalBasis;
import io.tutela.policy.Policy.Recipient;
import io.tutela.policy.Policy.RetentionRule;
import io.tutela.policy.Policy.Safeguard;
import io.tutela.policy.Policy.Source;
import io.tutela.policy.Policy.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts of Connext Srl's call-centre notice, as its shipped policy must state them.
 */
class ConnextPolicyFactsUnitTest {

	private final Policy policy = ShippedPolicies.load("connext");

	@Test
	void connextIsTheControllerInMilan() {
		assertThat(this.policy.controller().role()).isEqualTo(Policy.Role.CONTROLLER);
		assertThat(this.policy.controller().name()).isEqualTo("Connext Srl");
		assertThat(this.policy.controller().address()).contains("Via Bagutta, 13").contains("20121 Milano");
		assertThat(this.policy.controller().privacyContact()).isEqualToIgnoringCase("amministrazione@connext.com");
	}

	@Test
	void civilDataAreKeptTenYearsAfterTheContractEnds() {
		for (String category : List.of("identity", "contact", "contract", "billing_payment")) {
			assertThat(this.policy.rulesFor(category)).as(category).singleElement().satisfies((rule) -> {
				assertThat(rule.trigger()).isEqualTo(Trigger.CONTRACT_END);
				assertThat(rule.duration()).isEqualTo(Period.ofYears(10));
				assertThat(rule.action()).isEqualTo(Action.DELETE);
				assertThat(rule.holds()).contains("dispute");
			});
		}
		assertThat(this.policy.rulesFor("billing_payment").get(0).legalReference()).contains("2220");
	}

	@Test
	void dataEssentialToTheContractAreMandatory() {
		assertThat(this.policy.category("identity").orElseThrow().mandatory()).isTrue();
		assertThat(this.policy.category("contract").orElseThrow().mandatory()).isTrue();
		assertThat(this.policy.category("marketing_contacts").orElseThrow().mandatory()).isFalse();
	}

	@Test
	void callListsComeFromOwnArchiveConsentedListsAndPublicDirectories() {
		assertThat(this.policy.category("prospect_numbers").orElseThrow().sources())
			.containsExactlyInAnyOrder(Source.OWN_ARCHIVE, Source.THIRD_PARTY_LIST, Source.PUBLIC_REGISTER);
	}

	@Test
	void publicDirectoryNumbersAreCheckedAgainstTheOppositionRegister() {
		assertThat(this.policy.marketing()).isNotNull();
		assertThat(this.policy.marketing().oppositionRegister()).isTrue();
		assertThat(this.policy.marketing().oppositionRegisterGrace()).isEqualTo(Period.ofDays(30));
		assertThat(this.policy.marketing().campaignCheckValidity()).isEqualTo(Period.ofDays(15));
		assertThat(this.policy.security()).anySatisfy((measure) -> {
			assertThat(measure.categories()).containsExactly("prospect_numbers");
			assertThat(measure.description().it()).contains("Registro Pubblico delle Opposizioni");
		});
	}

	@Test
	void marketingChannelsCoverAutomatedAndTraditionalModalities() {
		List<Channel> channels = this.policy.marketing().channels();
		assertThat(channels).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS, Channel.MMS, Channel.FAX,
				Channel.AUTOMATED_CALL, Channel.APP_NOTIFICATION, Channel.PAPER_MAIL, Channel.OPERATOR_CALL);
		assertThat(channels).anyMatch(Channel::automated).anyMatch((c) -> !c.automated());
	}

	@Test
	void marketingAndConsumptionAnalysisNeedConsentAndNoSoftSpam() {
		assertThat(this.policy.marketing().purpose()).isEqualTo("marketing");
		assertThat(this.policy.purpose("marketing").orElseThrow().needsConsent()).isTrue();
		assertThat(this.policy.purpose("consumption_analysis").orElseThrow().needsConsent()).isTrue();
		assertThat(this.policy.marketing().softSpam()).isFalse();
	}

	@Test
	void continuedInterestIsRecheckedPeriodically() {
		assertThat(this.policy.marketing().interestRecheck()).isNotNull().isEqualTo(Period.ofMonths(12));
		RetentionRule rule = this.policy.rule("prospect-numbers-marketing").orElseThrow();
		assertThat(rule.trigger()).isEqualTo(Trigger.LAST_CONTACT);
		assertThat(rule.duration()).isEqualTo(Period.ofMonths(24));
	}

	@Test
	void consentCoversBothModalitiesAndPre2018ConsentsCanBeWithdrawn() {
		String text = this.policy.purpose("marketing").orElseThrow().description().it();
		assertThat(text).contains("si estende anche alle").contains("una sola delle due").contains("25 maggio 2018");
		assertThat(this.policy.rights().offered()).contains(Policy.Right.CONSENT_WITHDRAWAL);
	}

	@Test
	void assistanceCallbacksNeedNoConsent() {
		Policy.Purpose care = this.policy.purpose("customer_care").orElseThrow();
		assertThat(care.legalBasis()).containsExactly(LegalBasis.CONTRACT);
		assertThat(care.categories()).contains("support_ticket");
	}

	@Test
	void satisfactionSurveysAreAPurposeOfTheirOwn() {
		Policy.Purpose survey = this.policy.purpose("quality_survey").orElseThrow();
		assertThat(survey.categories()).contains("survey_answers");
		assertThat(survey.legalBasis()).doesNotContain(LegalBasis.CONSENT);
		assertThat(survey.legitimateInterest()).isNotNull();
	}

	@Test
	void offshoreCallCentresOutsideTheEeaUseStandardContractualClauses() {
		Recipient offshore = this.policy.recipient("offshore-call-centres").orElseThrow();
		assertThat(offshore.country()).isEqualTo("non-EEA");
		assertThat(offshore.transfer()).isNotNull();
		assertThat(offshore.transfer().safeguard()).isEqualTo(Safeguard.SCC);
		assertThat(this.policy.locations()).anyMatch((l) -> l.country().equals("non-EEA"));
	}

	@Test
	void staffCategoriesThatMayLearnOfTheDataAreListed() {
		assertThat(this.policy.recipients()).extracting(Recipient::id)
			.contains("staff-employees", "staff-interns", "staff-appointed-managers", "service-providers");
	}

	@Test
	void erasureIsToldToOtherControllers() {
		assertThat(this.policy.rights().notifyOtherControllers()).isTrue();
		assertThat(this.policy.rights().offered()).contains(Policy.Right.ERASURE, Policy.Right.PORTABILITY,
				Policy.Right.OBJECTION, Policy.Right.COMPLAINT);
		assertThat(this.policy.rights().deadline()).isEqualTo(Period.ofMonths(1));
	}

}
