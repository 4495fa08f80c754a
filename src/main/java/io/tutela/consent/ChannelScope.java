package io.tutela.consent;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy.Channel;

/**
 * Which ledger entries speak for a channel (Garante, marketing guidelines of 4 July
 * 2013): consent to, or opposition against, automated channels extends to traditional
 * ones; {@code traditional} alone covers only paper mail and operator calls; one channel
 * covers itself. Among the entries that cover a channel for a purpose, the latest that
 * had happened by the time asked decides: a withdrawal acts for the future only, and a
 * consent given before 25 May 2018 is withdrawn like any other.
 */
final class ChannelScope {

	static final String AUTOMATED = "automated";

	static final String TRADITIONAL = "traditional";

	private static final Comparator<LedgerEntry> LATEST = Comparator.comparing(LedgerEntry::occurredAt)
		.thenComparing(LedgerEntry::recordedAt);

	private static final Channel[] CHANNELS = Channel.values();

	private static final String[] KEYS = java.util.Arrays.stream(CHANNELS)
		.map((c) -> c.name().toLowerCase(Locale.ROOT))
		.toArray(String[]::new);

	private ChannelScope() {
	}

	/** Whether a scope names a modality or a channel. */
	static boolean known(String scope) {
		return AUTOMATED.equals(scope) || TRADITIONAL.equals(scope) || channel(scope) != null;
	}

	static @Nullable Channel channel(String name) {
		for (int i = 0; i < KEYS.length; i++) {
			if (KEYS[i].equals(name)) {
				return CHANNELS[i];
			}
		}
		return null;
	}

	static String key(Channel channel) {
		return KEYS[channel.ordinal()];
	}

	static boolean covers(String scope, Channel channel) {
		if (AUTOMATED.equals(scope)) {
			return true;
		}
		if (TRADITIONAL.equals(scope)) {
			return !channel.automated();
		}
		return scope.equals(key(channel));
	}

	/**
	 * The entry that decides for a channel and purpose at an instant: the latest entry
	 * covering them that had occurred by then (ties: the one recorded last).
	 */
	static Optional<LedgerEntry> deciding(List<LedgerEntry> entries, String purpose, Channel channel, Instant asOf) {
		LedgerEntry latest = null;
		for (LedgerEntry e : entries) {
			if (e.purpose().equals(purpose) && covers(e.scope(), channel) && !e.occurredAt().isAfter(asOf)
					&& (latest == null || LATEST.compare(e, latest) > 0)) {
				latest = e;
			}
		}
		return Optional.ofNullable(latest);
	}

}
