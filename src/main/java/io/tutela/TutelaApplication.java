package io.tutela;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import io.tutela.audit.AuditCommandLine;

/**
 * Tutela: the privacy notice of an electronic-communications provider, enforced as code.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "web")
public class TutelaApplication {

	/**
	 * Starts Tutela; {@code audit …} runs the offline audit commands instead, without
	 * starting the application.
	 */
	public static void main(String[] args) {
		if (args.length > 0 && "audit".equals(args[0])) {
			System.exit(AuditCommandLine.run(args));
		}
		SpringApplication.run(TutelaApplication.class, args);
	}

	/**
	 * The clock every time-dependent operation reads when no explicit {@code asOf} is
	 * given.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
