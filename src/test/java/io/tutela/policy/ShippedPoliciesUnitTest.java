package io.tutela.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShippedPoliciesUnitTest {

	static List<String> shipped() throws IOException {
		try (Stream<Path> files = Files.list(ShippedPolicies.DIR)) {
			return files.map((f) -> f.getFileName().toString())
				.filter((n) -> n.endsWith(".yaml"))
				.map((n) -> n.substring(0, n.length() - ".yaml".length()))
				.sorted()
				.toList();
		}
	}

	@ParameterizedTest
	@MethodSource("shipped")
	void everyShippedPolicyIsValidAndNamedAfterItsController(String controllerId) {
		Policy policy = ShippedPolicies.load(controllerId);
		assertThat(policy.controller().id()).isEqualTo(controllerId);
	}

	@ParameterizedTest
	@MethodSource("shipped")
	void everyShippedPolicyNotifiesBreachesWithinSeventyTwoHours(String controllerId) {
		Policy.Breach breach = ShippedPolicies.load(controllerId).breach();
		assertThat(breach).isNotNull();
		assertThat(breach.authorityDeadline()).isEqualTo(java.time.Duration.ofHours(72));
		assertThat(breach.authority()).contains("Garante");
	}

}
