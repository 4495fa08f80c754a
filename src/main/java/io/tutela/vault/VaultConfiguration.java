package io.tutela.vault;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The vault's own connection pool, as the vault's database role: on the embedded server
 * the role the migrations created; on an external server {@code tutela.vault.url},
 * {@code tutela.vault.username} and {@code tutela.vault.password} (the URL defaults to
 * the application's). It is never a candidate for ordinary injection: only the vault asks
 * for it by name.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

	static final String DATA_SOURCE = "vaultDataSource";

	@Bean(name = DATA_SOURCE, destroyMethod = "close", defaultCandidate = false)
	DataSource vaultDataSource(ObjectProvider<EmbeddedPostgres> embedded,
			@Value("${tutela.vault.username:tutela_vault}") String user,
			@Value("${tutela.vault.url:${spring.datasource.url:}}") String url,
			@Value("${tutela.vault.password:}") String password) {
		EmbeddedPostgres postgres = embedded.getIfAvailable();
		// the pool connects on first use, after the migrations have created the role
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl((postgres != null) ? postgres.getJdbcUrl(user, "postgres") : url);
		dataSource.setUsername(user);
		if (!password.isEmpty()) {
			dataSource.setPassword(password);
		}
		dataSource.setMaximumPoolSize(4);
		dataSource.setPoolName("tutela-vault");
		return dataSource;
	}

}
