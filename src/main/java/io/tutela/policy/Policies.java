package io.tutela.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.identity.ControllerScope;
import io.tutela.web.NotFoundException;

/**
 * The controllers Tutela serves and their policies: the one place other modules ask what
 * a controller's notice promises.
 */
@Service
public class Policies {

	private final PolicyVersions versions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ControllerScope scope;

	private final Auditing auditing;

	/**
	 * A scalar subquery for the version in force of the controller named by the parameter
	 * {@code :c}, for the check {@link #lastReadInForce} asks for.
	 */
	public static final String VERSION_IN_FORCE = "(SELECT max(v.version) FROM policy_version v "
			+ "WHERE v.controller_id = :c)";

	private final Map<String, Policy> parsed = new ConcurrentHashMap<>();

	/** The version in force of each controller, as this process last read it. */
	private final Map<String, Integer> lastReadInForce = new ConcurrentHashMap<>();

	Policies(PolicyVersions versions, ApplicationEventPublisher events, Clock clock, ControllerScope scope,
			Auditing auditing) {
		this.auditing = auditing;
		this.versions = versions;
		this.events = events;
		this.clock = clock;
		this.scope = scope;
	}

	public List<ControllerSummary> controllers() {
		return this.versions.controllers();
	}

	/** The controllers the current user may see. */
	public List<ControllerSummary> visibleControllers() {
		return this.scope.visible(controllers(), ControllerSummary::id);
	}

	public Optional<ControllerSummary> find(String controllerId) {
		return this.versions.controller(controllerId);
	}

	public ControllerSummary controller(String controllerId) {
		return find(controllerId).orElseThrow(() -> new NotFoundException("controller", controllerId));
	}

	/** The policy in force for a controller. */
	public Policy current(String controllerId) {
		return inForce(controllerId).policy();
	}

	/** The policy in force for a controller, and its version, read from the database. */
	public InForce inForce(String controllerId) {
		int version = controller(controllerId).currentVersion();
		this.lastReadInForce.put(controllerId, version);
		return new InForce(version, version(controllerId, version));
	}

	/**
	 * The policy this process last read as in force for a controller, without a round
	 * trip once it has read one. Only for a caller that checks, in a query it makes
	 * anyway, that this version is still the one in force ({@link #VERSION_IN_FORCE}),
	 * and asks {@link #inForce} when it is not: another process may have published a
	 * newer one.
	 */
	public InForce lastReadInForce(String controllerId) {
		Integer version = this.lastReadInForce.get(controllerId);
		return (version != null) ? new InForce(version, version(controllerId, version)) : inForce(controllerId);
	}

	public Policy version(String controllerId, int version) {
		return this.parsed.computeIfAbsent(controllerId + "@" + version, (key) -> {
			String yaml = source(controllerId, version);
			return PolicyReader.read(controllerId + "@" + version, yaml);
		});
	}

	public String source(String controllerId, int version) {
		String yaml = this.versions.source(controllerId, version);
		if (yaml == null) {
			throw new NotFoundException("policy version", controllerId + "@" + version);
		}
		return yaml;
	}

	public List<PolicyVersion> versions(String controllerId) {
		controller(controllerId);
		return this.versions.versions(controllerId);
	}

	public PolicyVersion versionInfo(String controllerId, int version) {
		return this.versions.version(controllerId, version)
			.orElseThrow(() -> new NotFoundException("policy version", controllerId + "@" + version));
	}

	/**
	 * Reads, checks and stores a policy as the controller's new version. A file identical
	 * to the current version is not stored again: its version is returned with
	 * {@code created} false.
	 * @param expectedControllerId the controller the upload is addressed to, or null to
	 * take the one the file declares
	 * @throws PolicyRejectedException with every problem of the file
	 */
	@Transactional
	public Accepted accept(@Nullable String expectedControllerId, String sourceName, String yaml, String origin) {
		Policy policy = PolicyReader.read(sourceName, yaml);
		String id = policy.controller().id();
		checkPlacement(policy, expectedControllerId, sourceName);
		String sha256 = sha256(yaml);
		Optional<ControllerSummary> existing = this.versions.controller(id);
		if (existing.isPresent()) {
			PolicyVersion current = versionInfo(id, existing.get().currentVersion());
			if (current.sha256().equals(sha256)) {
				return new Accepted(current, false);
			}
		}
		this.versions.saveController(policy.controller());
		int number = this.versions.nextVersion(id);
		PolicyVersion version = new PolicyVersion(id, number, this.clock.instant(), policy.notice().date(), sourceName,
				sha256, origin);
		this.versions.insert(version, yaml);
		this.parsed.put(id + "@" + number, policy);
		this.events.publishEvent(new PolicyVersionAccepted(id, number, (number > 1) ? number - 1 : null));
		this.auditing.success("policy.update", id, null, List.of(id + "@" + number));
		return new Accepted(version, true);
	}

	private void checkPlacement(Policy policy, @Nullable String expectedControllerId, String sourceName) {
		String id = policy.controller().id();
		Problems problems = new Problems(sourceName);
		if (expectedControllerId != null && !expectedControllerId.equals(id)) {
			problems.atLine("controller.id", 0,
					"the file is the policy of '" + id + "', not of '" + expectedControllerId + "'");
		}
		String processor = policy.controller().processor();
		if (processor != null) {
			Optional<ControllerSummary> found = this.versions.controller(processor);
			if (found.isEmpty() || found.get().role() != Policy.Role.PROCESSOR) {
				problems.atLine("controller.processor", 0,
						"'" + processor + "' is not a processor known to Tutela; load its policy first");
			}
		}
		if (policy.controller().role() == Policy.Role.CONTROLLER
				&& this.versions.controllers().stream().anyMatch((c) -> id.equals(c.processor()))) {
			problems.atLine("controller.role", 0,
					"'" + id + "' acts as processor for client controllers and must keep the role 'processor'");
		}
		if (!problems.isEmpty()) {
			throw new PolicyRejectedException(problems.list());
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A policy and its version number. */
	public record InForce(int version, Policy policy) {
	}

	/**
	 * The outcome of an upload: the version, and whether it was created by this upload.
	 */
	public record Accepted(PolicyVersion version, boolean created) {
	}

}
