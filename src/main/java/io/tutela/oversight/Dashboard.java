package io.tutela.oversight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.tutela.audit.AlertCounts;
import io.tutela.audit.Auditing;
import io.tutela.identity.ControllerScope;
import io.tutela.identity.StaffPrincipal;
import io.tutela.policy.ControllerSummary;
import io.tutela.policy.Policies;
import io.tutela.web.ConsolePage;
import io.tutela.web.DashboardSource;
import io.tutela.web.DashboardSource.Figure;

/**
 * The DPO's dashboard: for each controller the user may see, the figures every module
 * contributes (breach clocks, outbox failures, …), each a number that links to the list
 * it counts, with a bar chart of its parts.
 */
@Controller
@ConsolePage
class Dashboard {

	private final List<DashboardSource> sources;

	private final Policies policies;

	private final Auditing auditing;

	private final Clock clock;

	private final ControllerScope scope;

	private final AlertCounts alerts;

	/** The period of the anomaly alerts counted. */
	static final Duration ALERT_PERIOD = Duration.ofDays(30);

	Dashboard(List<DashboardSource> sources, Policies policies, Auditing auditing, Clock clock, ControllerScope scope,
			AlertCounts alerts) {
		this.scope = scope;
		this.alerts = alerts;
		this.sources = sources;
		this.policies = policies;
		this.auditing = auditing;
		this.clock = clock;
	}

	/** A controller and its figures. */
	record Panel(ControllerSummary controller, List<Figure> figures) {

		/** The largest part of any figure, the scale of the charts. */
		public long scale() {
			return Math.max(1,
					this.figures.stream()
						.flatMap((f) -> f.bars().stream())
						.mapToLong(DashboardSource.Bar::value)
						.max()
						.orElse(1));
		}

	}

	@GetMapping("/dashboard")
	String all(Model model) {
		Instant now = this.clock.instant();
		List<Panel> panels = new ArrayList<>();
		for (ControllerSummary controller : this.policies.visibleControllers()) {
			panels.add(panel(controller, now));
		}
		model.addAttribute("panels", panels);
		if (this.scope.current().map(StaffPrincipal::allControllers).orElse(false)) {
			// the alerts span every controller: shown only to those who see them all
			Map<String, Long> counts = this.alerts.since(now.minus(ALERT_PERIOD));
			long total = counts.values().stream().mapToLong(Long::longValue).sum();
			List<DashboardSource.Bar> bars = counts.entrySet()
				.stream()
				.map((e) -> new DashboardSource.Bar("dashboard.alerts." + e.getKey(), e.getValue(), "late",
						"/audit/alerts"))
				.toList();
			model.addAttribute("alerts", new Figure("alerts", "dashboard.alerts", total, (total > 0) ? "late" : "ok",
					"/audit/alerts", bars, 0));
			model.addAttribute("alertScale",
					Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1)));
		}
		this.auditing.success("dashboard.read", null, null, List.of());
		return "oversight/dashboard";
	}

	@GetMapping("/controllers/{controllerId}/dashboard")
	String one(@PathVariable String controllerId, Model model) {
		model.addAttribute("panels", List.of(panel(this.policies.controller(controllerId), this.clock.instant())));
		this.auditing.success("dashboard.read", controllerId, null, List.of());
		return "oversight/dashboard";
	}

	private Panel panel(ControllerSummary controller, Instant now) {
		List<Figure> figures = new ArrayList<>();
		for (DashboardSource source : this.sources) {
			figures.addAll(source.figures(controller.id(), now));
		}
		figures.sort(Comparator.comparingInt(Figure::order));
		return new Panel(controller, figures);
	}

}
