package io.tutela.audit;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the anomaly alerts ({@code tutela.audit.*}).
 *
 * @param massReadThreshold an actor who reads more records than this within the window
 * raises a mass-read alert
 * @param massReadWindow the window of the mass-read count, in whole minutes
 * @param workingHours the working hours, as {@code HH:mm-HH:mm}; reads of personal data
 * outside them raise an off-hours alert
 * @param zone the time zone of the working hours and of the console's times
 * @param synchronousReads whether the record of a read of personal data that commits on
 * its own waits, like every other, until PostgreSQL has flushed it to disk; by default it
 * does not (see {@link AuditLog})
 */
@ConfigurationProperties("tutela.audit")
record AuditProperties(@DefaultValue("500") int massReadThreshold, @DefaultValue("PT10M") Duration massReadWindow,
		@DefaultValue("07:00-20:00") String workingHours, @DefaultValue("Europe/Rome") ZoneId zone,
		@DefaultValue("false") boolean synchronousReads) {

	AuditProperties {
		if (massReadThreshold < 1) {
			throw new IllegalArgumentException("tutela.audit.mass-read-threshold must be at least 1");
		}
		if (massReadWindow.compareTo(Duration.ofMinutes(1)) < 0
				|| !massReadWindow.equals(Duration.ofMinutes(massReadWindow.toMinutes()))) {
			throw new IllegalArgumentException("tutela.audit.mass-read-window must be a whole number of minutes");
		}
		WorkingHours.parse(workingHours, zone);
	}

	static AuditProperties defaults() {
		return new AuditProperties(500, Duration.ofMinutes(10), "07:00-20:00", ZoneId.of("Europe/Rome"), false);
	}

	WorkingHours hours() {
		return WorkingHours.parse(this.workingHours, this.zone);
	}

}
