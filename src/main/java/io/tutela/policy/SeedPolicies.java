package io.tutela.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the policies shipped in {@code policies/} at start: a controller's first policy,
 * or a newer shipped file for a controller whose policy was never changed by an upload.
 * Processors are loaded before their client controllers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "tutela.policies.seed", havingValue = "true", matchIfMissing = true)
class SeedPolicies implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SeedPolicies.class);

	private final Policies policies;

	SeedPolicies(Policies policies) {
		this.policies = policies;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		List<Shipped> shipped = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:policies/*.yaml")) {
			try (InputStream in = resource.getInputStream()) {
				String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				String name = String.valueOf(resource.getFilename());
				shipped.add(new Shipped(name, yaml, PolicyReader.read(name, yaml)));
			}
		}
		shipped.sort(Comparator.comparing((Shipped s) -> s.policy().controller().processor() != null)
			.thenComparing(Shipped::name));
		for (Shipped s : shipped) {
			String id = s.policy().controller().id();
			Optional<ControllerSummary> existing = this.policies.find(id);
			if (existing.isPresent()
					&& !"seed".equals(this.policies.versionInfo(id, existing.get().currentVersion()).origin())) {
				continue;
			}
			Policies.Accepted accepted = this.policies.accept(null, s.name(), s.yaml(), "seed");
			if (accepted.created()) {
				log.info("Loaded the shipped policy of '{}' as version {}", id, accepted.version().version());
			}
		}
	}

	private record Shipped(String name, String yaml, Policy policy) {
	}

}
