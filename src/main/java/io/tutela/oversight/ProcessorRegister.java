package io.tutela.oversight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.outbox.Outbox;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.Text;

/**
 * The register of processors and recipients: each one the policy names, with its
 * data-processing agreement (art. 28), its country and the safeguard of a transfer
 * outside the EEA, what it receives and why, where art. 19 notices reach it, and the
 * messages the outbox has delivered to it. What needs the DPO's attention is flagged.
 */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/processors")
@Tag(name = "Processor register", description = "Processors and recipients: agreements, transfers, deliveries")
class ProcessorRegister {

	private final Policies policies;

	private final Outbox outbox;

	ProcessorRegister(Policies policies, Outbox outbox) {
		this.policies = policies;
		this.outbox = outbox;
	}

	/**
	 * One processor or recipient.
	 *
	 * @param attention what the DPO should look at: {@code dpa-missing},
	 * {@code dpa-pending}, {@code no-contact}, {@code deliveries-failed}
	 */
	record Entry(String id, Text name, String kind, String country, @Nullable String safeguard,
			@Nullable String transferReference, @Nullable String dpa, @Nullable LocalDate dpaDate,
			List<String> categories, List<String> purposes, @Nullable String contact, @Nullable String url,
			Map<String, Long> deliveries, List<String> attention) {
	}

	@GetMapping
	@Operation(summary = "The processors and recipients of the policy in force, with what needs attention")
	List<Entry> entries(@PathVariable String controllerId) {
		Policy policy = this.policies.current(controllerId);
		List<Entry> entries = new ArrayList<>();
		for (Policy.Recipient r : policy.recipients()) {
			Map<String, Long> deliveries = (r.contact() != null) ? this.outbox.deliveriesTo(controllerId, r.contact())
					: Map.of();
			List<String> attention = new ArrayList<>();
			boolean processor = r.kind() == Policy.RecipientKind.PROCESSOR;
			if (processor && r.dpa() == null) {
				attention.add("dpa-missing");
			}
			if (processor && r.dpa() == Policy.DpaStatus.PENDING) {
				attention.add("dpa-pending");
			}
			if (r.contact() == null && r.kind() != Policy.RecipientKind.RECIPIENT_CATEGORY) {
				attention.add("no-contact");
			}
			if (deliveries.getOrDefault("failed", 0L) > 0) {
				attention.add("deliveries-failed");
			}
			entries
				.add(new Entry(r.id(), r.name(), r.kind().name().toLowerCase(java.util.Locale.ROOT), r.country(),
						(r.transfer() != null) ? r.transfer().safeguard().name().toLowerCase(java.util.Locale.ROOT)
								: null,
						(r.transfer() != null) ? r.transfer().reference() : null,
						(r.dpa() != null) ? r.dpa().name().toLowerCase(java.util.Locale.ROOT) : null, r.dpaDate(),
						r.categories(), r.purposes(), r.contact(), r.url(), deliveries, attention));
		}
		return entries;
	}

}
