package io.tutela.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.tutela.web.DashboardSource;

/** The outbox on the dashboard: failures to act on, and what waits or went out. */
@Component
class OutboxFigures implements DashboardSource {

	private final OutboxMessages messages;

	OutboxFigures(OutboxMessages messages) {
		this.messages = messages;
	}

	@Override
	public List<Figure> figures(String controllerId, Instant now) {
		Map<String, Long> counts = this.messages.counts(controllerId);
		long failed = counts.getOrDefault(OutboxMessage.FAILED, 0L);
		String list = "/controllers/" + controllerId + "/outbox";
		return List.of(new Figure("outbox-failed", "dashboard.outbox", failed, (failed > 0) ? "late" : "ok",
				list + "?state=failed",
				List.of(new Bar("outbox.state.failed", failed, "late", list + "?state=failed"),
						new Bar("outbox.state.pending", counts.getOrDefault(OutboxMessage.PENDING, 0L), "warn",
								list + "?state=pending"),
						new Bar("outbox.state.sent", counts.getOrDefault(OutboxMessage.SENT, 0L), "ok",
								list + "?state=sent")),
				40));
	}

}
