package io.tutela.traffic;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.tutela.policy.Policies;
import io.tutela.records.Tags;
import io.tutela.web.ConsolePage;
import io.tutela.web.InvalidInputException;

/**
 * Console pages: the operators' traffic search within the operational window, and a
 * subscriber's calls of a billing period (reached from the subject 360).
 */
@Controller
@ConsolePage
class TrafficPages {

	static final String SEARCH = "traffic/search";

	static final String BILL = "traffic/bill";

	static final int PAGE = 50;

	private final ReadingTraffic reading;

	private final Policies policies;

	private final Clock clock;

	TrafficPages(ReadingTraffic reading, Policies policies, Clock clock) {
		this.reading = reading;
		this.policies = policies;
		this.clock = clock;
	}

	@GetMapping("/controllers/{controllerId}/traffic")
	String search(@PathVariable String controllerId, @RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable LocalDate from,
			@RequestParam(required = false) @Nullable LocalDate to, @RequestParam(defaultValue = "0") int page,
			Model model) {
		ZoneId zone = common(controllerId, model);
		model.addAttribute("number", (number != null) ? number : "");
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("page", Math.max(page, 0));
		if (number == null || number.isBlank()) {
			return SEARCH;
		}
		try {
			Instant start = (from != null) ? from.atStartOfDay(zone).toInstant() : null;
			Instant end = (to != null) ? to.plusDays(1).atStartOfDay(zone).toInstant() : null;
			model.addAttribute("result",
					this.reading.cdrs(controllerId,
							new TrafficRecords.Filter(null, ReadingTraffic.number(number), null, start, end),
							Math.max(page, 0), PAGE));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("invalid", ex.errors().get(0).message());
		}
		catch (Tags.NotInPolicyException ex) {
			model.addAttribute("notInPolicy", true);
		}
		return SEARCH;
	}

	@GetMapping("/controllers/{controllerId}/subjects/{subjectId}/cdrs")
	String bill(@PathVariable String controllerId, @PathVariable UUID subjectId,
			@RequestParam(required = false) @Nullable String period, Model model) {
		ZoneId zone = common(controllerId, model);
		YearMonth month = YearMonth.from(this.clock.instant().atZone(zone));
		model.addAttribute("subjectId", subjectId);
		try {
			if (period != null && !period.isBlank()) {
				month = ReadingTraffic.period(period);
			}
			model.addAttribute("bill", this.reading.billingPeriod(controllerId, subjectId, month));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("invalid", ex.errors().get(0).message());
		}
		catch (Tags.NotInPolicyException ex) {
			model.addAttribute("notInPolicy", true);
		}
		model.addAttribute("period", (period != null && !period.isBlank()) ? period.strip() : month.toString());
		return BILL;
	}

	private ZoneId common(String controllerId, Model model) {
		ZoneId zone = this.policies.current(controllerId).controller().timezone();
		model.addAttribute("controller", this.policies.controller(controllerId));
		model.addAttribute("zone", zone.getId());
		return zone;
	}

}
