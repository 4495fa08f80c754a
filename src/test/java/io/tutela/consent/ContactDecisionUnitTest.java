package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the contact decision, each with instants or Europe/Rome calendar dates on
 * both sides of its boundary.
 */
class ContactDecisionUnitTest {

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	static final Terms TERMS = new Terms("marketing", EnumSet.allOf(Channel.class), true, Period.ofMonths(12), true,
			Period.ofDays(30), Period.ofDays(15), ROME);

	static final UUID SUBJECT = UUID.randomUUID();

	/** A time of day in Rome. */
	static Instant rome(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(ROME).toInstant();
	}

	static LedgerEntry entry(LedgerEntry.Kind kind, String scope, Instant at) {
		return entry(kind, scope, at, null, false);
	}

	static LedgerEntry entry(LedgerEntry.Kind kind, String scope, Instant at, @Nullable String list,
			boolean thirdParty) {
		return new LedgerEntry(UUID.randomUUID(), "acme", SUBJECT, null, null, "marketing", scope, kind, at, at,
				"operator", new LedgerEntry.Evidence("web_form", "operator", "1", list, thirdParty));
	}

	static Facts facts() {
		return new Facts();
	}

	static final class Facts {

		final List<LedgerEntry> entries = new ArrayList<>();

		boolean restricted;

		@Nullable Instant lastContact;

		@Nullable String email;

		final List<ContactFacts.Contract> contracts = new ArrayList<>();

		ContactFacts.@Nullable Registration registration;

		Facts with(LedgerEntry.Kind kind, String scope, Instant at) {
			this.entries.add(entry(kind, scope, at));
			return this;
		}

		Facts contract(String start, @Nullable String end) {
			this.contracts.add(new ContactFacts.Contract("K1", LocalDate.parse(start),
					(end != null) ? LocalDate.parse(end) : null));
			return this;
		}

		Facts registered(String on) {
			this.registration = new ContactFacts.Registration(UUID.randomUUID(), LocalDate.parse(on),
					LocalDate.parse(on));
			return this;
		}

		ContactFacts build() {
			return new ContactFacts(List.of(SUBJECT), List.copyOf(this.entries), this.restricted, this.lastContact,
					this.email, List.copyOf(this.contracts), "+390612345678", this.registration);
		}

		Decision ask(Channel channel, Instant asOf) {
			return Decisions.decide(TERMS, build(), channel, "marketing", asOf, null);
		}

		Decision ask(Channel channel, Instant asOf, Provenance provenance) {
			return Decisions.decide(TERMS, build(), channel, "marketing", asOf, provenance);
		}

	}

	@Nested
	class ChannelScopes {

		@Test
		void consentToAutomatedChannelsExtendsToTraditionalOnes() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-01-10T10:00"));
			assertThat(f.ask(Channel.SMS, rome("2025-02-01T10:00")).allowed()).isTrue();
			assertThat(f.ask(Channel.OPERATOR_CALL, rome("2025-02-01T10:00")).reason()).isEqualTo("consent");
			assertThat(f.ask(Channel.PAPER_MAIL, rome("2025-02-01T10:00")).allowed()).isTrue();
		}

		@Test
		void consentToTraditionalChannelsDoesNotReachAutomatedOnes() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "traditional", rome("2025-01-10T10:00"));
			assertThat(f.ask(Channel.OPERATOR_CALL, rome("2025-02-01T10:00")).allowed()).isTrue();
			assertThat(f.ask(Channel.EMAIL, rome("2025-02-01T10:00")).reason()).isEqualTo("no_consent");
		}

		@Test
		void oppositionToAutomatedChannelsExtendsToTraditionalOnes() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "traditional", rome("2025-01-10T10:00"))
				.with(LedgerEntry.Kind.OBJECTED, "automated", rome("2025-01-20T10:00"));
			Decision call = f.ask(Channel.OPERATOR_CALL, rome("2025-02-01T10:00"));
			assertThat(call.allowed()).isFalse();
			assertThat(call.reason()).isEqualTo("objected");
			assertThat(call.evidence()).singleElement().satisfies((e) -> assertThat(e.kind()).isEqualTo("ledger"));
		}

		@Test
		void oneModalityAloneMayBeOpposed() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-01-10T10:00"))
				.with(LedgerEntry.Kind.OBJECTED, "traditional", rome("2025-01-20T10:00"));
			assertThat(f.ask(Channel.OPERATOR_CALL, rome("2025-02-01T10:00")).reason()).isEqualTo("objected");
			assertThat(f.ask(Channel.EMAIL, rome("2025-02-01T10:00")).reason()).isEqualTo("consent");
		}

		@Test
		void oneChannelAloneMayBeConsentedTo() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "sms", rome("2025-01-10T10:00"));
			assertThat(f.ask(Channel.SMS, rome("2025-02-01T10:00")).allowed()).isTrue();
			assertThat(f.ask(Channel.EMAIL, rome("2025-02-01T10:00")).allowed()).isFalse();
			assertThat(f.ask(Channel.OPERATOR_CALL, rome("2025-02-01T10:00")).allowed()).isFalse();
		}

		@Test
		void aChannelTheNoticeDoesNotNameIsRefused() {
			Terms emailOnly = new Terms("marketing", EnumSet.of(Channel.EMAIL), false, null, false, null, null, ROME);
			ContactFacts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-01-10T10:00")).build();
			assertThat(
					Decisions.decide(emailOnly, f, Channel.SMS, "marketing", rome("2025-02-01T10:00"), null).reason())
				.isEqualTo("channel_not_in_notice");
			assertThat(Decisions.decide(emailOnly, f, Channel.EMAIL, "marketing", rome("2025-02-01T10:00"), null)
				.allowed()).isTrue();
		}

	}

	@Nested
	class Withdrawal {

		@Test
		void aWithdrawalActsFromItsInstantOnly() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-01-10T10:00"))
				.with(LedgerEntry.Kind.WITHDRAWN, "automated", rome("2025-03-01T10:00"));
			assertThat(f.ask(Channel.EMAIL, rome("2025-03-01T09:59")).allowed()).isTrue();
			Decision after = f.ask(Channel.EMAIL, rome("2025-03-01T10:00"));
			assertThat(after.allowed()).isFalse();
			assertThat(after.reason()).isEqualTo("withdrawn");
		}

		@Test
		void aConsentGivenBefore25May2018IsWithdrawnLikeAnyOther() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2017-06-01T10:00"))
				.with(LedgerEntry.Kind.WITHDRAWN, "email", rome("2019-01-15T12:00"));
			Terms noExpiry = new Terms("marketing", EnumSet.allOf(Channel.class), false, null, false, null, null, ROME);
			assertThat(Decisions.decide(noExpiry, f.build(), Channel.EMAIL, "marketing", rome("2019-01-15T11:59"), null)
				.allowed()).isTrue();
			assertThat(Decisions.decide(noExpiry, f.build(), Channel.EMAIL, "marketing", rome("2019-01-15T12:00"), null)
				.reason()).isEqualTo("withdrawn");
			assertThat(Decisions.decide(noExpiry, f.build(), Channel.SMS, "marketing", rome("2019-06-01T12:00"), null)
				.allowed()).as("only e-mail was withdrawn").isTrue();
		}

		@Test
		void aNewConsentAfterAWithdrawalCountsAgain() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-01-10T10:00"))
				.with(LedgerEntry.Kind.WITHDRAWN, "automated", rome("2025-02-01T10:00"))
				.with(LedgerEntry.Kind.GIVEN, "email", rome("2025-03-01T10:00"));
			assertThat(f.ask(Channel.EMAIL, rome("2025-02-28T10:00")).allowed()).isFalse();
			assertThat(f.ask(Channel.EMAIL, rome("2025-03-01T10:00")).allowed()).isTrue();
		}

	}

	@Nested
	class SoftSpamRule {

		Facts customer() {
			Facts f = facts().contract("2025-01-10", null);
			f.email = "cliente@example.org";
			return f;
		}

		@Test
		void theEmailOfASaleReceivesOffersUntilTheCustomerObjects() {
			Facts f = customer().with(LedgerEntry.Kind.OBJECTED, "email", rome("2025-05-01T10:00"));
			Decision before = f.ask(Channel.EMAIL, rome("2025-05-01T09:59"));
			assertThat(before.allowed()).isTrue();
			assertThat(before.reason()).isEqualTo("soft_spam");
			assertThat(f.ask(Channel.EMAIL, rome("2025-05-01T10:00")).reason()).isEqualTo("objected");
		}

		@Test
		void softSpamIsForEmailOnlyAndForTheMarketingPurpose() {
			Facts f = customer();
			assertThat(f.ask(Channel.SMS, rome("2025-05-01T10:00")).reason()).isEqualTo("no_consent");
			assertThat(Decisions.decide(TERMS, f.build(), Channel.EMAIL, "profiling", rome("2025-05-01T10:00"), null)
				.allowed()).isFalse();
		}

		@Test
		void withoutASaleOrWhenThePolicyDoesNotUseItThereIsNoSoftSpam() {
			Facts prospect = facts();
			prospect.email = "prospect@example.org";
			assertThat(prospect.ask(Channel.EMAIL, rome("2025-05-01T10:00")).allowed()).isFalse();
			Terms none = new Terms("marketing", EnumSet.allOf(Channel.class), false, null, false, null, null, ROME);
			assertThat(Decisions
				.decide(none, customer().build(), Channel.EMAIL, "marketing", rome("2025-05-01T10:00"), null)
				.allowed()).isFalse();
		}

	}

	@Nested
	class ContactExpiryRule {

		@Test
		void contactDataLastTwelveMonthsFromTheLastContactThroughTheWholeLastDay() {
			// consent on 15 March 2024 in Rome: usable through 15 March 2025, expired on
			// 16
			// March
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2024-03-15T23:30"));
			assertThat(f.ask(Channel.EMAIL, rome("2025-03-15T23:59")).allowed()).isTrue();
			Decision expired = f.ask(Channel.EMAIL, rome("2025-03-16T00:00"));
			assertThat(expired.allowed()).isFalse();
			assertThat(expired.reason()).isEqualTo("contact_expired");
			assertThat(expired.evidence()).anySatisfy((e) -> assertThat(e.date()).isEqualTo("2025-03-15"));
		}

		@Test
		void aLaterContactRenewsTheData() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2024-03-15T10:00"));
			f.lastContact = rome("2024-09-01T10:00");
			assertThat(f.ask(Channel.EMAIL, rome("2025-09-01T22:00")).allowed()).isTrue();
			assertThat(f.ask(Channel.EMAIL, rome("2025-09-02T00:01")).reason()).isEqualTo("contact_expired");
		}

		@Test
		void aRunningContractKeepsTheContactAlive() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2020-03-15T10:00"))
				.contract("2020-01-01", null);
			assertThat(f.ask(Channel.EMAIL, rome("2025-03-16T10:00")).allowed()).isTrue();
		}

		@Test
		void endOfAMonthIsCountedOnCalendarDates() {
			// 31 March + 12 months = 31 March; 29 February 2024 + 12 months = 28 February
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2024-02-29T12:00"));
			assertThat(f.ask(Channel.EMAIL, rome("2025-02-28T23:00")).allowed()).isTrue();
			assertThat(f.ask(Channel.EMAIL, rome("2025-03-01T00:00")).allowed()).isFalse();
		}

	}

	@Nested
	class OppositionRegisterRule {

		@Test
		void aRegistrationCancelsConsentsGivenUpToItsDay() {
			Facts before = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-04-01T23:59"))
				.registered("2025-04-01");
			Decision d = before.ask(Channel.OPERATOR_CALL, rome("2025-05-01T10:00"));
			assertThat(d.allowed()).isFalse();
			assertThat(d.reason()).isEqualTo("opposition_register");
			assertThat(d.evidence()).extracting(Decision.Evidence::kind).containsExactly("ledger", "register");

			Facts after = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-04-02T00:00"))
				.registered("2025-04-01");
			assertThat(after.ask(Channel.OPERATOR_CALL, rome("2025-05-01T10:00")).allowed()).isTrue();
		}

		@Test
		void onlyCallsAreConcerned() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-03-01T10:00"))
				.registered("2025-04-01");
			assertThat(f.ask(Channel.SMS, rome("2025-05-01T10:00")).allowed()).isTrue();
			assertThat(f.ask(Channel.AUTOMATED_CALL, rome("2025-05-01T10:00")).allowed()).isFalse();
		}

		@Test
		void aContractInForceKeepsTheConsent() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-03-01T10:00"))
				.registered("2025-04-01")
				.contract("2025-01-01", null);
			assertThat(f.ask(Channel.OPERATOR_CALL, rome("2025-05-01T10:00")).allowed()).isTrue();
		}

		@Test
		void aContractEndedLessThanThirtyDaysBeforeKeepsTheConsent() {
			// ended on 1 May: 30 May is 29 days later (kept), 31 May is 30 days
			// (cancelled)
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-03-01T10:00"))
				.registered("2025-04-01")
				.contract("2025-01-01", "2025-05-01");
			assertThat(f.ask(Channel.OPERATOR_CALL, rome("2025-05-30T23:59")).allowed()).isTrue();
			assertThat(f.ask(Channel.OPERATOR_CALL, rome("2025-05-31T00:00")).reason())
				.isEqualTo("opposition_register");
		}

		@Test
		void aPublicDirectoryNumberIsCallableOnlyWhenNotRegistered() {
			assertThat(
					facts().ask(Channel.OPERATOR_CALL, rome("2025-05-01T10:00"), Provenance.PUBLIC_DIRECTORY).reason())
				.isEqualTo("public_directory");
			Facts registered = facts().registered("2025-04-01").contract("2025-01-01", null);
			assertThat(registered.ask(Channel.OPERATOR_CALL, rome("2025-05-01T10:00"), Provenance.PUBLIC_DIRECTORY)
				.reason()).as("a contract keeps consents, not directory numbers").isEqualTo("opposition_register");
			assertThat(facts().ask(Channel.AUTOMATED_CALL, rome("2025-05-01T10:00"), Provenance.PUBLIC_DIRECTORY)
				.allowed()).as("automated calls need consent").isFalse();
		}

	}

	@Nested
	class ListsAndRestriction {

		@Test
		void aThirdPartyListNeedsConsentToUseByThirdParties() {
			Facts without = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-03-01T10:00"));
			assertThat(
					without.ask(Channel.OPERATOR_CALL, rome("2025-04-01T10:00"), Provenance.THIRD_PARTY_LIST).reason())
				.isEqualTo("no_third_party_consent");
			Facts with = facts();
			with.entries.add(entry(LedgerEntry.Kind.GIVEN, "automated", rome("2025-03-01T10:00"), "ListCo 2025", true));
			assertThat(with.ask(Channel.OPERATOR_CALL, rome("2025-04-01T10:00"), Provenance.THIRD_PARTY_LIST).reason())
				.isEqualTo("consent");
		}

		@Test
		void anInboundCallbackIsCallableUnlessTheCallerObjected() {
			assertThat(
					facts().ask(Channel.OPERATOR_CALL, rome("2025-04-01T10:00"), Provenance.INBOUND_CALLBACK).reason())
				.isEqualTo("inbound_callback");
			Facts objected = facts().with(LedgerEntry.Kind.OBJECTED, "traditional", rome("2025-03-01T10:00"));
			assertThat(
					objected.ask(Channel.OPERATOR_CALL, rome("2025-04-01T10:00"), Provenance.INBOUND_CALLBACK).reason())
				.isEqualTo("objected");
		}

		@Test
		void aRestrictedSubjectIsNeverContacted() {
			Facts f = facts().with(LedgerEntry.Kind.GIVEN, "automated", rome("2025-03-01T10:00"));
			assertThat(f.ask(Channel.EMAIL, rome("2025-04-01T10:00")).allowed()).isTrue();
			f.restricted = true;
			assertThat(f.ask(Channel.EMAIL, rome("2025-04-01T10:00")).reason()).isEqualTo("restricted");
		}

		@Test
		void anOwnArchiveNumberWithoutConsentIsNotCalled() {
			assertThat(facts().ask(Channel.OPERATOR_CALL, rome("2025-04-01T10:00"), Provenance.OWN_ARCHIVE).reason())
				.isEqualTo("no_consent");
		}

	}

}
