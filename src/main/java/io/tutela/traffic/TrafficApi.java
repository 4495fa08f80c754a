package io.tutela.traffic;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.tutela.service.IpAddresses;
import io.tutela.web.InvalidInputException;

/**
 * Traffic data for operators, only within the window the policy keeps them in the
 * operational systems (billing, unanswered calls); a subscriber's calls of a billing
 * period for checking a bill.
 */
@RestController
@Tag(name = "Traffic data", description = "Call detail records and telematic sessions within the operational window")
class TrafficApi {

	private final ReadingTraffic reading;

	TrafficApi(ReadingTraffic reading) {
		this.reading = reading;
	}

	@GetMapping("/api/v1/controllers/{controllerId}/cdrs")
	@Operation(summary = "Search call detail records",
			description = "Filters: subject (id), number (caller or callee, any form; compared in E.164), "
					+ "from/to (ISO instants, start in [from, to)); the latest first; paged. Only calls the "
					+ "policy's retention rules still keep in the operational systems are found; visibleFrom "
					+ "tells where that window starts.")
	ReadingTraffic.Page<Cdr> cdrs(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subject,
			@RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.reading.cdrs(controllerId,
				new TrafficRecords.Filter(subject, ReadingTraffic.number(number), null, from, to), page, size);
	}

	@GetMapping("/api/v1/controllers/{controllerId}/telematic-sessions")
	@Operation(summary = "Search telematic sessions",
			description = "Filters: subject (id), subscriber, ip (the assigned address), from/to (ISO instants); "
					+ "the latest first; paged; only within the operational window (visibleFrom).")
	ReadingTraffic.Page<TelematicSession> sessions(@PathVariable String controllerId,
			@RequestParam(required = false) @Nullable UUID subject,
			@RequestParam(required = false) @Nullable String subscriber,
			@RequestParam(required = false) @Nullable String ip, @RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		String address = null;
		if (ip != null && !ip.isBlank()) {
			address = IpAddresses.canonical(ip);
			if (address == null) {
				throw InvalidInputException.of("ip", "'" + ip + "' is not an IP address");
			}
		}
		String account = (subscriber == null || subscriber.isBlank()) ? null : subscriber.strip();
		return this.reading.sessions(controllerId, new TrafficRecords.Filter(subject, account, address, from, to), page,
				size);
	}

	@GetMapping("/api/v1/controllers/{controllerId}/subjects/{subjectId}/cdrs")
	@Operation(summary = "A subscriber's calls of a billing period",
			description = "period: a month (2026-03) of the controller's calendar; the calls the subscriber made, "
					+ "the earliest first, with their totals, within the operational window")
	ReadingTraffic.BillingPeriod billingPeriod(@PathVariable String controllerId, @PathVariable UUID subjectId,
			@RequestParam String period) {
		return this.reading.billingPeriod(controllerId, subjectId, ReadingTraffic.period(period));
	}

}
