package io.tutela;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
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

	/** Batch commands that run against the database without serving the web. */
	static final Set<String> BATCH_COMMANDS = Set.of("import", "demo");

	/**
	 * Starts Tutela; {@code audit …} runs the offline audit commands instead, without
	 * starting the application; {@code import …} and {@code demo …} run a batch command
	 * against the database and exit.
	 */
	public static void main(String[] args) {
		if (args.length > 0 && "audit".equals(args[0])) {
			System.exit(AuditCommandLine.run(args));
		}
		if (args.length > 0 && BATCH_COMMANDS.contains(args[0])) {
			SpringApplication batch = new SpringApplication(TutelaApplication.class);
			batch.setWebApplicationType(WebApplicationType.NONE);
			batch.setDefaultProperties(Map.of("tutela.demo.subjects", "0", "tutela.command", args[0]));
			System.exit(SpringApplication.exit(batch.run(args)));
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
