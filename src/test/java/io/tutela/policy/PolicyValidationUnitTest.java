package io.tutela.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PolicyValidationUnitTest {

	static String minimal() {
		try (InputStream in = PolicyValidationUnitTest.class.getResourceAsStream("/fixtures/minimal-policy.yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String broken(String find, String replace) {
		String yaml = minimal();
		assertThat(yaml).as("the fixture contains the text to break").contains(find);
		return yaml.replace(find, replace);
	}

	static List<PolicyProblem> problems(String yaml) {
		PolicyRejectedException ex = catchThrowableOfType(PolicyRejectedException.class,
				() -> PolicyReader.read("broken.yaml", yaml));
		assertThat(ex).as("the policy is refused").isNotNull();
		return ex.problems();
	}

	@Test
	void theMinimalPolicyIsAccepted() {
		Policy policy = PolicyReader.read("minimal.yaml", minimal());
		assertThat(policy.controller().id()).isEqualTo("acme-test");
		assertThat(policy.rule("traffic-billing").orElseThrow().duration()).isEqualTo(Period.ofMonths(6));
		assertThat(policy.rule("traffic-billing").orElseThrow().then()).isEqualTo("traffic-justice");
	}

	static Stream<Arguments> brokenPolicies() {
		return Stream.of(
				Arguments.of("yaml syntax", broken("  role: controller", "  role: [controller"), "", "not valid YAML"),
				Arguments.of("unknown category in a rule",
						broken("    category: identity\n    trigger: contract_end",
								"    category: identiy\n    trigger: contract_end"),
						"retention[0].category", "unknown category 'identiy'"),
				Arguments.of("purpose without basis", broken("    legal_basis: [consent]\n", ""),
						"purposes[1].legal_basis", "has no legal basis"),
				Arguments.of("unknown legal basis", broken("legal_basis: [consent]", "legal_basis: [friendship]"),
						"purposes[1].legal_basis[0]", "'friendship' is not one of"),
				Arguments.of("transfer outside the EEA without safeguard", broken("country: IE", "country: US"),
						"recipients[0].transfer", "outside the EEA (US)"),
				Arguments.of("adequacy for a country without decision",
						broken("country: IE", "country: IN\n    transfer: {safeguard: adequacy}"),
						"recipients[0].transfer.safeguard", "no adequacy decision for IN"),
				Arguments.of("duration that does not parse", broken("duration: P6M", "duration: 6 months"),
						"retention[1].duration", "not an ISO-8601 period"),
				Arguments.of("duplicate ids", broken("  - id: traffic-justice", "  - id: traffic-billing"),
						"retention[2].id", "duplicate id 'traffic-billing'"),
				Arguments.of("unknown trigger", broken("trigger: contract_end", "trigger: contract_signed"),
						"retention[0].trigger", "'contract_signed' is not one of"),
				Arguments.of("unknown action",
						broken("action: delete\n    legal_reference", "action: shred\n    legal_reference"),
						"retention[0].action", "'shred' is not one of"),
				Arguments.of("unknown follow-up rule", broken("then: traffic-justice", "then: vault"),
						"retention[1].then", "unknown retention rule 'vault'"),
				Arguments.of("segregation without a rule after it", broken("    then: traffic-justice\n", ""),
						"retention[1].then", "need the rule that ends their keeping"),
				Arguments.of("not_before equal to the trigger",
						broken("trigger: contract_end", "trigger: contract_end\n    not_before: contract_end"),
						"retention[0].not_before", "must be another event than the trigger"),
				Arguments.of("unknown legal hold", broken("holds: [dispute]", "holds: [vendetta]"),
						"retention[1].holds[0]", "unknown legal hold 'vendetta'"),
				Arguments.of("category without retention rule",
						broken("    category: identity\n    trigger: contract_end",
								"    category: telephone_traffic\n    trigger: contract_end"),
						"categories[0].id", "has no retention rule"),
				Arguments.of("special category without art. 9 condition",
						broken("    mandatory: true\n", "    mandatory: true\n    special: true\n"), "purposes[0].art9",
						"needs a condition of GDPR art. 9(2)"),
				Arguments.of("missing notice date", broken("  date: 2024-03-01\n", ""), "notice.date", "is required"),
				Arguments.of("notice date not a date", broken("date: 2024-03-01", "date: 2024-13-45"), "notice.date",
						"is not a date"),
				Arguments.of("unknown key", broken("  privacy_contact:", "  privacy_contatc:"),
						"controller.privacy_contatc", "unknown key"),
				Arguments.of("invalid country code", broken("    country: IT", "    country: Italia"),
						"locations[0].country", "not an ISO 3166 country code"),
				Arguments.of("deadline beyond one month", broken("deadline: P1M", "deadline: P2M"), "rights.deadline",
						"longer than the one month"),
				Arguments.of("directory removal without the directory's category",
						broken("  offered: [", "  offered: [directory_removal, "), "rights.directory_category",
						"as the notice offers directory removal"),
				Arguments.of("directory category unknown",
						broken("  offered: [", "  directory_category: directories\n  offered: ["),
						"rights.directory_category", "'directories' is not a category"),
				Arguments.of("marketing without consent", broken("legal_basis: [consent]", "legal_basis: [contract]"),
						"marketing.purpose", "needs consent"),
				Arguments.of("opposition register without its grace after a contract",
						broken("  channels: [email, operator_call]",
								"  channels: [email, operator_call]\n  opposition_register: true\n"
										+ "  campaign_check_validity: P15D"),
						"marketing.opposition_register_grace", "is required with the opposition register"),
				Arguments.of("opposition register without the validity of a check",
						broken("  channels: [email, operator_call]",
								"  channels: [email, operator_call]\n  opposition_register: true\n"
										+ "  opposition_register_grace: P30D"),
						"marketing.campaign_check_validity", "is required with the opposition register"),
				Arguments.of("register periods without the register",
						broken("  channels: [email, operator_call]",
								"  channels: [email, operator_call]\n  opposition_register_grace: P30D"),
						"marketing.opposition_register", "must be true"),
				Arguments.of("register grace that is not a period",
						broken("  channels: [email, operator_call]",
								"  channels: [email, operator_call]\n  opposition_register: true\n"
										+ "  opposition_register_grace: thirty days\n  campaign_check_validity: P15D"),
						"marketing.opposition_register_grace", "not an ISO-8601 period"),
				Arguments.of("records of an unknown category",
						broken("    categories: [identity]\n    purposes: [contract]",
								"    categories: [identiti]\n    purposes: [contract]"),
						"records[0].categories[0]", "unknown category 'identiti'"),
				Arguments.of("recipient contact that is not an e-mail address",
						broken("    country: IE", "    country: IE\n    contact: ufficio legale"),
						"recipients[0].contact", "is not an e-mail address"),
				Arguments.of("breach deadline beyond 72 hours",
						broken("records:", "breach:\n  authority_deadline: PT96H\n  authority: Garante\nrecords:"),
						"breach.authority_deadline", "exceeds the 72 hours"),
				Arguments.of("justice window of an unknown category", broken("records:",
						"justice:\n  provider_id: p\n  country_code: IT\n  orders:\n    - id: judge_decree\n      name: Decreto\n      recipient: mailer\n      validation: PT96H\n  offence_classes:\n    - id: serious\n      name: Gravi\n      windows:\n        - {category: traffic, duration: P24M}\nrecords:"),
						"justice.offence_classes[0].windows[0].category", "'traffic' is not a category"),
				Arguments.of("justice order answered to an unknown recipient", broken("records:",
						"justice:\n  provider_id: p\n  country_code: IT\n  orders:\n    - id: judge_decree\n      name: Decreto\n      recipient: court\n      validation: PT96H\n  offence_classes:\n    - id: serious\n      name: Gravi\n      windows:\n        - {category: identity, duration: P24M}\nrecords:"),
						"justice.orders[0].recipient", "'court' is not a recipient"),
				Arguments.of("justice order validated in no time", broken("records:",
						"justice:\n  provider_id: p\n  country_code: IT\n  orders:\n    - id: judge_decree\n      name: Decreto\n      recipient: mailer\n      validation: PT0S\n  offence_classes:\n    - id: serious\n      name: Gravi\n      windows:\n        - {category: identity, duration: P24M}\nrecords:"),
						"justice.orders[0].validation", "must be a positive duration"),
				Arguments.of("justice window of no length", broken("records:",
						"justice:\n  provider_id: p\n  country_code: IT\n  orders:\n    - id: judge_decree\n      name: Decreto\n      recipient: mailer\n      validation: PT96H\n  offence_classes:\n    - id: serious\n      name: Gravi\n      windows:\n        - {category: identity, duration: P0D}\nrecords:"),
						"justice.offence_classes[0].windows[0].duration", "must be a positive period"),
				Arguments.of("justice country that is no country code", broken("records:",
						"justice:\n  provider_id: p\n  country_code: Italia\n  orders:\n    - id: judge_decree\n      name: Decreto\n      recipient: mailer\n      validation: PT96H\n  offence_classes:\n    - id: serious\n      name: Gravi\n      windows:\n        - {category: identity, duration: P24M}\nrecords:"),
						"justice.country_code", "two-letter country code"),
				Arguments.of("breach deadline that is not a duration",
						broken("records:", "breach:\n  authority_deadline: 3 days\n  authority: Garante\nrecords:"),
						"breach.authority_deadline", "not an ISO-8601 duration"),
				Arguments.of("records requiring a field their kind does not have",
						broken("    categories: [identity]\n    purposes: [contract]",
								"    categories: [identity]\n    purposes: [contract]\n    required: [licence_number]"),
						"records[0].required[0]", "unknown optional field of subject records 'licence_number'"),
				Arguments.of("records of an unknown kind", broken("  - kind: subject", "  - kind: citizen"),
						"records[0].kind", "'citizen' is not one of"),
				Arguments.of("records kept for a purpose that does not process them",
						broken("    categories: [identity]\n    purposes: [contract]",
								"    categories: [telephone_traffic]\n    purposes: [marketing]"),
						"records[0].purposes[0]", "processes none of the categories"),
				Arguments.of("retention chain that loops",
						broken("    duration: P72M\n    action: delete",
								"    duration: P72M\n    action: segregate\n    then: traffic-billing"),
						"retention[2].then", "leads back to itself"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenPolicies")
	void aBrokenPolicyIsRefusedWithTheProblemAtItsPathAndLine(String kind, String yaml, String path, String message) {
		List<PolicyProblem> problems = problems(yaml);
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.path()).isEqualTo(path);
			assertThat(p.message()).contains(message);
			assertThat(p.line()).isPositive();
		});
	}

	@Test
	void everyProblemIsReportedNotOnlyTheFirst() {
		String yaml = broken("duration: P6M", "duration: six").replace("country: IE", "country: CN")
			.replace("legal_basis: [consent]", "legal_basis: []")
			.replace("date: 2024-03-01", "date: yesterday");
		assertThat(problems(yaml)).extracting(PolicyProblem::path)
			.contains("retention[1].duration", "recipients[0].transfer", "purposes[1].legal_basis", "notice.date");
	}

	@Test
	void theLineOfAProblemIsTheLineOfTheValue() {
		String yaml = broken("duration: P6M", "duration: P6Q");
		int expected = 1
				+ (int) yaml.substring(0, yaml.indexOf("duration: P6Q")).chars().filter((c) -> c == '\n').count();
		assertThat(problems(yaml)).singleElement().satisfies((p) -> {
			assertThat(p.line()).isEqualTo(expected);
			assertThat(p.file()).isEqualTo("broken.yaml");
		});
	}

	@Test
	void aFileThatIsNotAMappingIsRefused() {
		assertThatThrownBy(() -> PolicyReader.read("list.yaml", "- a\n- b\n"))
			.isInstanceOf(PolicyRejectedException.class)
			.hasMessageContaining("must be a mapping");
		assertThatThrownBy(() -> PolicyReader.read("empty.yaml", "")).isInstanceOf(PolicyRejectedException.class)
			.hasMessageContaining("empty");
	}

}
