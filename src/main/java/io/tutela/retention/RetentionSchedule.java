package io.tutela.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.tutela.policy.ControllerSummary;
import io.tutela.policy.Policies;

/**
 * Retention on a schedule: when {@code tutela.retention.schedule.enabled}, each
 * controller's rules run as of the day (in its time zone) on the cron of
 * {@code tutela.retention.schedule.controllers.<id>}, or {@code ...schedule.cron} (a
 * controller given {@code -} is left out); a run left unfinished resumes first.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(RetentionSchedule.Settings.class)
class RetentionSchedule implements SchedulingConfigurer {

	private static final Log log = LogFactory.getLog(RetentionSchedule.class);

	/** The schedule's settings. */
	@ConfigurationProperties("tutela.retention.schedule")
	record Settings(boolean enabled, String cron, Map<String, String> controllers) {

		Settings {
			cron = (cron != null) ? cron : "0 30 2 * * *";
			controllers = (controllers != null) ? controllers : Map.of();
		}

	}

	private final Settings settings;

	private final Policies policies;

	private final RetentionRuns runs;

	private final Clock clock;

	RetentionSchedule(Settings settings, Policies policies, RetentionRuns runs, Clock clock) {
		this.settings = settings;
		this.policies = policies;
		this.runs = runs;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (!this.settings.enabled()) {
			return;
		}
		for (ControllerSummary controller : this.policies.controllers()) {
			String cron = this.settings.controllers().getOrDefault(controller.id(), this.settings.cron());
			if (!"-".equals(cron)) {
				registrar.addCronTask(() -> scheduled(controller.id()), cron);
			}
		}
	}

	/** One scheduled run: the unfinished runs of the controller resumed, then today's. */
	void scheduled(String controllerId) {
		try {
			for (RetentionRuns.Report unfinished : this.runs.unfinished()) {
				if (unfinished.controllerId().equals(controllerId)) {
					this.runs.run(controllerId, unfinished.asOf(), unfinished.dryRun(), "schedule");
				}
			}
			LocalDate today = LocalDate.ofInstant(this.clock.instant(),
					this.policies.current(controllerId).controller().timezone());
			this.runs.run(controllerId, today, false, "schedule");
		}
		catch (RuntimeException ex) {
			log.error("Scheduled retention run failed for a controller: " + ex.getClass().getSimpleName());
		}
	}

}
