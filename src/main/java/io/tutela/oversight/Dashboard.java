package io.tutela.oversight;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.tutela.audit.Auditing;
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

	Dashboard(List<DashboardSource> sources, Policies policies, Auditing auditing, Clock clock) {
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
