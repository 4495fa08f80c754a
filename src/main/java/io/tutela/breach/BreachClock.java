package io.tutela.breach;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a breach stands against the deadline to notify the authority.
 *
 * @param state {@code notified} (on time or late), {@code not_required} (decided not to
 * notify), {@code due} (time left), {@code late} (deadline passed, not notified)
 * @param minutesLeft minutes to the deadline while due, negative once late
 */
record BreachClock(String state, Instant deadline, long minutesLeft, boolean late) {

	static BreachClock of(Instant deadline, @Nullable Instant notifiedAt, @Nullable Boolean notifyAuthority,
			Instant now) {
		if (notifiedAt != null) {
			return new BreachClock("notified", deadline, Duration.between(notifiedAt, deadline).toMinutes(),
					notifiedAt.isAfter(deadline));
		}
		long left = Duration.between(now, deadline).toMinutes();
		if (Boolean.FALSE.equals(notifyAuthority)) {
			return new BreachClock("not_required", deadline, left, false);
		}
		boolean late = now.isAfter(deadline);
		return new BreachClock(late ? "late" : "due", deadline, left, late);
	}

	/**
	 * Hours left, a started hour counted whole; hours late (likewise) as a negative
	 * number.
	 */
	public long hoursLeft() {
		return (this.minutesLeft >= 0) ? -Math.floorDiv(-this.minutesLeft, 60) : Math.floorDiv(this.minutesLeft, 60);
	}

}
