package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calendar date of an instant in a zone, as {@link LocalDate#ofInstant} gives it,
 * from the zone's offsets laid out once in arrays (the offset of each day, and for the
 * days it changes the instants it changes at): a campaign check asks for millions of
 * dates, and looking the offset up in the zone's rules each time is most of its work.
 * Instants outside 1900–2200 are left to {@link LocalDate#ofInstant}.
 */
final class LocalDays {

	private static final Map<ZoneId, LocalDays> ZONES = new ConcurrentHashMap<>();

	private static final long FROM = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();

	private static final long TO = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();

	private static final int SECONDS_PER_DAY = 86_400;

	private final ZoneId zone;

	/** The instants (epoch seconds) from which each offset holds, ascending. */
	private final long[] starts;

	private final int[] offsets;

	/**
	 * The offset in force through each whole day (UTC) from 1900, or {@link #MIXED} for a
	 * day during which it changes.
	 */
	private final int[] dayOffsets;

	private static final int MIXED = Integer.MIN_VALUE;

	private LocalDays(ZoneId zone) {
		this.zone = zone;
		ZoneRules rules = zone.getRules();
		List<Long> starts = new ArrayList<>();
		List<Integer> offsets = new ArrayList<>();
		starts.add(FROM);
		offsets.add(rules.getOffset(Instant.ofEpochSecond(FROM)).getTotalSeconds());
		ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(FROM));
		while (next != null && next.getInstant().getEpochSecond() < TO) {
			starts.add(next.getInstant().getEpochSecond());
			offsets.add(next.getOffsetAfter().getTotalSeconds());
			next = rules.nextTransition(next.getInstant());
		}
		this.starts = starts.stream().mapToLong(Long::longValue).toArray();
		this.offsets = offsets.stream().mapToInt(Integer::intValue).toArray();
		this.dayOffsets = new int[(int) ((TO - FROM) / SECONDS_PER_DAY)];
		int holding = 0;
		for (int day = 0; day < this.dayOffsets.length; day++) {
			long start = FROM + (long) day * SECONDS_PER_DAY;
			while (holding + 1 < this.starts.length && this.starts[holding + 1] <= start) {
				holding++;
			}
			boolean changes = holding + 1 < this.starts.length && this.starts[holding + 1] < start + SECONDS_PER_DAY;
			this.dayOffsets[day] = changes ? MIXED : this.offsets[holding];
		}
	}

	/** The date of the instant in the zone. */
	static LocalDate dateOf(Instant instant, ZoneId zone) {
		if (zone instanceof ZoneOffset offset) {
			return LocalDate
				.ofEpochDay(Math.floorDiv(instant.getEpochSecond() + offset.getTotalSeconds(), SECONDS_PER_DAY));
		}
		return ZONES.computeIfAbsent(zone, LocalDays::new).date(instant);
	}

	private LocalDate date(Instant instant) {
		long second = instant.getEpochSecond();
		if (second < FROM || second >= TO) {
			return LocalDate.ofInstant(instant, this.zone);
		}
		int offset = this.dayOffsets[(int) ((second - FROM) / SECONDS_PER_DAY)];
		if (offset == MIXED) {
			int at = Arrays.binarySearch(this.starts, second);
			offset = this.offsets[(at >= 0) ? at : -at - 2];
		}
		return LocalDate.ofEpochDay(Math.floorDiv(second + offset, SECONDS_PER_DAY));
	}

}
