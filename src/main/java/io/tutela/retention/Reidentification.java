package io.tutela.retention;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.web.NotFoundException;

/**
 * Re-identification of a pseudonym: the only way back from a token to the value it
 * replaced. The table of values lives in its own schema the application's role cannot
 * read; this service calls the one function that answers for a single token, and only for
 * the DPO (see SecurityConfiguration), auditing every call.
 */
@Service
class Reidentification {

	private final JdbcClient jdbc;

	private final Auditing auditing;

	Reidentification(JdbcClient jdbc, Auditing auditing) {
		this.jdbc = jdbc;
		this.auditing = auditing;
	}

	String reveal(String controllerId, String token) {
		String value = this.jdbc.sql("SELECT pseudonym_reveal(:c, :t)")
			.param("c", controllerId)
			.param("t", token)
			.query(String.class)
			.optional()
			.orElse(null);
		if (value == null) {
			this.auditing.record("retention.reidentify", io.tutela.audit.AuditEvent.FAILURE, controllerId, null,
					List.of(token));
			throw new NotFoundException("pseudonym", token);
		}
		this.auditing.success("retention.reidentify", controllerId, null, List.of(token));
		return value;
	}

}
