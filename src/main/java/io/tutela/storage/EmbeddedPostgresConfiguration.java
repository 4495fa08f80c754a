package io.tutela.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server from the embedded binaries when no external database is
 * configured ({@code TUTELA_DB_URL} unset). Its data directory survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

	static final String APP_ROLE = "tutela_app";

	/** The justice vault's own role (created by the migrations). */
	static final String VAULT_ROLE = "tutela_vault";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(StorageProperties storage) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setServerConfig("max_connections", "200")
			.setServerConfig("wal_level", "logical")
			.setLocaleConfig("encoding", "UTF8")
			.setLocaleConfig("locale", "C.UTF-8")
			.setPGStartupWait(java.time.Duration.ofSeconds(60));
		if (!storage.ephemeral()) {
			// what is acknowledged survives a killed process: the embedded library turns
			// these off
			builder.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				// the records of reads commit without waiting for the flush (AuditLog):
				// the WAL writer flushes them within three times this
				.setServerConfig("wal_writer_delay", "10ms");
			// stopped when the context closes (this bean's close), after all that
			// uses it: the library's own hook would stop it at once on SIGTERM,
			// beside the context's shutdown, which then waits for connections
			builder.setRegisterShutdownHook(false);
			Path dir = storage.postgresDir().toAbsolutePath();
			Files.createDirectories(dir);
			builder.setDataDirectory(dir).setCleanDataDirectory(false);
			log.info("Embedded PostgreSQL data directory: {}", dir);
		}
		return builder.start();
	}

	/**
	 * The application's own database role: it owns nothing, and may not change what the
	 * migrations protect (the audit log).
	 */
	@Bean
	@Primary
	DataSource dataSource(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE
					+ "') THEN CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the application's database role", ex);
		}
		return pool(postgres, APP_ROLE, "tutela", 10);
	}

	/** The owner of the schema, used only by the migrations. */
	@Bean
	@FlywayDataSource
	DataSource migrationDataSource(EmbeddedPostgres postgres) {
		return pool(postgres, "postgres", "tutela-migrations", 2);
	}

	@Bean
	FlywayConfigurationCustomizer appRolePlaceholder() {
		return (flyway) -> flyway.placeholders(Map.of("appRole", APP_ROLE, "vaultRole", VAULT_ROLE));
	}

	private static HikariDataSource pool(EmbeddedPostgres postgres, String user, String name, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(postgres.getJdbcUrl(user, "postgres"));
		config.setUsername(user);
		config.setMaximumPoolSize(size);
		config.setPoolName(name);
		return new HikariDataSource(config);
	}

}
