package io.tutela.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyRulesUnitTest {

	static final ZoneId ROME = ZoneId.of("Europe/Rome");

	final WorkingHours hours = WorkingHours.parse("07:00-20:00", ROME);

	static Instant rome(String localDateTime) {
		return java.time.LocalDateTime.parse(localDateTime).atZone(ROME).toInstant();
	}

	@Test
	void workingHoursIncludeTheStartAndExcludeTheEndInRomeTime() {
		assertThat(this.hours.contain(rome("2025-01-15T07:00:00"))).isTrue();
		assertThat(this.hours.contain(rome("2025-01-15T19:59:59"))).isTrue();
		assertThat(this.hours.contain(rome("2025-01-15T20:00:00"))).isFalse();
		assertThat(this.hours.contain(rome("2025-01-15T06:59:59"))).isFalse();
		assertThat(this.hours.contain(rome("2025-07-15T23:00:00"))).isFalse();
		assertThat(this.hours.contain(Instant.parse("2025-07-15T05:30:00Z"))).as("07:30 in Rome, summer time").isTrue();
		assertThat(this.hours.contain(Instant.parse("2025-01-15T06:30:00Z"))).as("07:30 in Rome, winter time").isTrue();
	}

	@Test
	void anOffHoursPeriodRunsFromOneDaysCloseToTheNextDaysOpening() {
		WorkingHours.Period evening = this.hours.offHoursAround(rome("2025-01-15T23:00:00"));
		assertThat(evening.start()).isEqualTo(rome("2025-01-15T20:00:00"));
		assertThat(evening.end()).isEqualTo(rome("2025-01-16T07:00:00"));
		assertThat(this.hours.offHoursAround(rome("2025-01-16T03:00:00"))).as("the same night").isEqualTo(evening);
		assertThatThrownBy(() -> this.hours.offHoursAround(rome("2025-01-16T10:00:00")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void settingsAreChecked() {
		assertThat(WorkingHours.parse(" 08:30 - 18:00 ", ROME).start()).isEqualTo(LocalTime.of(8, 30));
		assertThatThrownBy(() -> WorkingHours.parse("20:00-07:00", ROME)).hasMessageContaining("start before");
		assertThatThrownBy(() -> WorkingHours.parse("nine to five", ROME)).hasMessageContaining("HH:mm-HH:mm");
		assertThatThrownBy(() -> new AuditProperties(500, Duration.ofSeconds(90), "07:00-20:00", ROME, false))
			.hasMessageContaining("whole number of minutes");
		assertThatThrownBy(() -> new AuditProperties(0, Duration.ofMinutes(10), "07:00-20:00", ROME, false))
			.hasMessageContaining("at least 1");
	}

	@Test
	void aMassReadIsAlertedOnceWhenTheWindowCountCrossesTheThreshold() {
		FakeAlerts alerts = new FakeAlerts();
		DetectingAnomalies detecting = detecting(alerts);
		Instant ten = rome("2025-01-15T10:00:00");
		assertThat(inspect(detecting, alerts, List.of(read("op", ten, 300)))).isEmpty();
		List<AuditEvent> raised = inspect(detecting, alerts, List.of(read("op", ten.plusSeconds(120), 201)));
		assertThat(raised).singleElement().satisfies((e) -> {
			assertThat(e.action()).isEqualTo("audit.alert-mass-read");
			assertThat(e.actor()).isEqualTo("system");
			assertThat(e.targetIds()).containsExactly("1");
		});
		assertThat(alerts.stored).singleElement().satisfies((a) -> {
			assertThat(a.kind()).isEqualTo("mass-read");
			assertThat(a.recordCount()).isEqualTo(501);
			assertThat(a.windowStart()).isEqualTo(rome("2025-01-15T09:53:00"));
			assertThat(a.windowEnd()).isEqualTo(ten.plusSeconds(120));
		});
		assertThat(inspect(detecting, alerts, List.of(read("op", ten.plusSeconds(180), 50))))
			.as("already above: no new alert")
			.isEmpty();
		assertThat(inspect(detecting, alerts, List.of(read("other", ten.plusSeconds(180), 500))))
			.as("another actor counts apart, and 500 is not more than 500")
			.isEmpty();
	}

	@Test
	void readsOlderThanTheWindowDoNotCount() {
		FakeAlerts alerts = new FakeAlerts();
		DetectingAnomalies detecting = detecting(alerts);
		Instant ten = rome("2025-01-15T10:00:00");
		inspect(detecting, alerts, List.of(read("op", ten, 400)));
		assertThat(inspect(detecting, alerts, List.of(read("op", ten.plus(Duration.ofMinutes(10)), 400)))).isEmpty();
		assertThat(alerts.counts.keySet()).as("minutes out of the window are forgotten")
			.allSatisfy((key) -> assertThat(key).endsWith(ten.plus(Duration.ofMinutes(10)).toString()));
	}

	@Test
	void aReadOutsideWorkingHoursIsAlertedOncePerActorAndNightAndCounted() {
		FakeAlerts alerts = new FakeAlerts();
		DetectingAnomalies detecting = detecting(alerts);
		List<AuditEvent> raised = inspect(detecting, alerts, List.of(read("night", rome("2025-01-15T23:00:00"), 2)));
		assertThat(raised).singleElement().satisfies((e) -> assertThat(e.action()).isEqualTo("audit.alert-off-hours"));
		assertThat(inspect(detecting, alerts, List.of(read("night", rome("2025-01-16T02:00:00"), 3)))).isEmpty();
		assertThat(alerts.stored).singleElement().satisfies((a) -> {
			assertThat(a.recordCount()).isEqualTo(5);
			assertThat(a.lastReadAt()).isEqualTo(rome("2025-01-16T02:00:00"));
		});
		assertThat(inspect(detecting, alerts, List.of(read("night", rome("2025-01-16T21:00:00"), 1))))
			.as("the next night")
			.hasSize(1);
	}

	@Test
	void writesDeniedReadsAndTheSystemAreNotWatched() {
		FakeAlerts alerts = new FakeAlerts();
		DetectingAnomalies detecting = detecting(alerts);
		Instant night = rome("2025-01-15T23:00:00");
		List<AuditEvent> events = List.of(
				AuditEvent.builder(night, "op", "OPERATOR", "subject.update").targets(ids(600)).build(),
				AuditEvent.builder(night, "op", "OPERATOR", "subject.read")
					.targets(ids(600))
					.outcome(AuditEvent.DENIED)
					.build(),
				AuditEvent.builder(night, "system", "system", "retention.read").targets(ids(600)).build());
		assertThat(inspect(detecting, alerts, events)).isEmpty();
		assertThat(alerts.stored).isEmpty();
	}

	/** The detection with the fake's counts in memory in place of the database's. */
	static List<AuditEvent> inspect(DetectingAnomalies detecting, FakeAlerts alerts, List<AuditEvent> events) {
		return detecting.inspect(events, alerts::count);
	}

	static DetectingAnomalies detecting(FakeAlerts alerts) {
		return new DetectingAnomalies(alerts, AuditProperties.defaults(),
				Clock.fixed(Instant.parse("2025-02-01T00:00:00Z"), ZoneOffset.UTC));
	}

	static AuditEvent read(String actor, Instant at, int records) {
		return AuditEvent.builder(at, actor, "OPERATOR", "subject.read")
			.controller("ipkom")
			.targets(ids(records))
			.build();
	}

	static List<Integer> ids(int count) {
		return IntStream.range(0, count).boxed().toList();
	}

	/** The alert store in memory. */
	static class FakeAlerts extends AuditAlerts {

		final Map<String, Long> counts = new HashMap<>();

		final List<AuditAlert> stored = new ArrayList<>();

		FakeAlerts() {
			super(JdbcClient.create(new SimpleDriverDataSource()));
		}

		DetectingAnomalies.Counted count(Map<String, Instant> windowStarts, List<ReadCount> counts,
				List<OffHoursCount> offHours) {
			Map<String, Long> before = countReads(windowStarts, counts);
			List<Optional<Long>> raised = new ArrayList<>();
			for (OffHoursCount c : offHours) {
				raised.add(raiseOrCountOffHours(c.actor(), c.actorRole(), c.period(), c.records(), c.lastReadAt(),
						c.raisedAt()));
			}
			return new DetectingAnomalies.Counted(before, raised);
		}

		Map<String, Long> countReads(Map<String, Instant> windowStarts, List<ReadCount> counts) {
			Map<String, Long> reads = new HashMap<>();
			windowStarts.forEach((actor, from) -> reads.put(actor,
					this.counts.entrySet()
						.stream()
						.filter((e) -> e.getKey().startsWith(actor + "@")
								&& !Instant.parse(e.getKey().substring(actor.length() + 1)).isBefore(from))
						.mapToLong(Map.Entry::getValue)
						.sum()));
			for (ReadCount count : counts) {
				this.counts.merge(count.actor() + "@" + count.minute(), count.records(), Long::sum);
			}
			windowStarts.forEach((actor, instant) -> this.counts.keySet()
				.removeIf((key) -> key.startsWith(actor + "@")
						&& Instant.parse(key.substring(actor.length() + 1)).isBefore(instant)));
			return reads;
		}

		@Override
		Optional<Long> raiseMassRead(String actor, String actorRole, Instant windowStart, Instant windowEnd,
				long records, Instant raisedAt) {
			AuditAlert alert = new AuditAlert(this.stored.size() + 1, "mass-read", actor, actorRole, windowStart,
					windowEnd, records, raisedAt, windowEnd);
			this.stored.add(alert);
			return Optional.of(alert.id());
		}

		Optional<Long> raiseOrCountOffHours(String actor, String actorRole, WorkingHours.Period period, long records,
				Instant lastReadAt, Instant raisedAt) {
			for (int i = 0; i < this.stored.size(); i++) {
				AuditAlert a = this.stored.get(i);
				if (a.actor().equals(actor) && a.kind().equals("off-hours") && a.windowStart().equals(period.start())) {
					this.stored.set(i, new AuditAlert(a.id(), a.kind(), actor, actorRole, a.windowStart(),
							a.windowEnd(), a.recordCount() + records, a.raisedAt(), lastReadAt));
					return Optional.empty();
				}
			}
			AuditAlert alert = new AuditAlert(this.stored.size() + 1, "off-hours", actor, actorRole, period.start(),
					period.end(), records, raisedAt, lastReadAt);
			this.stored.add(alert);
			return Optional.of(alert.id());
		}

	}

}
