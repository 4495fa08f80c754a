package io.tutela.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many anomaly alerts were raised since an instant, by kind (for the dashboard). */
@Component
public class AlertCounts {

	private final JdbcClient jdbc;

	AlertCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Map<String, Long> since(Instant from) {
		Map<String, Long> counts = new TreeMap<>();
		counts.put(AuditAlert.MASS_READ, 0L);
		counts.put(AuditAlert.OFF_HOURS, 0L);
		this.jdbc.sql("SELECT kind, count(*) AS n FROM audit_alert WHERE raised_at >= :from GROUP BY kind")
			.param("from", Timestamp.from(from))
			.query((rs) -> {
				counts.put(rs.getString("kind"), rs.getLong("n"));
			});
		return counts;
	}

}
