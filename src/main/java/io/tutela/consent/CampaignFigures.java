package io.tutela.consent;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;
import io.tutela.web.DashboardSource;

/**
 * Stale campaign checks on the dashboard, for controllers that check the opposition
 * register: the campaigns whose newest check may no longer be dialled, the same ones the
 * campaign-check list shows with {@code stale=true}.
 */
@Component
class CampaignFigures implements DashboardSource {

	private final CheckingCampaigns checking;

	private final Policies policies;

	CampaignFigures(CheckingCampaigns checking, Policies policies) {
		this.checking = checking;
		this.policies = policies;
	}

	@Override
	public List<Figure> figures(String controllerId, Instant now) {
		if (!Terms.of(this.policies.current(controllerId)).oppositionRegister()) {
			return List.of();
		}
		long stale = this.checking.staleCampaigns(controllerId).size();
		String list = "/controllers/" + controllerId + "/campaign-checks?stale=true";
		return List.of(new Figure("campaigns-stale", "dashboard.campaigns", stale, (stale > 0) ? "warn" : "ok", list,
				List.of(), 30));
	}

}
