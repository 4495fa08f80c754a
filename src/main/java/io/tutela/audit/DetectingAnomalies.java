package io.tutela.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * Watches the reads of personal data as they are audited (Garante, 17 January 2008):
 * <ul>
 * <li><b>mass read</b>: an actor reads more than {@code tutela.audit.mass-read-threshold}
 * records within {@code tutela.audit.mass-read-window}. Reads are counted per actor and
 * minute, so the window is whole minutes (the current minute and the ones before it) and
 * a check sums at most a window's worth of small rows, never the log, in one statement.
 * The alert is raised once, when the count crosses the threshold;</li>
 * <li><b>off hours</b>: an actor reads personal data outside
 * {@code tutela.audit.working-hours} (in {@code tutela.audit.zone}). One alert per actor
 * and off-hours period (from the end of one working day to the start of the next); later
 * reads in the period add to its count.</li>
 * </ul>
 * The time of a read is the event's {@code occurredAt}. Reads by the {@code system} role
 * (scheduled jobs) are not watched. Runs inside the append, under the chain's lock, so
 * counts need no further locking.
 */
@Component
class DetectingAnomalies {

	private static final Comparator<AuditEvent> BY_TIME = Comparator.comparing(AuditEvent::occurredAt);

	private final AuditAlerts alerts;

	private final AuditProperties properties;

	private final WorkingHours hours;

	private final Clock clock;

	DetectingAnomalies(AuditAlerts alerts, AuditProperties properties, Clock clock) {
		this.alerts = alerts;
		this.properties = properties;
		this.hours = properties.hours();
		this.clock = clock;
	}

	/**
	 * Looks at the reads among the events, stores the alerts they raise and returns the
	 * audit events that record those alerts.
	 * @param counter adds the reads to the per-minute counts and tells each actor's
	 * window count before them; called once, before any alert is stored, when the events
	 * hold reads, and not at all otherwise
	 */
	List<AuditEvent> inspect(List<AuditEvent> events, ReadCounter counter) {
		Map<String, List<AuditEvent>> readsByActor = new LinkedHashMap<>();
		for (AuditEvent event : events) {
			if (event.isPersonalDataRead() && !CurrentActor.SYSTEM.equals(event.actorRole())) {
				readsByActor.computeIfAbsent(event.actor(), (actor) -> new ArrayList<>()).add(event);
			}
		}
		if (readsByActor.isEmpty()) {
			return List.of();
		}
		List<AuditAlerts.OffHoursCount> offHours = new ArrayList<>();
		readsByActor.forEach((actor, reads) -> offHours.addAll(offHours(actor, reads)));
		List<AuditEvent> raised = new ArrayList<>();
		Counted counted = massReads(readsByActor, counter, offHours, raised);
		for (int i = 0; i < offHours.size(); i++) {
			Instant raisedAt = offHours.get(i).raisedAt();
			counted.raisedOffHours()
				.get(i)
				.ifPresent((id) -> raised.add(alertEvent(AuditAlert.OFF_HOURS, id, raisedAt)));
		}
		return raised;
	}

	/**
	 * Counts every actor's reads into their minutes, and the off-hours ones into their
	 * periods' alerts, and raises an alert for each actor whose window count crosses the
	 * threshold: one statement however many actors, and one per off-hours period.
	 * @param raised where the mass-read alerts raised go
	 */
	private Counted massReads(Map<String, List<AuditEvent>> readsByActor, ReadCounter counter,
			List<AuditAlerts.OffHoursCount> offHours, List<AuditEvent> raised) {
		Map<String, Instant> windowStarts = new LinkedHashMap<>();
		Map<String, Long> added = new HashMap<>();
		List<AuditAlerts.ReadCount> counts = new ArrayList<>();
		readsByActor.forEach((actor, reads) -> {
			AuditEvent latest = reads.get(0);
			Map<Instant, Long> byMinute = new TreeMap<>();
			for (AuditEvent read : reads) {
				byMinute.merge(read.occurredAt().truncatedTo(ChronoUnit.MINUTES), (long) read.targetIds().size(),
						Long::sum);
				if (read.occurredAt().isAfter(latest.occurredAt())) {
					latest = read;
				}
			}
			Instant windowStart = latest.occurredAt()
				.truncatedTo(ChronoUnit.MINUTES)
				.minus(this.properties.massReadWindow())
				.plus(1, ChronoUnit.MINUTES);
			windowStarts.put(actor, windowStart);
			byMinute.forEach((minute, records) -> {
				if (!minute.isBefore(windowStart)) {
					counts.add(new AuditAlerts.ReadCount(actor, minute, records));
					added.merge(actor, records, Long::sum);
				}
			});
		});
		Counted counted = counter.count(windowStarts, counts, offHours);
		Map<String, Long> before = counted.before();
		int threshold = this.properties.massReadThreshold();
		readsByActor.forEach((actor, reads) -> {
			long was = before.getOrDefault(actor, 0L);
			long now = was + added.getOrDefault(actor, 0L);
			if (was <= threshold && now > threshold) {
				AuditEvent latest = reads.stream().max(BY_TIME).orElseThrow();
				Instant raisedAt = this.clock.instant();
				this.alerts
					.raiseMassRead(actor, latest.actorRole(), windowStarts.get(actor), latest.occurredAt(), now,
							raisedAt)
					.ifPresent((id) -> raised.add(alertEvent(AuditAlert.MASS_READ, id, raisedAt)));
			}
		});
		return counted;
	}

	private List<AuditAlerts.OffHoursCount> offHours(String actor, List<AuditEvent> reads) {
		Map<WorkingHours.Period, List<AuditEvent>> byPeriod = new LinkedHashMap<>();
		for (AuditEvent read : reads) {
			if (!this.hours.contain(read.occurredAt())) {
				byPeriod.computeIfAbsent(this.hours.offHoursAround(read.occurredAt()), (p) -> new ArrayList<>())
					.add(read);
			}
		}
		List<AuditAlerts.OffHoursCount> counts = new ArrayList<>();
		byPeriod.forEach((period, inPeriod) -> {
			long records = inPeriod.stream().mapToLong((read) -> read.targetIds().size()).sum();
			AuditEvent last = inPeriod.stream().max((a, b) -> a.occurredAt().compareTo(b.occurredAt())).orElseThrow();
			counts.add(new AuditAlerts.OffHoursCount(actor, last.actorRole(), period, records, last.occurredAt(),
					this.clock.instant()));
		});
		return counts;
	}

	/**
	 * Runs {@link AuditAlerts#COUNT_READS}: adds the records read per actor and minute
	 * and returns each actor's count in their window before them.
	 */
	@FunctionalInterface
	interface ReadCounter {

		/**
		 * Adds the reads to the per-minute counts ({@link AuditAlerts#COUNT_READS}) and
		 * the off-hours ones to their alerts ({@link AuditAlerts#COUNT_OFF_HOURS}).
		 */
		Counted count(Map<String, Instant> windowStarts, List<AuditAlerts.ReadCount> counts,
				List<AuditAlerts.OffHoursCount> offHours);

	}

	/**
	 * Each actor's count in their window before the reads, and for each off-hours count,
	 * in order, the id of the alert it raised, if it raised one.
	 */
	record Counted(Map<String, Long> before, List<Optional<Long>> raisedOffHours) {
	}

	/** The audit event that records a new alert: the system raised it. */
	static AuditEvent alertEvent(String kind, long alertId, Instant now) {
		return AuditEvent.builder(now, CurrentActor.SYSTEM, CurrentActor.SYSTEM, "audit.alert-" + kind)
			.target(alertId)
			.purpose("security-monitoring")
			.build();
	}

}
