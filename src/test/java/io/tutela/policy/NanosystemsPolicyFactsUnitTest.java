package io.tutela.policy;

import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tutela.policy.Policy.Action;
import io.tutela.policy.Policy.LegalBasis;
import io.tutela.policy.Policy.Recipient;
import io.tutela.policy.Policy.RecipientKind;
import io.tutela.policy.Policy.RetentionRule;
import io.tutela.policy.Policy.Source;
import io.tutela.policy.Policy.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts of Nanosystems S.r.l.'s assistance notice, as its shipped policy must state
 * them.
 */
class NanosystemsPolicyFactsUnitTest {

	private final Policy policy = ShippedPolicies.load("nanosystems");

	@Test
	void nanosystemsIsTheControllerInAscoliPiceno() {
		assertThat(this.policy.controller().role()).isEqualTo(Policy.Role.CONTROLLER);
		assertThat(this.policy.controller().vatNumber()).isEqualTo("IT01085650446");
		assertThat(this.policy.controller().address()).contains("Via del Commercio 76/A").contains("Ascoli Piceno");
		assertThat(this.policy.controller().privacyContact()).isEqualTo("privacy@nanosystems.it");
	}

	@Test
	void ticketFieldsAreMandatoryAndAttachmentsOptional() {
		Policy.Category ticket = this.policy.category("support_ticket").orElseThrow();
		assertThat(ticket.mandatory()).isTrue();
		assertThat(ticket.sources()).containsExactly(Source.SUBJECT);
		assertThat(ticket.description().it()).contains("codice numerico univoco")
			.contains("Nome, indirizzo mail, oggetto e messaggio")
			.contains("numero licenza");
		assertThat(this.policy.category("ticket_attachments").orElseThrow().mandatory()).isFalse();
		assertThat(this.policy.category("optional_data").orElseThrow().mandatory()).isFalse();
		assertThat(this.policy.records(RecordKind.SUPPORT_TICKET).orElseThrow().requires("licence_number")).isTrue();
	}

	@Test
	void remoteSessionsRecordSubjectIdIpAndGmtTimes() {
		Policy.Category session = this.policy.category("remote_session").orElseThrow();
		assertThat(session.sources()).containsExactly(Source.SERVICE_GENERATED);
		assertThat(session.description().it()).contains("ID dell'interessato")
			.contains("IP dell'interessato")
			.contains("inizio e fine della sessione")
			.contains("GMT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "support_ticket", "ticket_attachments", "remote_session", "optional_data" })
	void supportDataArePseudonymisedAtContractEndThenAnonymisedAfter72Months(String category) {
		List<RetentionRule> rules = this.policy.rulesFor(category);
		RetentionRule first = rules.stream()
			.filter((r) -> r.trigger() != Trigger.PREVIOUS_ACTION)
			.findFirst()
			.orElseThrow();
		assertThat(first.trigger()).isEqualTo(Trigger.CONTRACT_END);
		assertThat(first.duration()).isEqualTo(Period.ZERO);
		assertThat(first.action()).isEqualTo(Action.PSEUDONYMISE);
		RetentionRule then = this.policy.rule(first.then()).orElseThrow();
		assertThat(then.category()).isEqualTo(category);
		assertThat(then.trigger()).isEqualTo(Trigger.PREVIOUS_ACTION);
		assertThat(then.duration()).isEqualTo(Period.ofMonths(72));
		assertThat(then.action()).isEqualTo(Action.ANONYMISE);
		assertThat(then.then()).isNull();
		assertThat(rules).hasSize(2);
	}

	@Test
	void aJudicialRequestHoldsTheAnonymisation() {
		assertThat(this.policy.rule("support-ticket-anonymise").orElseThrow().holds()).contains("judicial_request");
		assertThat(this.policy.security()).anySatisfy((m) -> {
			assertThat(m.id()).isEqualTo("pseudonymisation");
			assertThat(m.description().it()).contains("separatamente");
		});
	}

	@Test
	void zendeskIsAProcessorWithATransferSafeguard() {
		Recipient zendesk = this.policy.recipient("zendesk").orElseThrow();
		assertThat(zendesk.kind()).isEqualTo(RecipientKind.PROCESSOR);
		assertThat(zendesk.dpa()).isEqualTo(Policy.DpaStatus.SIGNED);
		assertThat(zendesk.country()).isEqualTo("US");
		assertThat(zendesk.transfer()).isNotNull();
		assertThat(zendesk.transfer().safeguard()).isEqualTo(Policy.Safeguard.BCR);
		assertThat(zendesk.url()).contains("eu-data-protection");
		assertThat(zendesk.categories()).contains("support_ticket", "ticket_attachments");
	}

	@Test
	void nicereplyIsASlovakProcessorWithNoTransferOutsideTheEea() {
		Recipient nicereply = this.policy.recipient("nicereply").orElseThrow();
		assertThat(nicereply.kind()).isEqualTo(RecipientKind.PROCESSOR);
		assertThat(nicereply.dpa()).isEqualTo(Policy.DpaStatus.SIGNED);
		assertThat(nicereply.country()).isEqualTo("SK");
		assertThat(nicereply.transfer()).isNull();
	}

	@Test
	void purposesAreQualityAdministrationAndJudicialRequests() {
		assertThat(this.policy.purposes()).extracting(Policy.Purpose::id)
			.contains("customer_care", "quality", "administration", "judicial_authority", "statistics");
		assertThat(this.policy.purpose("judicial_authority").orElseThrow().legalBasis())
			.containsExactly(LegalBasis.LEGAL_OBLIGATION);
		assertThat(this.policy.purpose("administration").orElseThrow().legalBasis()).contains(LegalBasis.CONTRACT);
		assertThat(this.policy.recipient("judicial-authorities").orElseThrow().kind())
			.isEqualTo(RecipientKind.PUBLIC_AUTHORITY);
	}

	@Test
	void nothingIsDoneForMarketing() {
		assertThat(this.policy.marketing()).isNull();
		assertThat(this.policy.purposes()).noneMatch((p) -> p.legalBasis().contains(LegalBasis.CONSENT));
	}

	@Test
	void rightsAreForwardedToProcessors() {
		assertThat(this.policy.rights().notifyProcessors()).isTrue();
		assertThat(this.policy.rights().offered()).contains(Policy.Right.ACCESS, Policy.Right.RECTIFICATION,
				Policy.Right.ERASURE, Policy.Right.RESTRICTION, Policy.Right.OBJECTION, Policy.Right.PORTABILITY,
				Policy.Right.COMPLAINT);
		assertThat(this.policy.rights().contacts()).extracting(Policy.Contact::address)
			.containsExactly("privacy@nanosystems.it");
	}

}
