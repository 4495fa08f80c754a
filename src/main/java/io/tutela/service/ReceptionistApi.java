package io.tutela.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.policy.Policies;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;

/** A client controller's instructions to the virtual receptionist. */
@RestController
@RequestMapping("/api/v1/controllers/{controllerId}/receptionist")
@Tag(name = "Receptionist configuration",
		description = "Availability hours, call forwarding and notification e-mail of a client controller")
class ReceptionistApi {

	private final ReceptionistConfigs configs;

	private final Policies policies;

	private final Clock clock;

	private final RecordAudit audit;

	ReceptionistApi(ReceptionistConfigs configs, Policies policies, Clock clock, RecordAudit audit) {
		this.audit = audit;
		this.configs = configs;
		this.policies = policies;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "The receptionist configuration", description = "404 when none was given yet")
	ReceptionistConfig one(@PathVariable String controllerId) {
		return this.audit.read(ReceptionistConfig.KIND, controllerId, this.configs.find(controllerId)
			.orElseThrow(() -> new NotFoundException("receptionist configuration", controllerId)));
	}

	@PutMapping
	@Transactional
	@Operation(summary = "Give or replace the receptionist configuration",
			description = "availability: [{weekday: mon…sun, from: \"09:00\", to: \"13:00\"}]; forwarding: "
					+ "[{condition: always|busy|no_answer|out_of_hours|unreachable, number}], numbers to E.164; "
					+ "notificationEmail; 400 with every invalid field")
	ReceptionistConfig put(@PathVariable String controllerId, @RequestBody ReceptionistConfig.Input input) {
		ReceptionistConfig existing = this.configs.find(controllerId).orElse(null);
		List<FieldProblem> problems = new ArrayList<>();
		ReceptionistConfig config = ReceptionistConfig.of((existing != null) ? existing.id() : UUID.randomUUID(),
				controllerId, input, this.policies.current(controllerId),
				(existing != null) ? existing.collectedAt() : this.clock.instant(), problems);
		if (config == null || !problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		if (existing != null) {
			this.configs.update(config);
		}
		else {
			this.configs.insert(config);
		}
		this.audit.wrote((existing != null) ? "update" : "create", ReceptionistConfig.KIND, controllerId, config);
		return config;
	}

}
