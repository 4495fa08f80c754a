package io.tutela.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;
import io.tutela.web.DashboardSource;

/**
 * Rights requests on the dashboard: the open ones, the overdue, and those due within a
 * week (overdue included), each the count of the queue's list it links to.
 */
@Component
class RequestFigures implements DashboardSource {

	/** The days ahead that count as near. */
	static final int NEAR_DAYS = 7;

	private final RightsRequests requests;

	private final Policies policies;

	RequestFigures(RightsRequests requests, Policies policies) {
		this.requests = requests;
		this.policies = policies;
	}

	@Override
	public List<Figure> figures(String controllerId, Instant now) {
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		LocalDate today = LocalDate.ofInstant(now, zone);
		RightsRequests.OpenCounts counts = this.requests.countOpen(controllerId, today, today.plusDays(NEAR_DAYS + 1L));
		long open = counts.open();
		long overdue = counts.overdue();
		long near = counts.dueBefore();
		String list = "/controllers/" + controllerId + "/requests";
		return List.of(new Figure("requests-open", "dashboard.requests", open,
				(overdue > 0) ? "late" : ((near > 0) ? "warn" : "ok"), list + "?show=all",
				List.of(new Bar("dashboard.requests.overdue", overdue, "late", list + "?show=overdue"),
						new Bar("dashboard.requests.near", near, "warn", list + "?show=near&within=" + NEAR_DAYS)),
				20));
	}

}
