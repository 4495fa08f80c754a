package io.tutela.storage;

import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An external PostgreSQL ({@code TUTELA_DB_URL}). The application connects as
 * {@code TUTELA_DB_USER}; when {@code TUTELA_DB_MIGRATION_USER} is given, the migrations
 * run as that (owning) role and grant the application role only what it needs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
class ExternalDatabaseConfiguration {

	@Bean
	FlywayConfigurationCustomizer appRolePlaceholder(@Value("${spring.datasource.username:}") String appUser,
			@Value("${tutela.vault.username:tutela_vault}") String vaultUser) {
		return (flyway) -> flyway
			.placeholders(Map.of("appRole", appUser.isEmpty() ? "CURRENT_USER" : appUser, "vaultRole", vaultUser));
	}

	@Bean
	@FlywayDataSource
	@ConditionalOnExpression("!'${tutela.storage.migration-user:}'.isEmpty()")
	DataSource migrationDataSource(@Value("${spring.datasource.url}") String url,
			@Value("${tutela.storage.migration-user}") String user,
			@Value("${tutela.storage.migration-password:}") String password) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		dataSource.setMaximumPoolSize(2);
		dataSource.setPoolName("tutela-migrations");
		return dataSource;
	}

}
