package io.tutela.requests;

import java.util.Locale;

/**
 * The documents that prove who asks: the person's own, and a delegate's proxy and
 * document.
 */
enum ProofKind {

	IDENTITY_DOCUMENT, PROXY, DELEGATE_DOCUMENT;

	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ProofKind of(String key) {
		return valueOf(key.strip().toUpperCase(Locale.ROOT));
	}

}
