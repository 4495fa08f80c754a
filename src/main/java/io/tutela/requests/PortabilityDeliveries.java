package io.tutela.requests;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.tutela.audit.Auditing;
import io.tutela.policy.Policy;
import io.tutela.web.InvalidInputException;
import io.tutela.web.NotFoundException;

/**
 * A portability answer delivered straight to another controller (GDPR art. 20(2)): the
 * requester names the receiving controller's endpoint, the delivery is recorded in the
 * request's transaction and sent later by a scheduled round, the zip opened from the
 * sealed result and posted as {@code application/zip}. A failure (no answer, or a status
 * other than 2xx) is tried again after a doubling wait, up to a number of attempts, then
 * the delivery is failed and listed as such on the request.
 */
@Component
class PortabilityDeliveries {

	private static final Logger log = LoggerFactory.getLogger(PortabilityDeliveries.class);

	/** A delivery as the request shows it. */
	record Delivery(UUID id, String url, String state, int attempts, @Nullable String lastStatus, Instant createdAt,
			@Nullable Instant deliveredAt) {
	}

	private final JdbcClient jdbc;

	private final HandlingRequests handling;

	private final RightsRequests requests;

	private final Auditing auditing;

	private final Clock clock;

	private final HttpClient http;

	private final int maxAttempts;

	private final Duration firstWait;

	PortabilityDeliveries(JdbcClient jdbc, HandlingRequests handling, RightsRequests requests, Auditing auditing,
			Clock clock, @Value("${tutela.portability.max-attempts:6}") int maxAttempts,
			@Value("${tutela.portability.first-wait:PT1M}") Duration firstWait) {
		this.jdbc = jdbc;
		this.handling = handling;
		this.requests = requests;
		this.auditing = auditing;
		this.clock = clock;
		this.maxAttempts = maxAttempts;
		this.firstWait = firstWait;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	}

	/** Records a delivery of the request's portability answer to the endpoint. */
	@Transactional
	Delivery ask(String controllerId, UUID requestId, @Nullable String url) {
		URI endpoint = endpoint(url);
		RightsRequest request = this.requests.find(controllerId, requestId)
			.orElseThrow(() -> new NotFoundException("request", requestId));
		if (request.type() != Policy.Right.PORTABILITY || !request.hasResult()) {
			throw new TransitionRefused("request-not-deliverable",
					"only an executed portability request has an answer to deliver to another controller");
		}
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO portability_delivery (id, controller_id, request_id, url, state, next_at)
				VALUES (:id, :c, :r, :url, 'pending', :next)""")
			.param("id", id)
			.param("c", controllerId)
			.param("r", requestId)
			.param("url", endpoint.toString())
			.param("next", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
		this.auditing.success("rights_request.delivery_asked", controllerId, null, List.of(requestId, id));
		return of(controllerId, requestId).stream().filter((d) -> d.id().equals(id)).findFirst().orElseThrow();
	}

	List<Delivery> of(String controllerId, UUID requestId) {
		return this.jdbc.sql("""
				SELECT id, url, state, attempts, last_status, created_at, delivered_at FROM portability_delivery
				WHERE controller_id = :c AND request_id = :r ORDER BY created_at""")
			.param("c", controllerId)
			.param("r", requestId)
			.query((rs, n) -> new Delivery(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("state"),
					rs.getInt("attempts"), rs.getString("last_status"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					(rs.getObject("delivered_at") != null)
							? rs.getObject("delivered_at", OffsetDateTime.class).toInstant() : null))
			.list();
	}

	@Scheduled(fixedDelayString = "${tutela.portability.poll:PT10S}",
			initialDelayString = "${tutela.portability.poll:PT10S}")
	void deliverScheduled() {
		try {
			deliverDue();
		}
		catch (RuntimeException ex) {
			log.error("Portability delivery round failed: " + ex.getClass().getSimpleName());
		}
	}

	/** Sends every delivery due now; answers how many were tried. */
	int deliverDue() {
		record Due(UUID id, String controllerId, UUID requestId, String url, int attempts) {
		}
		List<Due> due = this.jdbc.sql("""
				SELECT id, controller_id, request_id, url, attempts FROM portability_delivery
				WHERE state = 'pending' AND next_at <= :now ORDER BY next_at LIMIT 50""")
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("controller_id"),
					rs.getObject("request_id", UUID.class), rs.getString("url"), rs.getInt("attempts")))
			.list();
		for (Due d : due) {
			String status;
			try {
				byte[] zip = this.handling.result(d.controllerId(), d.requestId());
				HttpResponse<Void> answer = this.http.send(HttpRequest.newBuilder(URI.create(d.url()))
					.timeout(Duration.ofSeconds(60))
					.header("Content-Type", "application/zip")
					.header("X-Tutela-Request", d.requestId().toString())
					.POST(HttpRequest.BodyPublishers.ofByteArray(zip))
					.build(), HttpResponse.BodyHandlers.discarding());
				status = String.valueOf(answer.statusCode());
			}
			catch (java.io.IOException ex) {
				status = ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return due.size();
			}
			boolean delivered = status.length() == 3 && status.startsWith("2");
			int attempts = d.attempts() + 1;
			String state = delivered ? "delivered" : (attempts >= this.maxAttempts) ? "failed" : "pending";
			Instant now = this.clock.instant();
			this.jdbc.sql("""
					UPDATE portability_delivery SET state = :state, attempts = :a, last_status = :status,
					    next_at = :next, delivered_at = :delivered WHERE id = :id""")
				.param("state", state)
				.param("a", attempts)
				.param("status", status)
				.param("next", OffsetDateTime
					.ofInstant(now.plus(this.firstWait.multipliedBy(1L << Math.min(attempts - 1, 20))), ZoneOffset.UTC))
				.param("delivered", delivered ? OffsetDateTime.ofInstant(now, ZoneOffset.UTC) : null)
				.param("id", d.id())
				.update();
			this.auditing.success("rights_request.delivery_" + state, d.controllerId(), null,
					List.of(d.requestId(), d.id()));
		}
		return due.size();
	}

	private static URI endpoint(@Nullable String url) {
		String text = ReceivingRequests.blankToNull(url);
		if (text == null) {
			throw InvalidInputException.of("url", "name the receiving controller's endpoint (an http or https URL)");
		}
		try {
			URI uri = new URI(text);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
				throw InvalidInputException.of("url", "must be an absolute http or https URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw InvalidInputException.of("url", "is not a URL");
		}
	}

}
