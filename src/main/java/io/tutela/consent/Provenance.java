package io.tutela.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Where a number on a campaign list comes from. */
enum Provenance {

	/** A public telephone directory: callable by an operator unless registered. */
	PUBLIC_DIRECTORY,
	/** A list bought from a third party whose subjects consented to its use by others. */
	THIRD_PARTY_LIST,
	/** The controller's own customers and prospects. */
	OWN_ARCHIVE,
	/** The person asked to be called back. */
	INBOUND_CALLBACK;

	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	private static final Map<String, Provenance> BY_KEY = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(Provenance::key, (p) -> p));

	static @Nullable Provenance of(String key) {
		return BY_KEY.get(key);
	}

}
