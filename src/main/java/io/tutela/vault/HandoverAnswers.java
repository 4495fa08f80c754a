package io.tutela.vault;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.annotation.PreDestroy;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.tutela.audit.AuditAlert;
import io.tutela.audit.AuditEvent;
import io.tutela.audit.Auditing;
import io.tutela.audit.CurrentActor;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.service.IpAddresses;
import io.tutela.storage.Keys;
import io.tutela.storage.SecretBox;
import io.tutela.vault.LegalOrder.Target;
import io.tutela.vault.LegalOrder.TargetKind;
import io.tutela.web.ConflictException;
import io.tutela.web.NotFoundException;

/**
 * Answers legal orders from the vault, in the structure of ETSI TS 102 657 (a header with
 * the request id, the provider id and the time; the records; a signed digest of both).
 * <p>
 * An order is answered only while it stands (not revoked, an urgent decree not lapsed or
 * refused validation), only with records of the identifiers in its scope, inside its time
 * range, and inside the window its class of offence allows in the controller's policy,
 * counted back in calendar days from the day of the answer: a number's calls, a
 * subscriber's telematic sessions, the sessions an address was assigned to. An answer
 * that would hold more than the order's {@code maxHits} records is refused, not cut (and
 * the vault is not read past the first record too many). A query that asks for what the
 * order does not cover returns nothing. Every answer, refusal and query outside the scope
 * is audited before anything is handed over; queries beyond the rate of
 * {@code tutela.vault.mass-query-threshold} per {@code tutela.vault.mass-query-window}
 * and queries outside the scope raise alerts.
 */
@Service
public class HandoverAnswers {

	static final String COMPLETE = "complete";

	static final String REFUSED = "refused";

	static final String OUT_OF_SCOPE = "out-of-scope";

	/**
	 * The action of every answer's audit record, given, refused, outside the scope or
	 * failed.
	 */
	static final String READ = "vault.order.read";

	/**
	 * The canonical form of what is digested: sorted keys, no white space. A sorted map
	 * is written as it is; any other map is sorted as it is written.
	 */
	private static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final LegalOrders orders;

	private final JusticeVault vault;

	private final AnswerSigning signing;

	private final SecretBox box;

	private final Policies policies;

	private final Auditing auditing;

	private final CurrentActor actor;

	private final Clock clock;

	private final int massQueryThreshold;

	private final Duration massQueryWindow;

	/** Writes an answer's audit record while its sealed copy is stored. */
	private final ExecutorService auditWriter = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "vault-audit");
		thread.setDaemon(true);
		return thread;
	});

	HandoverAnswers(@Qualifier(VaultConfiguration.DATA_SOURCE) DataSource vaultDataSource, LegalOrders orders,
			JusticeVault vault, AnswerSigning signing, Keys keys, Policies policies, Auditing auditing,
			CurrentActor actor, Clock clock, @Value("${tutela.vault.mass-query-threshold:20}") int massQueryThreshold,
			@Value("${tutela.vault.mass-query-window:PT1H}") Duration massQueryWindow) {
		this.jdbc = JdbcClient.create(vaultDataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(vaultDataSource));
		this.orders = orders;
		this.vault = vault;
		this.signing = signing;
		this.box = new SecretBox(keys.key(JusticeVault.SEAL_KEY));
		this.policies = policies;
		this.auditing = auditing;
		this.actor = actor;
		this.clock = clock;
		this.massQueryThreshold = massQueryThreshold;
		this.massQueryWindow = massQueryWindow;
	}

	/**
	 * What the liaison asks of an order: some of its identifiers and part of its time
	 * range (all of either when not given).
	 */
	public record Query(@Nullable List<LegalOrders.TargetInput> targets, @Nullable Instant from, @Nullable Instant to) {

		public static Query whole() {
			return new Query(null, null, null);
		}

	}

	/**
	 * An answer given, refused or found outside the order's scope.
	 *
	 * @param id the answer's id
	 * @param orderId the order it answers
	 * @param sequence its number among the order's answers, from 1
	 * @param answeredAt when
	 * @param answeredBy who asked
	 * @param outcome {@code complete}, {@code refused} (over {@code maxHits}) or
	 * {@code out-of-scope}
	 * @param reason why it was refused or found outside the scope
	 * @param hits how many records the answer holds; for a refused one, one more than the
	 * order's {@code maxHits} (reading stops there)
	 * @param document the signed handover document (none for a query outside the scope)
	 */
	public record Answer(UUID id, UUID orderId, int sequence, Instant answeredAt, String answeredBy, String outcome,
			@Nullable String reason, int hits, @Schema(implementation = Map.class) @Nullable Document document) {
	}

	/**
	 * A signed handover document: what it holds, and its JSON as written once to be
	 * stored, handed over as it is rather than written again.
	 *
	 * @param content the header, the payload and the integrity, in this order
	 * @param json the same as JSON
	 */
	public record Document(Map<String, Object> content, byte[] json) {

		@JsonValue
		public RawValue raw() {
			return new RawValue(new String(this.json, StandardCharsets.UTF_8));
		}

	}

	/**
	 * Answers a query under an order.
	 * @throws NotFoundException when the controller has no such order
	 * @throws ConflictException when the order no longer stands
	 */
	public Answer answer(String controllerId, UUID orderId, Query query) {
		LegalOrder order = this.orders.get(controllerId, orderId);
		// to the microsecond, as the answer is stored and read back
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		LegalOrder.State state = order.state(now);
		if (!state.answerable()) {
			this.auditing.record(READ, AuditEvent.DENIED, controllerId, null, List.of(orderId));
			throw new ConflictException("legal-order-not-answerable",
					"The order is " + state.key() + ": the vault answers no query under it");
		}
		Policy policy = this.policies.current(controllerId);
		Policy.Justice justice = this.orders.justice(controllerId);
		Policy.OffenceClass offence = justice.offenceClass(order.offenceClass())
			.orElseThrow(() -> new ConflictException("offence-class-gone", "The policy no longer has the class of "
					+ "offence '" + order.offenceClass() + "' this order was registered under"));
		String outside = outsideScope(order, query);
		if (outside != null) {
			Answer answer = new Answer(UUID.randomUUID(), orderId, 0, now, this.actor.actor().name(), OUT_OF_SCOPE,
					outside, 0, null);
			this.auditing.record(READ, OUT_OF_SCOPE, controllerId, null, List.of(orderId));
			this.auditing.alert(AuditAlert.VAULT_OUT_OF_SCOPE, now, now, 1);
			return answer;
		}
		try {
			// one answer at a time under an order, so that each has a number of its own
			return Objects.requireNonNull(this.transaction.execute((status) -> {
				this.jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:order))")
					.param("order", orderId.toString())
					.query(Integer.class)
					.single();
				return answerInScope(controllerId, order, justice, policy.controller().timezone(), offence, query, now);
			}));
		}
		catch (RuntimeException ex) {
			// the vault may have been read before the answer failed: that is audited too
			try {
				this.auditing.record(READ, AuditEvent.FAILURE, controllerId, null, List.of(orderId));
			}
			catch (RuntimeException audit) {
				ex.addSuppressed(audit);
			}
			throw ex;
		}
	}

	/** Stops the writer of audit records once the context closes. */
	@PreDestroy
	void stop() {
		this.auditWriter.shutdown();
	}

	private Answer answerInScope(String controllerId, LegalOrder order, Policy.Justice justice, ZoneId zone,
			Policy.OffenceClass offence, Query query, Instant now) {
		UUID orderId = order.id();
		Instant from = max(order.windowFrom(), query.from());
		Instant to = min(min(order.windowTo(), query.to()), now);
		List<Target> targets = requested(order, query);
		Windows windows = new Windows(offence, zone, now);
		Found found = new Found(order.maxHits());
		Instant earliest = max(from, windows.earliest());
		if (earliest.isBefore(to)) {
			for (Target target : targets) {
				if (found.over()) {
					break;
				}
				read(controllerId, target, earliest, to, windows, found);
			}
		}
		List<Map<String, Object>> records = found.records;
		List<Object> audited = new ArrayList<>();
		audited.add(orderId);
		audited.addAll(found.references.stream()
			.map((key) -> "vault-record:" + HEX.formatHex(this.vault.hash(controllerId, "ref:" + key), 0, 12))
			.toList());
		records.sort(java.util.Comparator.comparing(HandoverAnswers::startOf));
		int sequence = nextSequence(orderId);
		UUID id = UUID.randomUUID();
		boolean refused = found.over();
		String reason = refused
				? "more than the order's maxHits of " + order.maxHits() + " records match; nothing is handed over"
				: null;
		Map<String, Object> header = header(order, justice, id, sequence, now, from, to, targets, records.size(),
				refused, reason);
		// built sorted at every level, so that it is written in its canonical form once
		Map<String, Object> signed = object("retainedDataHeader", header, "retainedDataPayload",
				refused ? List.of() : records);
		byte[] canonical = canonical(signed);
		byte[] digest = sha256(canonical);
		String digestText = Base64.getEncoder().encodeToString(digest);
		String signature = this.signing.sign(controllerId, digest);
		Map<String, Object> integrity = object("digestAlgorithm", "SHA-256", "digest", digestText, "signatureAlgorithm",
				AnswerSigning.ALGORITHM, "signature", signature, "publicKey",
				"/api/v1/justice/" + controllerId + "/signing-key");
		Map<String, Object> content = new LinkedHashMap<>(signed);
		content.put("integrity", integrity);
		Document document = new Document(content, withIntegrity(canonical, integrity));
		Answer answer = new Answer(id, orderId, sequence, now, this.actor.actor().name(), refused ? REFUSED : COMPLETE,
				reason, records.size(), document);
		AuditEvent event = refused ? this.auditing.event(READ, REFUSED, controllerId, null, List.of(orderId))
				: this.auditing.event(READ, AuditEvent.SUCCESS, controllerId, null, audited);
		// the audit record is written beside the stored copy, which commits (with the
		// order's lock) only once the record has: nothing is stored or handed over
		// unaudited
		CompletableFuture<Void> audit = CompletableFuture.runAsync(() -> this.auditing.append(event), this.auditWriter);
		RuntimeException failed = null;
		try {
			store(controllerId, answer, document.json(), digestText, signature);
		}
		catch (RuntimeException ex) {
			failed = ex;
		}
		try {
			audit.join();
		}
		catch (CompletionException ex) {
			RuntimeException cause = (ex.getCause() instanceof RuntimeException r) ? r : ex;
			if (failed == null) {
				failed = cause;
			}
			else {
				failed.addSuppressed(cause);
			}
		}
		if (failed != null) {
			throw failed;
		}
		watchMassQueries(now);
		return answer;
	}

	/**
	 * Reads a target's records inside the windows into what was found, stopping once more
	 * than the order's {@code maxHits} are found: the vault is asked for one record more
	 * than the answer may still hold, and again without a limit only when some it
	 * returned fell outside the windows or were found already (under another of the
	 * order's identifiers).
	 */
	private void read(String controllerId, Target target, Instant from, Instant to, Windows windows, Found found) {
		int limit = found.room() + 1;
		List<Found.Row> rows = rows(controllerId, target, from, to, limit);
		if (take(rows, windows, found) || rows.size() < limit) {
			return;
		}
		take(rows(controllerId, target, from, to, Integer.MAX_VALUE), windows, found);
	}

	/** Adds the rows inside the windows; whether the answer is now over its maxHits. */
	private static boolean take(List<Found.Row> rows, Windows windows, Found found) {
		for (Found.Row row : rows) {
			if (windows.reaches(row)) {
				found.add(row);
				if (found.over()) {
					return true;
				}
			}
		}
		return false;
	}

	private List<Found.Row> rows(String controllerId, Target target, Instant from, Instant to, int limit) {
		return switch (target.kind()) {
			case NUMBER -> this.vault.callsUnaudited(controllerId, target.value(), from, to, limit)
				.stream()
				.map(HandoverAnswers::row)
				.toList();
			case SUBSCRIBER -> this.vault.sessionsOfSubscriberUnaudited(controllerId, target.value(), from, to, limit)
				.stream()
				.map(HandoverAnswers::row)
				.toList();
			case ADDRESS -> this.vault.sessionsOfAddressUnaudited(controllerId, target.value(), from, to, limit)
				.stream()
				.map(HandoverAnswers::row)
				.toList();
		};
	}

	/** The records an answer holds, each once, and whether they passed its maxHits. */
	private static final class Found {

		/** A record read from the vault, as the answer gives it. */
		record Row(String key, String category, Map<String, String> attributes, Instant start,
				Map<String, Object> record) {
		}

		final List<Map<String, Object>> records = new ArrayList<>();

		final List<String> references = new ArrayList<>();

		private final Set<String> seen = new java.util.HashSet<>();

		private final int maxHits;

		Found(int maxHits) {
			this.maxHits = maxHits;
		}

		void add(Row row) {
			if (this.seen.add(row.key())) {
				this.records.add(row.record());
				this.references.add(row.key());
			}
		}

		int room() {
			return Math.max(0, this.maxHits - this.records.size());
		}

		boolean over() {
			return this.records.size() > this.maxHits;
		}

	}

	/** The answers given under an order, the latest first, without their documents. */
	public List<Answer> answers(String controllerId, UUID orderId) {
		this.orders.get(controllerId, orderId);
		return this.jdbc.sql("""
				SELECT id, order_id, sequence, answered_at, answered_by, outcome, reason, hits
				FROM vault.legal_order_answer WHERE order_id = :order ORDER BY answered_at DESC, sequence DESC""")
			.param("order", orderId)
			.query((rs, n) -> new Answer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
					null))
			.list();
	}

	/**
	 * One answer again, with its signed document as it was handed over (an audited read).
	 * @throws NotFoundException when the order has no such answer
	 */
	public Answer answer(String controllerId, UUID orderId, UUID answerId) {
		this.orders.get(controllerId, orderId);
		Answer answer = this.jdbc.sql("""
				SELECT id, order_id, sequence, answered_at, answered_by, outcome, reason, hits, document
				FROM vault.legal_order_answer WHERE order_id = :order AND id = :id""")
			.param("order", orderId)
			.param("id", answerId)
			.query((rs, n) -> new Answer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
					open(rs.getString(9), controllerId)))
			.optional()
			.orElseThrow(() -> new NotFoundException("answer", answerId));
		this.auditing.success("vault.answer.read", controllerId, null, List.of(orderId, answerId));
		return answer;
	}

	/** The controller's public key for checking its answers, as PEM. */
	public String publicKey(String controllerId) {
		this.orders.justice(controllerId);
		return this.signing.publicKeyPem(controllerId);
	}

	/**
	 * The canonical bytes of a handover document's signed part: JSON with the keys of
	 * every object sorted, no white space (RFC 8785 for the strings, integers and
	 * booleans the documents hold).
	 */
	static byte[] canonical(Object value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
		try (JsonGenerator json = CANONICAL.createGenerator(out)) {
			write(json, value);
		}
		return out.toByteArray();
	}

	/**
	 * Writes a value of a document as the canonical mapper would, walking its maps and
	 * lists itself (the mapper looks a serializer up for every value of a map of
	 * objects): the keys of a map in their natural order, strings, integers and booleans
	 * as they are, anything else handed to the mapper.
	 */
	private static void write(JsonGenerator json, @Nullable Object value) {
		if (value instanceof String text) {
			json.writeString(text);
		}
		else if (value instanceof Integer || value instanceof Long) {
			json.writeNumber(((Number) value).longValue());
		}
		else if (value instanceof Boolean bool) {
			json.writeBoolean(bool);
		}
		else if (value instanceof Map<?, ?> map) {
			SortedMap<?, ?> sorted = (map instanceof SortedMap<?, ?> s && s.comparator() == null) ? s
					: new TreeMap<>(map);
			json.writeStartObject();
			for (Map.Entry<?, ?> entry : sorted.entrySet()) {
				json.writeName((String) entry.getKey());
				write(json, entry.getValue());
			}
			json.writeEndObject();
		}
		else if (value instanceof List<?> list) {
			json.writeStartArray();
			for (Object item : list) {
				write(json, item);
			}
			json.writeEndArray();
		}
		else {
			json.writePOJO(value);
		}
	}

	/**
	 * The whole document as stored, from the canonical bytes of its signed part: the
	 * integrity object added after the header and the payload.
	 */
	static byte[] withIntegrity(byte[] signed, Map<String, Object> integrity) {
		// {"integrity":{…}}, whose members follow the signed part's in place of its "}"
		byte[] tail = canonical(Map.of("integrity", integrity));
		byte[] document = Arrays.copyOf(signed, signed.length - 1 + tail.length);
		document[signed.length - 1] = ',';
		System.arraycopy(tail, 1, document, signed.length, tail.length - 1);
		return document;
	}

	/**
	 * A JSON object of the keys and values given in turn, its keys sorted as the
	 * canonical form writes them.
	 */
	private static Map<String, Object> object(Object... keysAndValues) {
		Map<String, Object> object = new TreeMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			object.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return object;
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Why a query asks for what its order does not cover, or nothing when it does not.
	 */
	private static @Nullable String outsideScope(LegalOrder order, Query query) {
		if (query.targets() != null) {
			for (LegalOrders.TargetInput input : query.targets()) {
				boolean named = order.targets()
					.stream()
					.anyMatch(
							(t) -> t.kind().key().equals(input.kind()) && t.value().equals(canonical(t.kind(), input)));
				if (!named) {
					return "the order does not name the " + input.kind() + " asked for";
				}
			}
		}
		Instant from = max(order.windowFrom(), query.from());
		Instant to = min(order.windowTo(), query.to());
		if (!from.isBefore(to)) {
			return "the time asked for lies outside the order's range";
		}
		return null;
	}

	private static @Nullable String canonical(TargetKind kind, LegalOrders.TargetInput input) {
		List<Target> parsed = LegalOrders.parse(List.of(input), new ArrayList<>());
		return parsed.isEmpty() ? null : parsed.get(0).value();
	}

	private static List<Target> requested(LegalOrder order, Query query) {
		if (query.targets() == null || query.targets().isEmpty()) {
			return order.targets();
		}
		List<Target> asked = LegalOrders.parse(query.targets(), new ArrayList<>());
		return order.targets().stream().filter(asked::contains).toList();
	}

	/** How far back the order's class of offence reaches, as of the day of the answer. */
	static final class Windows {

		private final Policy.OffenceClass offence;

		private final ZoneId zone;

		private final LocalDate today;

		Windows(Policy.OffenceClass offence, ZoneId zone, Instant now) {
			this.offence = offence;
			this.zone = zone;
			this.today = LocalDate.ofInstant(now, zone);
		}

		/** The earliest instant any window reaches. */
		Instant earliest() {
			Instant earliest = Instant.MAX;
			for (Policy.JusticeWindow window : this.offence.windows()) {
				Instant start = start(window.duration());
				earliest = start.isBefore(earliest) ? start : earliest;
			}
			return earliest;
		}

		/**
		 * Whether a record of the category with the attributes, started at the instant,
		 * is inside the window that applies to it.
		 */
		boolean reaches(String category, Map<String, String> attributes, Instant start) {
			return this.offence.window(category, attributes).map((p) -> !start.isBefore(start(p))).orElse(false);
		}

		boolean reaches(Found.Row row) {
			return reaches(row.category(), row.attributes(), row.start());
		}

		private Instant start(Period period) {
			return this.today.minus(period).atStartOfDay(this.zone).toInstant();
		}

	}

	private static Found.Row row(VaultCall call) {
		return new Found.Row("call:" + call.caller() + ">" + call.callee() + "@" + call.start(), call.category(),
				Map.of("answered", String.valueOf(call.answered())), call.start(), telephonyRecord(call));
	}

	private static Found.Row row(VaultSession session) {
		return new Found.Row("session:" + session.subscriber() + "@" + session.assignedIp() + "@" + session.start(),
				session.category(), Map.of(), session.start(), networkAccessRecord(session));
	}

	private static Map<String, Object> networkAccessRecord(VaultSession session) {
		Map<String, Object> time = new TreeMap<>();
		time.put("startTime", session.start().toString());
		if (session.end() != null) {
			time.put("endTime", session.end().toString());
		}
		Map<String, Object> usage = new TreeMap<>();
		usage.put("partyInformation", List.of(object("partyRole", "subscriber", "subscriberID", session.subscriber())));
		String address = IpAddresses.canonical(session.assignedIp());
		usage.put("assignedIPAddress", (address != null) ? address : session.assignedIp());
		usage.put("communicationTime", time);
		usage.put("octetsUploaded", session.bytesUp());
		usage.put("octetsDownloaded", session.bytesDown());
		return object("networkAccessRecord", object("networkAccessServiceUsage", usage));
	}

	private static Map<String, Object> telephonyRecord(VaultCall call) {
		Map<String, Object> usage = new TreeMap<>();
		usage.put("partyInformation", List.of(object("partyRole", "originating-Party", "partyNumber", call.caller()),
				object("partyRole", "terminating-Party", "partyNumber", call.callee())));
		usage.put("communicationTime",
				object("startTime", call.start().toString(), "duration", call.durationSeconds()));
		usage.put("callStatus", call.answered() ? "answered" : "not-answered");
		if (call.cell() != null) {
			usage.put("location", object("cellID", call.cell()));
		}
		return object("telephonyRecord", object("telephonyServiceUsage", usage));
	}

	@SuppressWarnings("unchecked")
	private static String startOf(Map<String, Object> record) {
		Map<String, Object> inner = (Map<String, Object>) record.values().iterator().next();
		Map<String, Object> usage = (Map<String, Object>) inner.values().iterator().next();
		return (String) ((Map<String, Object>) usage.get("communicationTime")).get("startTime");
	}

	private static Map<String, Object> header(LegalOrder order, Policy.Justice justice, UUID answerId, int sequence,
			Instant now, Instant from, Instant to, List<Target> targets, int hits, boolean refused,
			@Nullable String reason) {
		Map<String, Object> header = new TreeMap<>();
		header.put("requestID", object("countryCode", justice.countryCode(), "authorisedOrganizationID",
				order.authorisedOrganisation(), "requestNumber", order.number()));
		header.put("cSPID", justice.providerId());
		header.put("timeStampOfThisMessage", now.toString());
		header.put("answerID", answerId.toString());
		header.put("answerSequence", sequence);
		Map<String, Object> parameters = new TreeMap<>();
		parameters.put("orderKind", order.kind());
		parameters.put("offenceClass", order.offenceClass());
		parameters.put("timeRange", object("from", from.toString(), "to", to.toString()));
		parameters.put("targets",
				targets.stream().map((t) -> object("kind", t.kind().key(), "value", t.value())).toList());
		parameters.put("maxHits", order.maxHits());
		header.put("requestParameters", parameters);
		header.put("responseStatus",
				refused ? object("responseFailed", object("reason", "too-many-hits", "detail", reason, "hits", hits))
						: object("responseComplete", object("numberOfRetainedDataRecords", hits)));
		return header;
	}

	private int nextSequence(UUID orderId) {
		return this.jdbc.sql("SELECT coalesce(max(sequence), 0) + 1 FROM vault.legal_order_answer WHERE order_id = :o")
			.param("o", orderId)
			.query(Integer.class)
			.single();
	}

	private void store(String controllerId, Answer answer, byte[] document, String digest, String signature) {
		this.transaction.executeWithoutResult((status) -> this.jdbc.sql("""
				INSERT INTO vault.legal_order_answer (id, order_id, sequence, answered_at, answered_by, outcome, reason,
				  hits, document, digest, signature)
				VALUES (:id, :order, :sequence, :at, :by, :outcome, :reason, :hits, :document, :digest, :signature)""")
			.param("id", answer.id())
			.param("order", answer.orderId())
			.param("sequence", answer.sequence())
			.param("at", Timestamp.from(answer.answeredAt()))
			.param("by", answer.answeredBy())
			.param("outcome", answer.outcome())
			.param("reason", answer.reason())
			.param("hits", answer.hits())
			.param("document", this.box.seal(compressed(document), controllerId))
			.param("digest", digest)
			.param("signature", signature)
			.update());
	}

	private @Nullable Document open(@Nullable String sealed, String controllerId) {
		if (sealed == null) {
			return null;
		}
		byte[] json = uncompressed(this.box.open(sealed, controllerId));
		return new Document(CANONICAL.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
		}), json);
	}

	/**
	 * A document as its copy is sealed: gzip, at the fastest level (the JSON of hundreds
	 * of records shrinks about ten times, and so does what the commit writes).
	 */
	static byte[] compressed(byte[] json) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
			{
				this.def.setLevel(Deflater.BEST_SPEED);
			}
		}) {
			gzip.write(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A sealed copy's document: gunzipped, or as it is when it was stored as plain JSON
	 * (the copies stored before they were compressed, which start with <code>{</code>).
	 */
	static byte[] uncompressed(byte[] stored) {
		if (stored.length < 2 || stored[0] != (byte) 0x1f || stored[1] != (byte) 0x8b) {
			return stored;
		}
		try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
			return gzip.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Raises an alert once the actor's answers in the window pass the threshold. */
	private void watchMassQueries(Instant now) {
		long window = this.massQueryWindow.toMillis();
		Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / window * window);
		long count = this.jdbc
			.sql("SELECT count(*) FROM vault.legal_order_answer WHERE answered_by = :by AND answered_at >= :since")
			.param("by", this.actor.actor().name())
			.param("since", Timestamp.from(windowStart))
			.query(Long.class)
			.single();
		if (count > this.massQueryThreshold) {
			this.auditing.alert(AuditAlert.VAULT_MASS_QUERY, windowStart, windowStart.plus(this.massQueryWindow),
					count);
		}
	}

	private static Instant max(Instant a, @Nullable Instant b) {
		return (b != null && b.isAfter(a)) ? b : a;
	}

	private static Instant min(Instant a, @Nullable Instant b) {
		return (b != null && b.isBefore(a)) ? b : a;
	}

}
