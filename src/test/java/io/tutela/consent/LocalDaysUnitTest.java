package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalDaysUnitTest {

	static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Rome"), ZoneId.of("America/New_York"),
			ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"), ZoneOffset.ofHours(-3), ZoneId.of("UTC"));

	@Test
	void givesTheDateLocalDateGivesAroundEveryChangeOfOffsetInRome() {
		ZoneId rome = ZoneId.of("Europe/Rome");
		var rules = rome.getRules();
		var transition = rules.nextTransition(Instant.parse("1965-01-01T00:00:00Z"));
		int checked = 0;
		while (transition != null && transition.getInstant().isBefore(Instant.parse("2060-01-01T00:00:00Z"))) {
			for (long delta : new long[] { -3601, -1, 0, 1, 3599, 3600 }) {
				Instant at = transition.getInstant().plusSeconds(delta);
				assertThat(LocalDays.dateOf(at, rome)).as(at.toString()).isEqualTo(LocalDate.ofInstant(at, rome));
				checked++;
			}
			transition = rules.nextTransition(transition.getInstant());
		}
		assertThat(checked).isGreaterThan(500);
		// the night of the change to summer time in 2026: 29 March, 01:00 UTC
		assertThat(LocalDays.dateOf(Instant.parse("2026-03-28T22:59:59Z"), rome)).isEqualTo(LocalDate.of(2026, 3, 28));
		assertThat(LocalDays.dateOf(Instant.parse("2026-03-28T23:00:00Z"), rome)).isEqualTo(LocalDate.of(2026, 3, 29));
		assertThat(LocalDays.dateOf(Instant.parse("2026-10-24T21:59:59Z"), rome)).isEqualTo(LocalDate.of(2026, 10, 24));
		assertThat(LocalDays.dateOf(Instant.parse("2026-10-24T22:00:00Z"), rome)).isEqualTo(LocalDate.of(2026, 10, 25));
	}

	@Test
	void givesTheDateLocalDateGivesAtRandomInstantsInManyZonesAndOutsideTheTable() {
		Random random = new Random(11);
		long from = Instant.parse("1850-01-01T00:00:00Z").getEpochSecond();
		long to = Instant.parse("2250-01-01T00:00:00Z").getEpochSecond();
		for (ZoneId zone : ZONES) {
			for (int i = 0; i < 20_000; i++) {
				Instant at = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
				assertThat(LocalDays.dateOf(at, zone)).as(zone + " " + at).isEqualTo(LocalDate.ofInstant(at, zone));
			}
		}
	}

}
