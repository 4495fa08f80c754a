package io.tutela.requests;

import java.util.Locale;

/**
 * Where a rights request stands: received, then identity verified, then in progress, then
 * closed.
 */
enum RequestState {

	RECEIVED, IDENTITY_VERIFIED, IN_PROGRESS, ANSWERED, DENIED;

	boolean open() {
		return this != ANSWERED && this != DENIED;
	}

	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	static RequestState of(String key) {
		return valueOf(key.toUpperCase(Locale.ROOT));
	}

}
