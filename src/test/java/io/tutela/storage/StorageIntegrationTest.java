package io.tutela.storage;

import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.TutelaApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where Tutela keeps its data: the embedded server under the data directory, or an
 * external one.
 */
class StorageIntegrationTest {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(TutelaApplication.class)
			.properties("TUTELA_PORT=0", "tutela.demo.subjects=5")
			.properties(properties)
			.run();
	}

	@Test
	void theEmbeddedDatabaseLivesUnderTheDataDirectoryAndSurvivesARestart() {
		try (ConfigurableApplicationContext app = start("TUTELA_DATA_DIR=" + this.dataDir)) {
			assertThat(app.containsBean("embeddedPostgres")).isTrue();
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			jdbc.sql("INSERT INTO controller (id, name, role) VALUES ('restart-probe', 'kept', 'controller')").update();
			assertThatThrownBy(() -> jdbc.sql("CREATE TABLE intruder (x int)").update())
				.as("the application's role owns nothing and creates nothing")
				.rootCause()
				.hasMessageContaining("permission denied for schema public");
		}
		assertThat(this.dataDir.resolve("pg").resolve("PG_VERSION")).exists();
		try (ConfigurableApplicationContext app = start("TUTELA_DATA_DIR=" + this.dataDir)) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT name FROM controller WHERE id = 'restart-probe'").query(String.class).single())
				.isEqualTo("kept");
			assertThat(jdbc.sql("SELECT current_setting('synchronous_commit') || ' ' || current_setting('fsync')")
				.query(String.class)
				.single()).as("a commit is durable before it is acknowledged").isEqualTo("on on");
			assertThat(jdbc.sql("SELECT current_setting('wal_writer_delay')").query(String.class).single())
				.as("what commits without waiting (the records of reads) is flushed soon after")
				.isEqualTo("10ms");
			assertThat(jdbc.sql("SELECT count(*) FROM policy_version WHERE origin = 'seed' AND version > 1")
				.query(Integer.class)
				.single()).as("a restart does not load the shipped policies again").isZero();
		}
	}

	@Test
	void anExternalDatabaseIsUsedWhenConfiguredAndNoEmbeddedServerStarts() throws Exception {
		try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
			String url = external.getJdbcUrl("postgres", "postgres");
			try (ConfigurableApplicationContext app = start("TUTELA_DB_URL=" + url, "TUTELA_DB_USER=postgres",
					"TUTELA_DB_PASSWORD=", "TUTELA_DATA_DIR=" + this.dataDir)) {
				assertThat(app.containsBean("embeddedPostgres")).isFalse();
				assertThat(Files.exists(this.dataDir.resolve("pg"))).isFalse();
				JdbcClient direct = JdbcClient.create(external.getPostgresDatabase());
				assertThat(direct.sql("SELECT count(*) FROM controller").query(Integer.class).single())
					.as("the schema and the shipped policies are in the external database")
					.isPositive();
			}
		}
	}

}
