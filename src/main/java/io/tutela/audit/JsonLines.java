package io.tutela.audit;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export format: one {@link AuditEntry} per line as a JSON object, written and read
 * the same way inside the application and by the offline verifier.
 */
final class JsonLines {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private JsonLines() {
	}

	static byte[] write(AuditEntry entry) {
		return MAPPER.writeValueAsBytes(entry);
	}

	/**
	 * Reads one line.
	 * @throws tools.jackson.core.JacksonException when the line is not an audit entry
	 */
	static AuditEntry read(String line) {
		return MAPPER.readValue(line, AuditEntry.class);
	}

}
