package io.tutela.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import io.tutela.policy.Policy.Category;
import io.tutela.policy.Policy.Purpose;
import io.tutela.policy.Policy.Recipient;
import io.tutela.policy.Policy.RetentionRule;

/**
 * Checks what a single value cannot tell: that every reference names something declared,
 * that every purpose has its legal basis, that transfers outside the EEA have a
 * safeguard, that every category has a retention rule, and that the rights answer within
 * what the GDPR allows.
 */
final class PolicyValidator {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

	private static final Pattern CONTROLLER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Set<String> ART9_LETTERS = Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

	static final String NON_EEA = "non-EEA";

	private static final Countries COUNTRIES = Countries.load();

	private final Policy policy;

	private final Problems problems;

	private PolicyValidator(Policy policy, Problems problems) {
		this.policy = policy;
		this.problems = problems;
	}

	static void validate(Policy policy, Problems problems) {
		new PolicyValidator(policy, problems).run();
	}

	private void run() {
		controller();
		Set<String> subjects = ids("subjects", this.policy.subjects(), Policy.SubjectGroup::id);
		Set<String> categories = ids("categories", this.policy.categories(), Category::id);
		Set<String> purposes = ids("purposes", this.policy.purposes(), Purpose::id);
		Set<String> rules = ids("retention", this.policy.retention(), RetentionRule::id);
		Set<String> holds = ids("legal_holds", this.policy.legalHolds(), Policy.LegalHold::id);
		Set<String> recipients = ids("recipients", this.policy.recipients(), Recipient::id);
		ids("locations", this.policy.locations(), Policy.Location::id);
		ids("security", this.policy.security(), Policy.SecurityMeasure::id);
		categories(subjects);
		purposes(categories, subjects);
		retention(categories, purposes, rules, holds);
		recipients(categories, purposes);
		locationsAndMeasures(categories);
		marketing(purposes);
		rights();
		breach();
		justice(categories, recipients);
		records(categories, purposes);
	}

	private void controller() {
		Policy.ControllerInfo c = this.policy.controller();
		if (!c.id().isEmpty() && !CONTROLLER_ID.matcher(c.id()).matches()) {
			this.problems.at("controller.id", "'" + c.id()
					+ "' must be 2 to 63 lower-case letters, digits or dashes, starting with a letter or digit");
		}
		if (c.role() == Policy.Role.PROCESSOR && c.processor() != null) {
			this.problems.at("controller.processor", "a processor does not act through another processor here");
		}
		if (c.processor() != null && c.processor().equals(c.id())) {
			this.problems.at("controller.processor", "a controller cannot be its own processor");
		}
		email("controller.privacy_contact", c.privacyContact());
		if (this.policy.dpo() != null) {
			email("dpo.email", this.policy.dpo().email());
		}
	}

	private void email(String path, String value) {
		if (!value.isEmpty() && !EMAIL.matcher(value).matches()) {
			this.problems.at(path, "'" + value + "' is not an e-mail address");
		}
	}

	private <T> Set<String> ids(String section, List<T> items, Function<T, String> id) {
		Set<String> seen = new HashSet<>();
		Map<String, Integer> first = new HashMap<>();
		for (int i = 0; i < items.size(); i++) {
			String value = id.apply(items.get(i));
			String path = section + "[" + i + "].id";
			if (value.isEmpty()) {
				continue;
			}
			if (!ID.matcher(value).matches()) {
				this.problems.at(path, "'" + value + "' must be lower-case letters, digits, '_' or '-'");
			}
			if (!seen.add(value)) {
				this.problems.at(path,
						"duplicate id '" + value + "' (first declared at " + section + "[" + first.get(value) + "])");
			}
			first.putIfAbsent(value, i);
		}
		return seen;
	}

	private void categories(Set<String> subjects) {
		List<Category> list = this.policy.categories();
		for (int i = 0; i < list.size(); i++) {
			Category category = list.get(i);
			String path = "categories[" + i + "]";
			if (category.sources().isEmpty()) {
				this.problems.at(path + ".sources",
						"category '" + category.id() + "' must say where its data come from");
			}
			refs(path + ".subjects", category.subjects(), subjects, "data subject group");
			boolean used = this.policy.purposes().stream().anyMatch((p) -> p.categories().contains(category.id()));
			if (!used && !category.id().isEmpty()) {
				this.problems.at(path + ".id", "category '" + category.id() + "' is not processed for any purpose");
			}
			boolean kept = this.policy.retention().stream().anyMatch((r) -> r.category().equals(category.id()));
			if (!kept && !category.id().isEmpty()) {
				this.problems.at(path + ".id", "category '" + category.id() + "' has no retention rule");
			}
		}
	}

	private void purposes(Set<String> categories, Set<String> subjects) {
		List<Purpose> list = this.policy.purposes();
		for (int i = 0; i < list.size(); i++) {
			Purpose purpose = list.get(i);
			String path = "purposes[" + i + "]";
			if (purpose.legalBasis().isEmpty()) {
				this.problems.at(path + ".legal_basis", "purpose '" + purpose.id() + "' has no legal basis (one of "
						+ YamlObject.names(Policy.LegalBasis.class) + ")");
			}
			if (purpose.legalBasis().contains(Policy.LegalBasis.LEGITIMATE_INTEREST)
					&& purpose.legitimateInterest() == null) {
				this.problems.at(path + ".legitimate_interest",
						"purpose '" + purpose.id() + "' rests on a legitimate interest: say which");
			}
			if (purpose.categories().isEmpty()) {
				this.problems.at(path + ".categories", "purpose '" + purpose.id() + "' processes no category");
			}
			refs(path + ".categories", purpose.categories(), categories, "category");
			refs(path + ".subjects", purpose.subjects(), subjects, "data subject group");
			for (int j = 0; j < purpose.art9().size(); j++) {
				if (!ART9_LETTERS.contains(purpose.art9().get(j))) {
					this.problems.at(path + ".art9[" + j + "]",
							"'" + purpose.art9().get(j) + "' is not a letter of GDPR art. 9(2) (a to j)");
				}
			}
			boolean special = purpose.categories()
				.stream()
				.anyMatch((c) -> this.policy.category(c).map(Category::special).orElse(false));
			if (special && purpose.art9().isEmpty()) {
				this.problems.at(path + ".art9", "purpose '" + purpose.id()
						+ "' processes special-category data and needs a condition of GDPR art. 9(2)");
			}
		}
	}

	private void retention(Set<String> categories, Set<String> purposes, Set<String> rules, Set<String> holds) {
		List<RetentionRule> list = this.policy.retention();
		Set<String> followUps = new HashSet<>();
		list.forEach((r) -> {
			if (r.then() != null) {
				followUps.add(r.then());
			}
		});
		for (int i = 0; i < list.size(); i++) {
			RetentionRule rule = list.get(i);
			String path = "retention[" + i + "]";
			if (!rule.category().isEmpty() && !categories.contains(rule.category())) {
				this.problems.at(path + ".category", "unknown category '" + rule.category() + "'");
			}
			if (rule.purpose() != null) {
				if (!purposes.contains(rule.purpose())) {
					this.problems.at(path + ".purpose", "unknown purpose '" + rule.purpose() + "'");
				}
				else if (!this.policy.purpose(rule.purpose()).orElseThrow().categories().contains(rule.category())) {
					this.problems.at(path + ".purpose",
							"purpose '" + rule.purpose() + "' does not process category '" + rule.category() + "'");
				}
			}
			if (rule.duration().isNegative()) {
				this.problems.at(path + ".duration", "a retention period cannot be negative");
			}
			if (rule.then() != null) {
				if (!rules.contains(rule.then())) {
					this.problems.at(path + ".then", "unknown retention rule '" + rule.then() + "'");
				}
				else if (leadsBackTo(rule.id(), rule.then())) {
					this.problems.at(path + ".then", "rule '" + rule.id() + "' leads back to itself");
				}
				if (rule.action() == Policy.Action.DELETE || rule.action() == Policy.Action.ANONYMISE) {
					this.problems.at(path + ".then", "nothing is left to follow a rule whose action is "
							+ rule.action().name().toLowerCase(Locale.ROOT));
				}
			}
			if (rule.action() == Policy.Action.SEGREGATE && rule.then() == null) {
				this.problems.at(path + ".then",
						"segregated data need the rule that ends their keeping in the vault ('then')");
			}
			if (rule.action() == Policy.Action.PSEUDONYMISE && rule.then() == null) {
				this.problems.at(path + ".then",
						"pseudonymous data are still personal data: say which rule ends them ('then')");
			}
			if (rule.trigger() == Policy.Trigger.PREVIOUS_ACTION && !followUps.contains(rule.id())) {
				this.problems.at(path + ".trigger",
						"'previous_action' is only for a rule that another rule leads to with 'then'");
			}
			if (rule.notBefore() != null
					&& (rule.notBefore() == rule.trigger() || rule.notBefore() == Policy.Trigger.PREVIOUS_ACTION)) {
				this.problems.at(path + ".not_before",
						"must be another event than the trigger, and not 'previous_action'");
			}
			refs(path + ".holds", rule.holds(), holds, "legal hold");
		}
	}

	private boolean leadsBackTo(String start, String next) {
		Set<String> seen = new HashSet<>();
		String current = next;
		while (current != null && seen.add(current)) {
			if (current.equals(start)) {
				return true;
			}
			current = this.policy.rule(current).map(RetentionRule::then).orElse(null);
		}
		return current != null && current.equals(start);
	}

	/** The form of an e-mail address a recipient is written to. */
	private static final java.util.regex.Pattern CONTACT = java.util.regex.Pattern
		.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private void recipients(Set<String> categories, Set<String> purposes) {
		List<Recipient> list = this.policy.recipients();
		for (int i = 0; i < list.size(); i++) {
			Recipient recipient = list.get(i);
			String path = "recipients[" + i + "]";
			String country = recipient.country();
			refs(path + ".categories", recipient.categories(), categories, "category");
			refs(path + ".purposes", recipient.purposes(), purposes, "purpose");
			if (recipient.contact() != null && !CONTACT.matcher(recipient.contact()).matches()) {
				this.problems.at(path + ".contact", "'" + recipient.contact() + "' is not an e-mail address");
			}
			if (country.isEmpty() || !country(path + ".country", country)) {
				continue;
			}
			boolean outsideEea = !COUNTRIES.eea().contains(country);
			if (outsideEea && recipient.transfer() == null) {
				this.problems.at(path + ".transfer", "'" + recipient.id() + "' is outside the EEA (" + country
						+ ") and needs a transfer safeguard (adequacy, scc, bcr or derogation)");
			}
			if (recipient.transfer() != null && recipient.transfer().safeguard() == Policy.Safeguard.ADEQUACY
					&& !COUNTRIES.adequacy().contains(country)) {
				this.problems.at(path + ".transfer.safeguard",
						"there is no adequacy decision for " + country + ": use scc, bcr or derogation");
			}
			if (recipient.kind() != Policy.RecipientKind.PROCESSOR
					&& (recipient.dpa() != null || recipient.dpaDate() != null)) {
				this.problems.at(path + ".dpa", "a data-processing agreement (art. 28) is for processors only");
			}
		}
	}

	private boolean country(String path, String country) {
		if (NON_EEA.equals(country) || ISO_COUNTRIES.contains(country)) {
			return true;
		}
		this.problems.at(path,
				"'" + country + "' is not an ISO 3166 country code (such as IT, IE, US) nor '" + NON_EEA + "'");
		return false;
	}

	private void locationsAndMeasures(Set<String> categories) {
		for (int i = 0; i < this.policy.locations().size(); i++) {
			String country = this.policy.locations().get(i).country();
			if (!country.isEmpty()) {
				country("locations[" + i + "].country", country);
			}
		}
		for (int i = 0; i < this.policy.security().size(); i++) {
			refs("security[" + i + "].categories", this.policy.security().get(i).categories(), categories, "category");
		}
	}

	private void marketing(Set<String> purposes) {
		Policy.Marketing marketing = this.policy.marketing();
		if (marketing == null || marketing.purpose().isEmpty()) {
			return;
		}
		if (!purposes.contains(marketing.purpose())) {
			this.problems.at("marketing.purpose", "unknown purpose '" + marketing.purpose() + "'");
			return;
		}
		List<Policy.LegalBasis> bases = this.policy.purpose(marketing.purpose()).orElseThrow().legalBasis();
		if (!bases.contains(Policy.LegalBasis.CONSENT)) {
			this.problems.at("marketing.purpose",
					"marketing by the channels of Codice art. 130 needs consent among the purpose's legal bases");
		}
		if (marketing.softSpam() && !bases.contains(Policy.LegalBasis.LEGITIMATE_INTEREST)) {
			this.problems.at("marketing.soft_spam",
					"soft spam (art. 130 c.4) rests on a legitimate interest: add it to the purpose's legal bases");
		}
		if (marketing.channels().isEmpty()) {
			this.problems.at("marketing.channels", "name the channels used for marketing");
		}
		if (marketing.oppositionRegister()) {
			if (marketing.oppositionRegisterGrace() == null) {
				this.problems.at("marketing.opposition_register_grace",
						"is required with the opposition register: how long after a contract ended its numbers may "
								+ "still be called (L. 5/2018: P30D)");
			}
			if (marketing.campaignCheckValidity() == null) {
				this.problems.at("marketing.campaign_check_validity",
						"is required with the opposition register: how long a checked list may be dialled "
								+ "(DPR 26/2022: P15D)");
			}
		}
		else if (marketing.oppositionRegisterGrace() != null || marketing.campaignCheckValidity() != null) {
			this.problems.at("marketing.opposition_register",
					"must be true when a grace or a check validity for the opposition register is given");
		}
	}

	private void breach() {
		Policy.Breach breach = this.policy.breach();
		if (breach == null) {
			return;
		}
		if (breach.authorityDeadline().isNegative() || breach.authorityDeadline().isZero()) {
			this.problems.at("breach.authority_deadline", "must be a positive duration");
		}
		else if (breach.authorityDeadline().compareTo(java.time.Duration.ofHours(72)) > 0) {
			this.problems.at("breach.authority_deadline",
					breach.authorityDeadline() + " exceeds the 72 hours GDPR art. 33(1) allows");
		}
	}

	private void justice(Set<String> categories, Set<String> recipients) {
		Policy.Justice justice = this.policy.justice();
		if (justice == null) {
			return;
		}
		if (!justice.countryCode().matches("[A-Z]{2}")) {
			this.problems.at("justice.country_code", "must be a two-letter country code such as IT");
		}
		if (justice.orders().isEmpty()) {
			this.problems.at("justice.orders", "list the kinds of legal order the provider accepts");
		}
		if (justice.offenceClasses().isEmpty()) {
			this.problems.at("justice.offence_classes", "list the classes of offence and how far back each reaches");
		}
		ids("justice.orders", justice.orders(), Policy.OrderKind::id);
		ids("justice.offence_classes", justice.offenceClasses(), Policy.OffenceClass::id);
		for (int i = 0; i < justice.orders().size(); i++) {
			Policy.OrderKind kind = justice.orders().get(i);
			String at = "justice.orders[" + i + "]";
			if (!kind.recipient().isEmpty() && !recipients.contains(kind.recipient())) {
				this.problems.at(at + ".recipient", "'" + kind.recipient() + "' is not a recipient of this policy");
			}
			if (kind.validation() != null && (kind.validation().isNegative() || kind.validation().isZero())) {
				this.problems.at(at + ".validation", "must be a positive duration");
			}
		}
		for (int i = 0; i < justice.offenceClasses().size(); i++) {
			Policy.OffenceClass offence = justice.offenceClasses().get(i);
			if (offence.windows().isEmpty()) {
				this.problems.at("justice.offence_classes[" + i + "].windows",
						"say how far back the class reaches in each category");
			}
			for (int w = 0; w < offence.windows().size(); w++) {
				Policy.JusticeWindow window = offence.windows().get(w);
				String at = "justice.offence_classes[" + i + "].windows[" + w + "]";
				if (!window.category().isEmpty() && !categories.contains(window.category())) {
					this.problems.at(at + ".category", "'" + window.category() + "' is not a category of this policy");
				}
				if (window.duration().isNegative() || window.duration().isZero()) {
					this.problems.at(at + ".duration", "must be a positive period");
				}
			}
		}
	}

	private void rights() {
		Policy.Rights rights = this.policy.rights();
		if (rights.offered().isEmpty()) {
			this.problems.at("rights.offered", "the notice must list the rights of GDPR art. 15-22");
		}
		if (rights.contacts().isEmpty()) {
			this.problems.at("rights.contacts", "say where subjects send their requests");
		}
		if (rights.offered().contains(Policy.Right.DIRECTORY_REMOVAL) && rights.directoryCategory() == null) {
			this.problems.at("rights.directory_category",
					"name the category of the telephone-directory data, as the notice offers directory removal");
		}
		if (rights.directoryCategory() != null
				&& this.policy.categories().stream().noneMatch((c) -> c.id().equals(rights.directoryCategory()))) {
			this.problems.at("rights.directory_category",
					"'" + rights.directoryCategory() + "' is not a category of this policy");
		}
		if (rights.channels().isEmpty()) {
			this.problems.at("rights.channels", "say by which channels requests are accepted");
		}
		if (!rights.deadline().isZero() && approxDays(rights.deadline()) > 31) {
			this.problems.at("rights.deadline",
					rights.deadline() + " is longer than the one month GDPR art. 12(3) allows");
		}
		if (rights.deadline().isZero() || rights.deadline().isNegative()) {
			this.problems.at("rights.deadline", "must be a positive period such as P1M or P30D");
		}
		if (approxDays(rights.extension()) > 62 || rights.extension().isNegative()) {
			this.problems.at("rights.extension",
					rights.extension() + " exceeds the two further months GDPR art. 12(3) allows");
		}
	}

	private void records(Set<String> categories, Set<String> purposes) {
		Set<RecordKind> seen = new HashSet<>();
		List<Policy.RecordMapping> list = this.policy.records();
		for (int i = 0; i < list.size(); i++) {
			Policy.RecordMapping mapping = list.get(i);
			String path = "records[" + i + "]";
			if (!seen.add(mapping.kind())) {
				this.problems.at(path + ".kind", "records of kind '" + mapping.kind().key() + "' are mapped twice");
			}
			refs(path + ".categories", mapping.categories(), categories, "category");
			refs(path + ".purposes", mapping.purposes(), purposes, "purpose");
			refs(path + ".required", mapping.required(), mapping.kind().optionalFields(),
					"optional field of " + mapping.kind().key() + " records");
			for (int j = 0; j < mapping.purposes().size(); j++) {
				String purposeId = mapping.purposes().get(j);
				boolean covers = this.policy.purpose(purposeId)
					.map((p) -> p.categories().stream().anyMatch(mapping.categories()::contains))
					.orElse(true);
				if (!covers) {
					this.problems.at(path + ".purposes[" + j + "]",
							"purpose '" + purposeId + "' processes none of the categories of these records");
				}
			}
		}
	}

	private static long approxDays(Period period) {
		return period.toTotalMonths() * 31 + period.getDays();
	}

	private void refs(String path, List<String> values, Set<String> declared, String what) {
		for (int i = 0; i < values.size(); i++) {
			if (!declared.contains(values.get(i))) {
				this.problems.at(path + "[" + i + "]", "unknown " + what + " '" + values.get(i) + "'");
			}
		}
	}

	/** The law's country lists, from {@code reference/countries.yml}. */
	record Countries(Set<String> eea, Set<String> adequacy) {

		@SuppressWarnings("unchecked")
		static Countries load() {
			try (InputStream in = PolicyValidator.class.getResourceAsStream("/reference/countries.yml")) {
				if (in == null) {
					throw new IllegalStateException("reference/countries.yml is missing from the classpath");
				}
				Map<String, List<String>> lists = new Yaml().load(in);
				return new Countries(Set.copyOf(lists.get("eea")), Set.copyOf(lists.get("adequacy")));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
