package io.tutela.retention;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a run (or a part of it) found and did, rule by rule: due, done, held. */
final class Tally {

	final Map<String, long[]> counts = new LinkedHashMap<>();

	private long[] of(String rule) {
		return this.counts.computeIfAbsent(rule, (r) -> new long[3]);
	}

	void due(String rule, long n) {
		of(rule)[0] += n;
	}

	void done(String rule, long n) {
		of(rule)[1] += n;
	}

	void held(String rule, long n) {
		of(rule)[2] += n;
	}

	long due(String rule) {
		return of(rule)[0];
	}

	long done(String rule) {
		return of(rule)[1];
	}

	long held(String rule) {
		return of(rule)[2];
	}

}
