package io.tutela.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.Policy.Channel;

/**
 * The promises of a controller's policy that contact decisions apply: its marketing
 * purpose and channels, soft spam, how long marketing contact data last, and the periods
 * of the opposition register. Nothing here is a literal: it all comes from the policy.
 */
record Terms(@Nullable String marketingPurpose, Set<Channel> channels, boolean softSpam, @Nullable Period contactExpiry,
		boolean oppositionRegister, @Nullable Period registerGrace, @Nullable Period checkValidity, ZoneId zone) {

	/** The calendar date of an instant in the controller's zone. */
	LocalDate date(Instant instant) {
		return LocalDays.dateOf(instant, this.zone);
	}

	static Terms of(Policy policy) {
		Policy.Marketing m = policy.marketing();
		ZoneId zone = policy.controller().timezone();
		if (m == null) {
			return new Terms(null, Set.of(), false, null, false, null, null, zone);
		}
		return new Terms(m.purpose(), Set.copyOf(m.channels()), m.softSpam(), m.contactExpiry(), m.oppositionRegister(),
				m.oppositionRegisterGrace(), m.campaignCheckValidity(), zone);
	}

	boolean marketing(String purpose) {
		return purpose.equals(this.marketingPurpose);
	}

}
