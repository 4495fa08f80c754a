package io.tutela.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A controller's privacy notice as Tutela understands it. Every retention period,
 * purpose, legal basis and recipient the engine applies comes from here. The format is
 * documented in {@code docs/policy-format.md}.
 */
public record Policy(ControllerInfo controller, @Nullable Dpo dpo, Notice notice, List<SubjectGroup> subjects,
		List<Category> categories, List<Purpose> purposes, List<RetentionRule> retention, List<LegalHold> legalHolds,
		List<Recipient> recipients, List<Location> locations, List<SecurityMeasure> security,
		@Nullable Marketing marketing, Rights rights, List<RecordMapping> records, @Nullable Breach breach,
		@Nullable Justice justice) {

	/**
	 * How the records of a kind are tagged, if the notice says this controller holds
	 * them.
	 */
	public Optional<RecordMapping> records(RecordKind kind) {
		return this.records.stream().filter((r) -> r.kind() == kind).findFirst();
	}

	/** Whether the controller holds records of this kind. */
	public boolean holds(RecordKind kind) {
		return records(kind).isPresent();
	}

	/**
	 * The categories of records of this kind that the functions concerned see without the
	 * subject's identifying elements ({@code handled_without_identity}).
	 */
	public List<String> handledWithoutIdentity(RecordKind kind) {
		return records(kind)
			.map((mapping) -> mapping.categories()
				.stream()
				.filter((c) -> category(c).map(Category::handledWithoutIdentity).orElse(false))
				.toList())
			.orElse(List.of());
	}

	public Optional<Category> category(String id) {
		return this.categories.stream().filter((c) -> c.id().equals(id)).findFirst();
	}

	public Optional<Purpose> purpose(String id) {
		return this.purposes.stream().filter((p) -> p.id().equals(id)).findFirst();
	}

	public Optional<RetentionRule> rule(String id) {
		return this.retention.stream().filter((r) -> r.id().equals(id)).findFirst();
	}

	public Optional<Recipient> recipient(String id) {
		return this.recipients.stream().filter((r) -> r.id().equals(id)).findFirst();
	}

	/**
	 * The retention rules that act on a category, in the order the policy declares them.
	 */
	public List<RetentionRule> rulesFor(String categoryId) {
		return this.retention.stream().filter((r) -> r.category().equals(categoryId)).toList();
	}

	public enum Role {

		/** Decides purposes and means (GDPR art. 4(7)). */
		CONTROLLER,
		/**
		 * Processes on behalf of client controllers (GDPR art. 28), and is controller of
		 * its own data.
		 */
		PROCESSOR

	}

	public record ControllerInfo(String id, String name, Role role, @Nullable String processor,
			@Nullable String vatNumber, String address, @Nullable String email, @Nullable String phone,
			@Nullable String pec, @Nullable String website, ZoneId timezone, String privacyContact) {
	}

	public record Dpo(String name, String email, @Nullable String pec, @Nullable String address,
			@Nullable String phone) {
	}

	/**
	 * @param date the "data di aggiornamento" the notice shows
	 * @param changeNotification how subjects are told of a new version (e-mail,
	 * publication)
	 */
	public record Notice(LocalDate date, Text title, @Nullable String url, List<String> changeNotification) {
	}

	public record SubjectGroup(String id, Text name) {
	}

	public enum Source {

		SUBJECT, INTERMEDIARY, PUBLIC_REGISTER, OUTGOING_PROVIDER, THIRD_PARTY_LIST, OWN_ARCHIVE, CLIENT_CONTROLLER,
		OTHER_OPERATOR, SERVICE_GENERATED

	}

	public record Category(String id, Text name, @Nullable Text description, boolean special, boolean judicial,
			boolean mandatory, List<Source> sources, List<String> subjects, boolean handledWithoutIdentity) {
	}

	public enum LegalBasis {

		CONSENT("6(1)(a)"), CONTRACT("6(1)(b)"), LEGAL_OBLIGATION("6(1)(c)"), VITAL_INTEREST("6(1)(d)"),
		PUBLIC_TASK("6(1)(e)"), LEGITIMATE_INTEREST("6(1)(f)");

		private final String article;

		LegalBasis(String article) {
			this.article = article;
		}

		/** The GDPR provision, as in "art. 6(1)(b)". */
		public String article() {
			return this.article;
		}

	}

	/**
	 * @param art9 the letters of GDPR art. 9(2) that allow special-category data for this
	 * purpose
	 * @param legitimateInterest the interest pursued, required with a legitimate-interest
	 * basis
	 */
	public record Purpose(String id, Text name, @Nullable Text description, List<LegalBasis> legalBasis,
			List<String> art9, @Nullable Text legitimateInterest, List<String> categories, List<String> subjects) {

		public boolean needsConsent() {
			return this.legalBasis.size() == 1 && this.legalBasis.get(0) == LegalBasis.CONSENT;
		}

	}

	public enum Trigger {

		COLLECTED, CONTRACT_END, LAST_CONTACT, LAST_ACTIVITY, REQUEST,
		/**
		 * Counted from the day the rule that leads here acted (only on a follow-up rule).
		 */
		PREVIOUS_ACTION

	}

	public enum Action {

		DELETE, ANONYMISE, PSEUDONYMISE, SEGREGATE

	}

	/**
	 * Keep records of {@code category} (for {@code purpose}, when given) for
	 * {@code duration} counted from {@code trigger}, then apply {@code action};
	 * {@code then} names the rule that applies next.
	 *
	 * @param where record attributes that select the records the rule covers (for example
	 * {@code answered: false})
	 * @param holds the kinds of legal hold that suspend the rule
	 * @param notBefore an event the period is never counted from before: the period runs
	 * from the later of {@code trigger} and {@code notBefore} (5 years without activity
	 * after the contract ends)
	 */
	public record RetentionRule(String id, String category, @Nullable String purpose, Map<String, String> where,
			Trigger trigger, @Nullable Trigger notBefore, Period duration, Action action, @Nullable String then,
			List<String> holds, @Nullable String legalReference, @Nullable Text description) {
	}

	public record LegalHold(String id, Text name) {
	}

	public enum RecipientKind {

		PROCESSOR, INDEPENDENT_CONTROLLER, PUBLIC_AUTHORITY, RECIPIENT_CATEGORY

	}

	public enum Safeguard {

		ADEQUACY, SCC, BCR, DEROGATION

	}

	public record Transfer(Safeguard safeguard, @Nullable String reference) {
	}

	public enum DpaStatus {

		SIGNED, PENDING, NOT_REQUIRED

	}

	/**
	 * @param country ISO 3166 alpha-2 code, or {@code non-EEA} for third countries not
	 * named
	 * @param dpa the art. 28 agreement with a processor
	 */
	public record Recipient(String id, Text name, RecipientKind kind, @Nullable Text description, String country,
			@Nullable Transfer transfer, @Nullable DpaStatus dpa, @Nullable LocalDate dpaDate, List<String> categories,
			List<String> purposes, @Nullable String url, @Nullable String contact) {
	}

	public record Location(String id, Text name, String country, @Nullable String address) {
	}

	public enum MeasureKind {

		TECHNICAL, ORGANISATIONAL

	}

	public record SecurityMeasure(String id, MeasureKind kind, Text description, List<String> categories) {
	}

	public enum Channel {

		EMAIL(true), SMS(true), MMS(true), FAX(true), AUTOMATED_CALL(true), APP_NOTIFICATION(true), PAPER_MAIL(false),
		OPERATOR_CALL(false);

		private final boolean automated;

		Channel(boolean automated) {
			this.automated = automated;
		}

		/** Automated channels (Codice art. 130 c.1-2) as against traditional ones. */
		public boolean automated() {
			return this.automated;
		}

	}

	/**
	 * @param purpose the marketing purpose these channels serve
	 * @param softSpam whether an e-mail obtained in a sale may receive offers on similar
	 * services until the subject objects (Codice art. 130 c.4)
	 * @param contactExpiry marketing contact data expire this long after the last contact
	 * @param interestRecheck how often continued interest is re-checked
	 * @param oppositionRegister whether numbers from public directories are checked
	 * against the Registro Pubblico delle Opposizioni
	 * @param oppositionRegisterGrace how long after a contract ended its operator may
	 * still call a number registered in the opposition register (L. 5/2018: less than 30
	 * days)
	 * @param campaignCheckValidity how long a campaign list checked against the register
	 * may be dialled (DPR 26/2022: 15 days)
	 */
	public record Marketing(String purpose, List<Channel> channels, boolean softSpam, @Nullable Period contactExpiry,
			@Nullable Period interestRecheck, boolean oppositionRegister, @Nullable Period oppositionRegisterGrace,
			@Nullable Period campaignCheckValidity) {
	}

	/**
	 * The records of one kind Tutela holds for this controller, and how they are tagged.
	 *
	 * @param categories the categories a record of this kind may belong to; the first is
	 * the default
	 * @param purposes the purposes records of this kind are kept for, by default
	 * @param required the fields the notice makes mandatory among those the kind has as
	 * optional ({@link RecordKind#optionalFields()})
	 */
	public record RecordMapping(RecordKind kind, List<String> categories, List<String> purposes,
			List<String> required) {

		public String defaultCategory() {
			return this.categories.get(0);
		}

		public boolean requires(String field) {
			return this.required.contains(field);
		}

	}

	/**
	 * The controller's procedure for personal data breaches (GDPR art. 33-34).
	 *
	 * @param authorityDeadline how long after becoming aware the supervisory authority
	 * must be notified
	 * @param authority the supervisory authority notified
	 * @param authorityContact where notifications go (a form, an address)
	 */
	public record Breach(Duration authorityDeadline, String authority, @Nullable String authorityContact) {
	}

	/**
	 * How traffic data are handed over to the courts (Codice privacy art. 132): the kinds
	 * of legal order the provider accepts and, for each class of offence, how far back an
	 * order may reach in each category of records.
	 *
	 * @param providerId the provider's identifier in handover answers (the CSP id of ETSI
	 * TS 102 657)
	 * @param countryCode the country of the authorities whose orders the provider answers
	 * @param orders the kinds of legal order accepted
	 * @param offenceClasses the classes of offence, each with its windows
	 */
	public record Justice(String providerId, String countryCode, List<OrderKind> orders,
			List<OffenceClass> offenceClasses) {

		public Optional<OrderKind> order(String id) {
			return this.orders.stream().filter((o) -> o.id().equals(id)).findFirst();
		}

		public Optional<OffenceClass> offenceClass(String id) {
			return this.offenceClasses.stream().filter((c) -> c.id().equals(id)).findFirst();
		}

	}

	/**
	 * A kind of legal order.
	 *
	 * @param id the kind's key
	 * @param name what it is called
	 * @param recipient the recipient of the policy the answers go to
	 * @param validation within how long after it is issued an order of this kind must be
	 * validated, or its answers become unusable and no further answer is given; none when
	 * the kind needs no validation
	 * @param legalReference the rule that gives the kind
	 */
	public record OrderKind(String id, Text name, String recipient, @Nullable Duration validation,
			@Nullable String legalReference) {
	}

	/**
	 * A class of offence and how far back an order for it may reach.
	 *
	 * @param id the class's key
	 * @param name what offences it holds
	 * @param windows how far back, by category of records: the first window whose
	 * category and attributes match a record applies
	 * @param legalReference the rule that gives the windows
	 */
	public record OffenceClass(String id, Text name, List<JusticeWindow> windows, @Nullable String legalReference) {

		/**
		 * The window for a record of the category with the given attributes, if the class
		 * reaches that category at all.
		 */
		public Optional<Period> window(String category, Map<String, String> attributes) {
			for (JusticeWindow window : this.windows) {
				if (window.category().equals(category) && window.where()
					.entrySet()
					.stream()
					.allMatch((e) -> e.getValue().equals(attributes.get(e.getKey())))) {
					return Optional.of(window.duration());
				}
			}
			return Optional.empty();
		}

	}

	/**
	 * How far back from the day of an answer an order reaches the records of a category
	 * (with the attributes {@code where} selects).
	 */
	public record JusticeWindow(String category, Map<String, String> where, Period duration) {
	}

	public enum Right {

		ACCESS, RECTIFICATION, ERASURE, RESTRICTION, PORTABILITY, OBJECTION, CONSENT_WITHDRAWAL, DIRECTORY_REMOVAL,
		COMPLAINT

	}

	public enum RequestChannel {

		PORTAL, EMAIL, PEC, REGISTERED_MAIL, COUNTER, TELEPHONE, CLIENT_CONTROLLER

	}

	public record Contact(RequestChannel channel, String address) {
	}

	/**
	 * How subjects exercise their rights.
	 *
	 * @param deadline the answer is due this long after receipt
	 * @param extension the longest extension, with a reason told within the deadline
	 * @param telephoneNeedsIdentity a telephone request is refused without certainty of
	 * identity
	 * @param viaClientController requests reach the processor through the client
	 * controller
	 * @param notifyOtherControllers on erasure, other controllers processing the data are
	 * informed
	 */
	public record Rights(List<Right> offered, List<Contact> contacts, List<RequestChannel> channels, Period deadline,
			Period extension, boolean identityDocument, boolean delegateProxy, boolean telephoneNeedsIdentity,
			boolean reasonedDenial, boolean viaClientController, boolean notifyOtherControllers,
			boolean notifyProcessors, @Nullable Period proofRetention, @Nullable String directoryCategory) {
	}

}
