package io.tutela.vault;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.service.IpAddresses;
import io.tutela.storage.Keys;
import io.tutela.storage.SecretBox;
import io.tutela.subject.PhoneNumbers;
import io.tutela.vault.LegalOrder.Target;
import io.tutela.vault.LegalOrder.TargetKind;
import io.tutela.web.ConflictException;
import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;
import io.tutela.web.NotFoundException;

/**
 * The register of legal orders, kept in the vault's schema through the vault's own role.
 * An order is checked against the controller's policy (its kind and class of offence must
 * be ones the policy's {@code justice} section names) before anything is written; the
 * identifiers it names are sealed like the vault's own. Registering, validating, refusing
 * and revoking are audited.
 */
@Service
public class LegalOrders {

	/** The most identifiers one order may name. */
	static final int MOST_TARGETS = 100;

	/** The highest {@code maxHits} an order may set. */
	static final int MOST_HITS = 100_000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final SecretBox box;

	private final JusticeVault vault;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	LegalOrders(@Qualifier(VaultConfiguration.DATA_SOURCE) DataSource vaultDataSource, Keys keys, JusticeVault vault,
			Policies policies, Auditing auditing, CurrentActor actor, Clock clock) {
		this.jdbc = JdbcClient.create(vaultDataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(vaultDataSource));
		this.box = new SecretBox(keys.key(JusticeVault.SEAL_KEY));
		this.vault = vault;
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
	}

	/**
	 * An order as served on the provider.
	 *
	 * @param kind a key of the policy's {@code justice.orders}
	 * @param authority the issuing authority
	 * @param authorisedOrganisation its identifier in the request id
	 * @param number the order's number
	 * @param issuedAt when it was issued
	 * @param receivedAt when the provider received it (now when not given)
	 * @param offenceClass a key of the policy's {@code justice.offence_classes}
	 * @param legalBasis the provisions it cites
	 * @param from the start of the time range it asks for
	 * @param to the end of that range (excluded)
	 * @param maxHits above how many records an answer is refused
	 * @param targets the identifiers it names
	 */
	public record Registration(@Nullable String kind, @Nullable String authority,
			@Nullable String authorisedOrganisation, @Nullable String number, @Nullable Instant issuedAt,
			@Nullable Instant receivedAt, @Nullable String offenceClass, @Nullable String legalBasis,
			@Nullable Instant from, @Nullable Instant to, @Nullable Integer maxHits,
			@Nullable List<TargetInput> targets) {
	}

	/**
	 * An identifier as written on the order: {@code number}, {@code subscriber} or
	 * {@code address}.
	 */
	public record TargetInput(@Nullable String kind, @Nullable String value) {
	}

	/**
	 * Registers an order for the controller.
	 * @throws InvalidInputException naming every field that is wrong; nothing is written
	 * @throws ConflictException when the controller's policy keeps no data for the
	 * courts, or the same order is already registered
	 */
	public LegalOrder register(String controllerId, Registration registration) {
		Policy.Justice justice = justice(controllerId);
		Instant now = this.clock.instant();
		List<FieldProblem> problems = new ArrayList<>();
		String kindId = required(registration.kind(), "kind", 64, problems);
		Policy.OrderKind kind = null;
		if (kindId != null) {
			kind = justice.order(kindId).orElse(null);
			if (kind == null) {
				problems.add(new FieldProblem("kind", "'" + kindId + "' is not a kind of order this provider accepts ("
						+ ids(justice.orders(), Policy.OrderKind::id) + ")"));
			}
		}
		String offenceId = required(registration.offenceClass(), "offenceClass", 64, problems);
		if (offenceId != null && justice.offenceClass(offenceId).isEmpty()) {
			problems
				.add(new FieldProblem("offenceClass", "'" + offenceId + "' is not a class of offence of the policy ("
						+ ids(justice.offenceClasses(), Policy.OffenceClass::id) + ")"));
		}
		String authority = required(registration.authority(), "authority", 200, problems);
		String organisation = required(registration.authorisedOrganisation(), "authorisedOrganisation", 64, problems);
		if (organisation != null && !organisation.matches("[A-Za-z0-9._-]+")) {
			problems.add(new FieldProblem("authorisedOrganisation",
					"use letters, digits, '.', '_' or '-' only (it is part of the request id)"));
		}
		String number = required(registration.number(), "number", 64, problems);
		Instant issuedAt = registration.issuedAt();
		Instant receivedAt = (registration.receivedAt() != null) ? registration.receivedAt() : now;
		if (issuedAt == null) {
			problems.add(new FieldProblem("issuedAt", "say when the order was issued"));
		}
		else if (issuedAt.isAfter(now)) {
			problems.add(new FieldProblem("issuedAt", "an order cannot be issued in the future"));
		}
		else if (receivedAt.isBefore(issuedAt)) {
			problems.add(new FieldProblem("receivedAt", "an order cannot be received before it was issued"));
		}
		if (receivedAt.isAfter(now)) {
			problems.add(new FieldProblem("receivedAt", "an order cannot be received in the future"));
		}
		Instant from = registration.from();
		Instant to = registration.to();
		if (from == null) {
			problems.add(new FieldProblem("from", "give the start of the time range the order asks for"));
		}
		if (to == null) {
			problems.add(new FieldProblem("to", "give the end of the time range the order asks for"));
		}
		if (from != null && to != null && !from.isBefore(to)) {
			problems.add(new FieldProblem("to", "the time range must end after it starts"));
		}
		Integer maxHits = registration.maxHits();
		if (maxHits == null || maxHits < 1 || maxHits > MOST_HITS) {
			problems.add(new FieldProblem("maxHits", "give the most records an answer may hold, 1 to " + MOST_HITS));
		}
		List<Target> targets = parse(registration.targets(), problems);
		String legalBasis = optional(registration.legalBasis(), "legalBasis", 500, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Instant validateBy = (kind.validation() != null) ? issuedAt.plus(kind.validation()) : null;
		LegalOrder order = new LegalOrder(UUID.randomUUID(), controllerId, kindId, authority, organisation, number,
				issuedAt, receivedAt, offenceId, legalBasis, from, to, maxHits, validateBy, null, null, null, null,
				this.actor.actor().name(), now, targets);
		try {
			this.transaction.executeWithoutResult((status) -> insert(order));
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("legal-order-exists",
					"Order " + number + " of " + organisation + " is already registered for this provider");
		}
		this.auditing.success("vault.order.register", controllerId, null, List.of(order.id()));
		return order;
	}

	/** The controller's orders, the latest registered first. */
	public List<LegalOrder> list(String controllerId) {
		List<LegalOrder> orders = this.jdbc
			.sql("SELECT * FROM vault.legal_order WHERE controller_id = :controller ORDER BY registered_at DESC, id")
			.param("controller", controllerId)
			.query((rs, n) -> order(rs, List.of()))
			.list();
		Map<UUID, List<Target>> targets = targets(orders.stream().map(LegalOrder::id).toList(), controllerId);
		return orders.stream().map((o) -> withTargets(o, targets.getOrDefault(o.id(), List.of()))).toList();
	}

	/**
	 * One of the controller's orders.
	 * @throws NotFoundException when the controller has no such order
	 */
	public LegalOrder get(String controllerId, UUID orderId) {
		LegalOrder order = this.jdbc
			.sql("SELECT * FROM vault.legal_order WHERE controller_id = :controller AND id = :id")
			.param("controller", controllerId)
			.param("id", orderId)
			.query((rs, n) -> order(rs, List.of()))
			.optional()
			.orElseThrow(() -> new NotFoundException("legal order", orderId));
		return withTargets(order, targets(List.of(orderId), controllerId).getOrDefault(orderId, List.of()));
	}

	/**
	 * Records the judge's validation of an urgent decree, which must have come within the
	 * kind's time for validation.
	 */
	public LegalOrder validate(String controllerId, UUID orderId, @Nullable Instant validatedAt,
			@Nullable String reference) {
		LegalOrder order = get(controllerId, orderId);
		Instant now = this.clock.instant();
		Instant at = (validatedAt != null) ? validatedAt : now;
		List<FieldProblem> problems = new ArrayList<>();
		String ref = required(reference, "reference", 200, problems);
		if (order.validateBy() == null) {
			throw new ConflictException("legal-order-needs-no-validation",
					"An order of kind '" + order.kind() + "' needs no validation");
		}
		LegalOrder.State state = order.state(now);
		if (state != LegalOrder.State.AWAITING_VALIDATION && state != LegalOrder.State.LAPSED) {
			throw new ConflictException("legal-order-not-awaiting-validation",
					"The order is " + state.key() + "; only an order awaiting validation can be validated");
		}
		if (at.isAfter(now)) {
			problems.add(new FieldProblem("validatedAt", "a validation cannot be recorded in the future"));
		}
		else if (at.isBefore(order.issuedAt())) {
			problems.add(new FieldProblem("validatedAt", "a validation cannot come before the order was issued"));
		}
		else if (at.isAfter(order.validateBy())) {
			problems.add(new FieldProblem("validatedAt", "the time for validation ended at " + order.validateBy()
					+ "; a later validation does not make the data usable"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.jdbc.sql("""
				UPDATE vault.legal_order SET validated_at = :at, validation_reference = :reference
				WHERE id = :id AND controller_id = :controller""")
			.param("at", Timestamp.from(at))
			.param("reference", ref)
			.param("id", orderId)
			.param("controller", controllerId)
			.update();
		this.auditing.success("vault.order.validate", controllerId, null, List.of(orderId));
		return get(controllerId, orderId);
	}

	/** Records that the judge refused to validate an urgent decree. */
	public LegalOrder refuseValidation(String controllerId, UUID orderId) {
		LegalOrder order = get(controllerId, orderId);
		LegalOrder.State state = order.state(this.clock.instant());
		if (state != LegalOrder.State.AWAITING_VALIDATION && state != LegalOrder.State.LAPSED) {
			throw new ConflictException("legal-order-not-awaiting-validation",
					"The order is " + state.key() + "; only an order awaiting validation can be refused validation");
		}
		this.jdbc.sql("UPDATE vault.legal_order SET validation_refused_at = :at WHERE id = :id AND controller_id = :c")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("id", orderId)
			.param("c", controllerId)
			.update();
		this.auditing.success("vault.order.refuse-validation", controllerId, null, List.of(orderId));
		return get(controllerId, orderId);
	}

	/**
	 * Records that the authority revoked or withdrew the order: nothing more is answered.
	 */
	public LegalOrder revoke(String controllerId, UUID orderId) {
		LegalOrder order = get(controllerId, orderId);
		if (order.revokedAt() != null) {
			throw new ConflictException("legal-order-revoked", "The order is already revoked");
		}
		this.jdbc.sql("UPDATE vault.legal_order SET revoked_at = :at WHERE id = :id AND controller_id = :c")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("id", orderId)
			.param("c", controllerId)
			.update();
		this.auditing.success("vault.order.revoke", controllerId, null, List.of(orderId));
		return get(controllerId, orderId);
	}

	/**
	 * The controller's rules for the courts.
	 * @throws ConflictException when its policy has none
	 */
	Policy.Justice justice(String controllerId) {
		Policy.Justice justice = this.policies.current(controllerId).justice();
		if (justice == null) {
			throw new ConflictException("no-justice-policy", "The policy of '" + controllerId
					+ "' keeps no traffic data for the courts: it has no 'justice' section");
		}
		return justice;
	}

	private void insert(LegalOrder order) {
		this.jdbc.sql("""
				INSERT INTO vault.legal_order (id, controller_id, kind, authority, authorised_org, order_number,
				  issued_at, received_at, offence_class, legal_basis, window_from, window_to, max_hits, validate_by,
				  registered_by, registered_at)
				VALUES (:id, :controller, :kind, :authority, :org, :number, :issued, :received, :offence, :basis,
				  :from, :to, :maxHits, :validateBy, :by, :at)""")
			.param("id", order.id())
			.param("controller", order.controllerId())
			.param("kind", order.kind())
			.param("authority", order.authority())
			.param("org", order.authorisedOrganisation())
			.param("number", order.number())
			.param("issued", Timestamp.from(order.issuedAt()))
			.param("received", Timestamp.from(order.receivedAt()))
			.param("offence", order.offenceClass())
			.param("basis", order.legalBasis())
			.param("from", Timestamp.from(order.windowFrom()))
			.param("to", Timestamp.from(order.windowTo()))
			.param("maxHits", order.maxHits())
			.param("validateBy", (order.validateBy() != null) ? Timestamp.from(order.validateBy()) : null)
			.param("by", order.registeredBy())
			.param("at", Timestamp.from(order.registeredAt()))
			.update();
		int position = 0;
		for (Target target : order.targets()) {
			this.jdbc.sql("""
					INSERT INTO vault.legal_order_target (order_id, position, kind, sealed, hash)
					VALUES (:order, :position, :kind, :sealed, :hash)""")
				.param("order", order.id())
				.param("position", position++)
				.param("kind", target.kind().key())
				.param("sealed", this.box.seal(target.value().getBytes(StandardCharsets.UTF_8), order.controllerId()))
				.param("hash", this.vault.hash(order.controllerId(), target.kind().key() + ":" + target.value()))
				.update();
		}
	}

	private Map<UUID, List<Target>> targets(List<UUID> orderIds, String controllerId) {
		if (orderIds.isEmpty()) {
			return Map.of();
		}
		record Row(UUID order, Target target) {
		}
		return this.jdbc.sql("""
				SELECT order_id, kind, sealed FROM vault.legal_order_target
				WHERE order_id = ANY (:orders) ORDER BY order_id, position""")
			.param("orders", orderIds.toArray(UUID[]::new))
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class),
					new Target(TargetKind.of(rs.getString(2)),
							new String(this.box.open(rs.getString(3), controllerId), StandardCharsets.UTF_8))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Row::order, Collectors.mapping(Row::target, Collectors.toList())));
	}

	private static LegalOrder withTargets(LegalOrder o, List<Target> targets) {
		return new LegalOrder(o.id(), o.controllerId(), o.kind(), o.authority(), o.authorisedOrganisation(), o.number(),
				o.issuedAt(), o.receivedAt(), o.offenceClass(), o.legalBasis(), o.windowFrom(), o.windowTo(),
				o.maxHits(), o.validateBy(), o.validatedAt(), o.validationReference(), o.validationRefusedAt(),
				o.revokedAt(), o.registeredBy(), o.registeredAt(), targets);
	}

	private static LegalOrder order(ResultSet rs, List<Target> targets) throws SQLException {
		return new LegalOrder(rs.getObject("id", UUID.class), rs.getString("controller_id"), rs.getString("kind"),
				rs.getString("authority"), rs.getString("authorised_org"), rs.getString("order_number"),
				instant(rs, "issued_at"), instant(rs, "received_at"), rs.getString("offence_class"),
				rs.getString("legal_basis"), instant(rs, "window_from"), instant(rs, "window_to"),
				rs.getInt("max_hits"), instant(rs, "validate_by"), instant(rs, "validated_at"),
				rs.getString("validation_reference"), instant(rs, "validation_refused_at"), instant(rs, "revoked_at"),
				rs.getString("registered_by"), instant(rs, "registered_at"), targets);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * The identifiers as canonical targets: numbers in E.164, addresses in their
	 * canonical form; what cannot be read is added to the problems.
	 */
	static List<Target> parse(@Nullable List<TargetInput> inputs, List<FieldProblem> problems) {
		if (inputs == null || inputs.isEmpty()) {
			problems.add(new FieldProblem("targets", "name at least one number, subscriber or address"));
			return List.of();
		}
		if (inputs.size() > MOST_TARGETS) {
			problems.add(new FieldProblem("targets", "an order may name at most " + MOST_TARGETS + " identifiers"));
			return List.of();
		}
		Set<Target> targets = new LinkedHashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			TargetInput input = inputs.get(i);
			String field = "targets[" + i + "]";
			String value = (input.value() != null) ? input.value().strip() : "";
			Optional<TargetKind> kind = kind(input.kind());
			if (kind.isEmpty()) {
				problems.add(new FieldProblem(field + ".kind", "use number, subscriber or address"));
				continue;
			}
			switch (kind.get()) {
				case NUMBER -> {
					PhoneNumbers.Result number = PhoneNumbers.normalise(value);
					if (number.isValid()) {
						targets.add(new Target(TargetKind.NUMBER, number.orElseThrow().e164()));
					}
					else {
						problems.add(new FieldProblem(field + ".value", "'" + value + "' is not a telephone number"));
					}
				}
				case ADDRESS -> {
					String address = value.isEmpty() ? null : IpAddresses.canonical(value);
					if (address != null) {
						targets.add(new Target(TargetKind.ADDRESS, address));
					}
					else {
						problems.add(new FieldProblem(field + ".value", "'" + value + "' is not an IP address"));
					}
				}
				case SUBSCRIBER -> {
					if (value.isEmpty() || value.length() > 128) {
						problems.add(
								new FieldProblem(field + ".value", "give the subscriber account, 1 to 128 characters"));
					}
					else {
						targets.add(new Target(TargetKind.SUBSCRIBER, value));
					}
				}
			}
		}
		return List.copyOf(targets);
	}

	private static Optional<TargetKind> kind(@Nullable String key) {
		if (key == null) {
			return Optional.empty();
		}
		for (TargetKind kind : TargetKind.values()) {
			if (kind.key().equals(key.strip())) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	private static @Nullable String required(@Nullable String value, String field, int longest,
			List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		return optional(value, field, longest, problems);
	}

	private static @Nullable String optional(@Nullable String value, String field, int longest,
			List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > longest) {
			problems.add(new FieldProblem(field, "may be at most " + longest + " characters"));
		}
		return stripped;
	}

	private static <T> String ids(List<T> items, Function<T, String> id) {
		return items.stream().map(id).collect(Collectors.joining(", "));
	}

}
