package io.tutela.breach;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.tutela.web.DashboardSource;

/**
 * The breach clocks on the dashboard: breaches still to notify, late ones, those due
 * within a day, and the others; the same breaches the register's open list shows.
 */
@Component
class BreachFigures implements DashboardSource {

	/** How soon a deadline counts as near. */
	static final Duration NEAR = Duration.ofHours(24);

	private final Breaches breaches;

	BreachFigures(Breaches breaches) {
		this.breaches = breaches;
	}

	@Override
	public List<Figure> figures(String controllerId, Instant now) {
		List<Breach> open = this.breaches.list(controllerId, true, 0, Integer.MAX_VALUE);
		long late = 0;
		long near = 0;
		for (Breach b : open) {
			BreachClock clock = BreachClock.of(b.deadline(), b.authorityNotifiedAt(), b.notifyAuthority(), now);
			if (clock.late()) {
				late++;
			}
			else if (Duration.between(now, b.deadline()).compareTo(NEAR) <= 0) {
				near++;
			}
		}
		String list = "/controllers/" + controllerId + "/breaches?open=true";
		return List.of(new Figure("breaches-open", "dashboard.breaches", open.size(),
				(late > 0) ? "late" : ((near > 0) ? "warn" : "ok"), list,
				List.of(new Bar("dashboard.breaches.late", late, "late", list),
						new Bar("dashboard.breaches.near", near, "warn", list),
						new Bar("dashboard.breaches.later", open.size() - late - near, "ok", list)),
				10));
	}

}
