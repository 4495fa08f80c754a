package io.tutela.audit;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What must still hold for an event to be appended: an SQL condition with named
 * parameters ({@code :name}, null values allowed), evaluated in the append's own round
 * trip and transaction, just before it. For a caller that answered from what it holds in
 * memory and learns only then, at no cost of a round trip of its own, whether that was
 * still current.
 *
 * @param condition a boolean SQL expression
 * @param params the values of its named parameters
 */
public record Precondition(String condition, Map<String, ?> params) {

	public Precondition {
		params = Collections.unmodifiableMap(new HashMap<>(params));
	}

	/** Both this and another condition; a parameter both name must have one value. */
	public Precondition and(String other, Map<String, ?> otherParams) {
		Map<String, Object> all = new HashMap<>(this.params);
		otherParams.forEach((name, value) -> {
			if (all.containsKey(name) && !Objects.equals(all.get(name), value)) {
				throw new IllegalArgumentException("two values for :" + name);
			}
			all.put(name, value);
		});
		return new Precondition("(" + this.condition + ") AND (" + other + ")", all);
	}

}
