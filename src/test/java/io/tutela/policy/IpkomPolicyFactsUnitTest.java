package io.tutela.policy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.tutela.policy.Policy.Action;
import io.tutela.policy.Policy.Contact;
import io.tutela.policy.Policy.LegalBasis;
import io.tutela.policy.Policy.Location;
import io.tutela.policy.Policy.MeasureKind;
import io.tutela.policy.Policy.Purpose;
import io.tutela.policy.Policy.Recipient;
import io.tutela.policy.Policy.RecipientKind;
import io.tutela.policy.Policy.RequestChannel;
import io.tutela.policy.Policy.RetentionRule;
import io.tutela.policy.Policy.Right;
import io.tutela.policy.Policy.Safeguard;
import io.tutela.policy.Policy.SecurityMeasure;
import io.tutela.policy.Policy.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facts of IPKOM's notice (seeds/ipkom-isp-privacy-notice.it.txt) that its shipped policy
 * must keep.
 */
class IpkomPolicyFactsUnitTest {

	private final Policy policy = ShippedPolicies.load("ipkom");

	@Test
	void theDpoIsIngGianlucaBastianoniReachableByEmailAndPec() {
		assertThat(this.policy.dpo()).isNotNull();
		assertThat(this.policy.dpo().name()).isEqualTo("Ing. Gianluca Bastianoni");
		assertThat(this.policy.dpo().email()).isEqualTo("privacy@ipkom.com");
		assertThat(this.policy.dpo().pec()).isEqualTo("gianluca.bastianoni@ingpec.eu");
		assertThat(this.policy.controller().privacyContact()).isEqualTo("privacy@ipkom.com");
	}

	@Test
	void theDatacentersAreInSansepolcroAndMilano() {
		assertThat(this.policy.locations()).extracting(Location::country).containsOnly("IT");
		assertThat(this.policy.locations()).extracting(Location::address)
			.containsExactlyInAnyOrder("Via Malpasso 42, Sansepolcro", "Via Caldera 21, Milano");
	}

	@Test
	void processingRestsOnLettersBEAndFOfArticle6() {
		Set<LegalBasis> bases = this.policy.purposes()
			.stream()
			.flatMap((p) -> p.legalBasis().stream())
			.collect(Collectors.toSet());
		assertThat(bases).contains(LegalBasis.CONTRACT, LegalBasis.PUBLIC_TASK, LegalBasis.LEGITIMATE_INTEREST);
		assertThat(purpose("contract").legalBasis()).containsExactly(LegalBasis.CONTRACT);
		assertThat(purpose("judicial_authority").legalBasis()).contains(LegalBasis.PUBLIC_TASK);
		assertThat(purpose("defence_of_rights").legalBasis()).containsExactly(LegalBasis.LEGITIMATE_INTEREST);
		assertThat(purpose("network_security").legalBasis()).containsExactly(LegalBasis.LEGITIMATE_INTEREST);
	}

	@Test
	void telephoneTrafficForBillingIsSegregatedAfterSixMonthsAndDeletedFromTheVaultAfter72() {
		RetentionRule billing = rule("telephone-traffic-billing");
		assertThat(billing.category()).isEqualTo("telephone_traffic");
		// every traffic record, whatever its purpose, leaves the operational store after
		// the billing period
		assertThat(billing.purpose()).isNull();
		assertThat(billing.trigger()).isEqualTo(Trigger.COLLECTED);
		assertThat(billing.duration()).isEqualTo(Period.ofMonths(6));
		assertThat(billing.action()).isEqualTo(Action.SEGREGATE);
		assertThat(billing.holds()).contains("bill_dispute", "court_order");
		assertThat(billing.legalReference()).contains("art. 123");

		RetentionRule vault = rule(billing.then());
		assertThat(vault.category()).isEqualTo("telephone_traffic");
		assertThat(vault.trigger()).isEqualTo(Trigger.COLLECTED);
		assertThat(vault.duration()).isEqualTo(Period.ofMonths(72));
		assertThat(vault.action()).isEqualTo(Action.DELETE);
		assertThat(vault.legalReference()).contains("L. 167/2017").contains("24 months");
	}

	@Test
	void unansweredCallsAreSegregatedAfterThirtyDays() {
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
	void telematicTrafficFollowsTheSamePathWithItsOwnOrdinaryPeriod() {
		RetentionRule billing = rule("telematic-traffic-billing");
		// every traffic record, whatever its purpose, leaves the operational store after
		// the billing period
		assertThat(billing.purpose()).isNull();
		assertThat(billing.duration()).isEqualTo(Period.ofMonths(6));
		assertThat(billing.action()).isEqualTo(Action.SEGREGATE);
		RetentionRule vault = rule(billing.then());
		assertThat(vault.category()).isEqualTo("telematic_traffic");
		assertThat(vault.duration()).isEqualTo(Period.ofMonths(72));
		assertThat(vault.action()).isEqualTo(Action.DELETE);
		assertThat(vault.legalReference()).contains("L. 167/2017").contains("12 months");
	}

	@Test
	void justiceDataAreKeptSegregatedOnIsolatedServersWithStrongAuthentication() {
		SecurityMeasure servers = measure("justice-servers");
		assertThat(servers.kind()).isEqualTo(MeasureKind.TECHNICAL);
		assertThat(servers.description().it()).contains("server separati, isolati fisicamente")
			.contains("strong-authentication")
			.contains("monitoraggio dei log di accesso");
		assertThat(servers.categories()).containsExactly("telematic_traffic");
		assertThat(measure("segregated-storage").categories()).containsExactlyInAnyOrder("telephone_traffic",
				"telematic_traffic");
		assertThat(purpose("legal_obligation").description().it()).contains("Conservazione segregata");
	}

	@Test
	void removalFromTheDbuIsARightAndDeletesTheDirectoryListing() {
		assertThat(this.policy.rights().offered()).contains(Right.DIRECTORY_REMOVAL, Right.ERASURE, Right.RECTIFICATION,
				Right.RESTRICTION, Right.PORTABILITY, Right.COMPLAINT);
		RetentionRule removal = rule("directory-removal");
		assertThat(removal.category()).isEqualTo("directory_listing");
		assertThat(removal.trigger()).isEqualTo(Trigger.REQUEST);
		assertThat(removal.duration()).isEqualTo(Period.ZERO);
		assertThat(removal.action()).isEqualTo(Action.DELETE);
		assertThat(recipient("dbu").categories()).containsExactly("directory_listing");
		assertThat(purpose("directory").categories()).containsExactly("directory_listing");
	}

	@Test
	void requestsNeedTheRequestersIdentityDocumentAndDelegatesAProxy() {
		assertThat(this.policy.rights().identityDocument()).isTrue();
		assertThat(this.policy.rights().delegateProxy()).isTrue();
		assertThat(this.policy.rights().contacts()).contains(new Contact(RequestChannel.EMAIL, "privacy@ipkom.com"),
				new Contact(RequestChannel.PEC, "gianluca.bastianoni@ingpec.eu"));
	}

	@Test
	void requestsAreAnsweredWithinThirtyDaysAndDenialsStateAnalyticReasons() {
		assertThat(this.policy.rights().deadline()).isEqualTo(Period.ofDays(30));
		assertThat(this.policy.rights().extension()).isEqualTo(Period.ZERO);
		assertThat(this.policy.rights().reasonedDenial()).isTrue();
	}

	@Test
	void callRecordingIsAnnouncedByARecordedMessageBeforeTheCallReachesStaff() {
		Purpose recording = purpose("call_recording");
		assertThat(recording.categories()).containsExactly("call_recording");
		assertThat(recording.legalBasis()).containsExactly(LegalBasis.LEGITIMATE_INTEREST);
		assertThat(recording.description().it())
			.contains("messaggio registrato prima che la sua chiamata sia assegnata a un membro del personale");
		assertThat(this.policy.category("call_recording").orElseThrow().description().it())
			.contains("messaggio registrato");
		assertThat(recipient("group_companies").categories()).containsExactly("call_recording");
	}

	@Test
	void theSecurityMeasuresAreThoseOfSection6() {
		Set<String> technical = idsOf(MeasureKind.TECHNICAL);
		Set<String> organisational = idsOf(MeasureKind.ORGANISATIONAL);
		assertThat(technical).contains("privacy-by-design-audit", "justice-servers", "firewall", "antispam-antivirus");
		assertThat(organisational).containsExactlyInAnyOrder("dpo-appointed", "system-administrators",
				"authorised-persons", "dpo-involvement", "vulnerability-tests", "it-emergency-procedure",
				"data-breach-procedure");
		assertThat(measure("firewall").description().it()).isEqualTo("La rete aziendale è protetta da firewall");
	}

	@Test
	void routingOutsideTheEuAndThirdPartyBlacklistsAreDeclaredWhileRipeStaysInTheEea() {
		Recipient routing = recipient("internet_routing");
		assertThat(routing.country()).isEqualTo("non-EEA");
		assertThat(routing.transfer()).isNotNull();
		assertThat(routing.transfer().safeguard()).isEqualTo(Safeguard.DEROGATION);
		assertThat(routing.description().it()).contains("al di fuori della UE").contains("routing");

		Recipient blacklists = recipient("blacklist_operators");
		assertThat(blacklists.country()).isEqualTo("non-EEA");
		assertThat(blacklists.categories()).containsExactly("ip_domains");
		assertThat(blacklists.description().it()).contains("non ha alcun titolo giuridico");

		Recipient ripe = recipient("ripe_ncc");
		assertThat(ripe.kind()).isEqualTo(RecipientKind.INDEPENDENT_CONTROLLER);
		assertThat(ripe.country()).isEqualTo("NL");
		assertThat(ripe.transfer()).isNull();
		assertThat(ripe.categories()).contains("ip_domains");
	}

	@Test
	void accountingRecordsAreKeptTenYearsAfterTheContractEnds() {
		RetentionRule billing = rule("billing-after-contract");
		assertThat(billing.category()).isEqualTo("billing_payment");
		assertThat(billing.trigger()).isEqualTo(Trigger.CONTRACT_END);
		assertThat(billing.duration()).isEqualTo(Period.ofYears(10));
		assertThat(billing.action()).isEqualTo(Action.DELETE);
		assertThat(billing.legalReference()).contains("art. 2220");
	}

	@Test
	void cookiesHaveTheirOwnCategoryPurposeAndRule() {
		Purpose website = purpose("website");
		assertThat(website.categories()).containsExactly("web_navigation");
		assertThat(website.legalBasis()).contains(LegalBasis.CONSENT);
		assertThat(this.policy.rulesFor("web_navigation")).isNotEmpty();
		assertThat(this.policy.category("web_navigation").orElseThrow().description().it()).contains("cookie")
			.contains("log dei web server");
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

	private SecurityMeasure measure(String id) {
		return this.policy.security()
			.stream()
			.filter((m) -> m.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no security measure " + id));
	}

	private Set<String> idsOf(MeasureKind kind) {
		return this.policy.security()
			.stream()
			.filter((m) -> m.kind() == kind)
			.map(SecurityMeasure::id)
			.collect(Collectors.toSet());
	}

}
