package io.tutela.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;
import io.tutela.web.DashboardSource;

/**
 * Retention on the dashboard: what the rules will have made due 30 and 90 days from
 * today, per rule, each figure the total of the preview page at that day it links to.
 */
@Component
class RetentionFigures implements DashboardSource {

	/** The days ahead the dashboard looks. */
	static final int[] HORIZONS = { 30, 90 };

	private final RetentionRuns runs;

	private final Policies policies;

	RetentionFigures(RetentionRuns runs, Policies policies) {
		this.runs = runs;
		this.policies = policies;
	}

	@Override
	public List<Figure> figures(String controllerId, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, this.policies.current(controllerId).controller().timezone());
		List<Figure> figures = new ArrayList<>();
		for (int days : HORIZONS) {
			LocalDate day = today.plusDays(days);
			RetentionRuns.Report preview = this.runs.preview(controllerId, day);
			String list = "/controllers/" + controllerId + "/retention?asOf=" + day;
			List<Bar> bars = preview.rules()
				.stream()
				.filter((r) -> r.due() > 0)
				.map((r) -> new Bar(r.rule(), r.due(), "warn", list + "#rule-" + r.rule()))
				.toList();
			figures.add(new Figure("retention-" + days, "dashboard.retention." + days, preview.due(),
					(preview.due() > 0) ? "warn" : "ok", list, bars, 40 + days));
		}
		return figures;
	}

}
