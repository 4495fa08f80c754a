package io.tutela;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the whole application on a real, embedded PostgreSQL in a fresh temporary
 * directory. Every test class with this annotation shares one application context and one
 * database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tutela.storage.ephemeral=true", "tutela.identity.bootstrap-token=" + Http.BOOTSTRAP_TOKEN,
				"tutela.demo.subjects=30",
				// portability deliveries are sent by the tests themselves, not by the
				// scheduled round
				"tutela.portability.poll=PT1H",
				// traffic records are sealed into the vault by the tests and by retention
				// runs, not by the scheduled round
				"tutela.traffic.sealing.poll=PT1H", "tutela.consent.index-refresh=PT1H" })
public @interface TutelaIntegrationTest {

}
