package io.tutela.policy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TutelaIntegrationTest
class SeedPoliciesIntegrationTest {

	@Autowired
	Policies policies;

	@Autowired
	SeedPolicies seed;

	@Test
	void everyShippedPolicyIsLoadedAtFirstStartAsItsControllersPolicy() throws Exception {
		List<String> shipped = ShippedPoliciesUnitTest.shipped();
		assertThat(shipped).contains("ipkom", "conecto", "connext", "mysegretaria", "nanosystems");
		for (String id : shipped) {
			ControllerSummary controller = this.policies.controller(id);
			PolicyVersion first = this.policies.versions(id).get(0);
			assertThat(first.origin()).isEqualTo("seed");
			assertThat(first.sha256()).isEqualTo(Policies.sha256(ShippedPolicies.text(id)));
			assertThat(this.policies.version(id, first.version())).isEqualTo(ShippedPolicies.load(id));
			assertThat(controller.name()).isEqualTo(ShippedPolicies.load(id).controller().name());
		}
	}

	@Test
	void theProcessorsClientControllerIsLinkedToIt() {
		assertThat(this.policies.controller("mysegretaria").role()).isEqualTo(Policy.Role.PROCESSOR);
		ControllerSummary client = this.policies.controller("mysegretaria-studio-rossi");
		assertThat(client.role()).isEqualTo(Policy.Role.CONTROLLER);
		assertThat(client.processor()).isEqualTo("mysegretaria");
	}

	@Test
	void loadingAgainChangesNothingAndNeverOverridesAnUploadedVersion() throws Exception {
		String yaml = ShippedPolicies.text("nanosystems").replace("date: 2026-11-23", "date: 2026-11-24");
		this.policies.accept("nanosystems", "dpo-upload.yaml", yaml, "upload");
		int nanosystems = this.policies.controller("nanosystems").currentVersion();
		int connext = this.policies.controller("connext").currentVersion();

		this.seed.run(null);

		assertThat(this.policies.controller("nanosystems").currentVersion()).isEqualTo(nanosystems);
		assertThat(this.policies.current("nanosystems").notice().date()).hasToString("2026-11-24");
		assertThat(this.policies.controller("connext").currentVersion()).isEqualTo(connext);
	}

}
