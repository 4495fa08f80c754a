package io.tutela.vault;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that partitions the vault by controller and month, run on a database that
 * already holds traffic data and calls in the vault (as developers' databases do): the
 * vault's calls are kept, and everything held is left to be sealed.
 */
@TutelaIntegrationTest
class VaultMigrationIntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	@Qualifier("migrationDataSource")
	DataSource owner;

	@Test
	void theVaultsCallsAreKeptAndWhatIsHeldIsLeftToSeal() throws Exception {
		try (Connection connection = this.owner.getConnection(); Statement sql = connection.createStatement()) {
			sql.execute("DROP DATABASE IF EXISTS vault_migration WITH (FORCE)");
			sql.execute("CREATE DATABASE vault_migration");
		}
		String url = this.postgres.getJdbcUrl("postgres", "vault_migration");
		Map<String, String> roles = Map.of("appRole", "tutela_app", "vaultRole", "tutela_vault");
		Flyway.configure().dataSource(url, "postgres", null).placeholders(roles).target("24").load().migrate();
		SingleConnectionDataSource before = new SingleConnectionDataSource(url, "postgres", null, true);
		try {
			JdbcClient jdbc = JdbcClient.create(before);
			jdbc.sql("SELECT traffic_create_partitions('cdr', '2026-01-01', '2026-03-31')")
				.query(Integer.class)
				.single();
			jdbc.sql("SELECT traffic_create_partitions('telematic_session', '2026-02-01', '2026-02-28')")
				.query(Integer.class)
				.single();
			jdbc.sql("""
					INSERT INTO cdr (controller_id, start_at, caller, callee, duration_seconds, answered, category,
					  purposes)
					VALUES ('conecto', '2026-01-10T10:00:00Z', '+393470000001', '+39060000001', 10, TRUE,
					        'telephone_traffic', '{billing}'),
					       ('conecto', '2026-03-20T10:00:00Z', '+393470000001', '+39060000002', 10, TRUE,
					        'telephone_traffic', '{billing}')""").update();
			jdbc.sql("""
					INSERT INTO telematic_session (controller_id, start_at, assigned_ip, subscriber, category, purposes)
					VALUES ('ipkom', '2026-02-10T10:00:00Z', '10.1.0.1', 'ADSL-1', 'telematic_traffic', '{billing}')""")
				.update();
			jdbc.sql(
					"""
							INSERT INTO vault.cdr (controller_id, start_at, caller_hash, callee_hash, caller_sealed, callee_sealed,
							  duration_seconds, answered, category)
							VALUES ('conecto', '2025-05-10T10:00:00Z', '\\x01', '\\x02', 'sealed-1', 'sealed-2', 5, TRUE,
							        'telephone_traffic')""")
				.update();
		}
		finally {
			before.destroy();
		}
		Flyway.configure().dataSource(url, "postgres", null).placeholders(roles).load().migrate();
		SingleConnectionDataSource after = new SingleConnectionDataSource(url, "postgres", null, true);
		try {
			JdbcClient jdbc = JdbcClient.create(after);
			assertThat(jdbc.sql("SELECT caller_sealed FROM vault.cdr").query(String.class).list())
				.containsExactly("sealed-1");
			assertThat(jdbc.sql("SELECT relkind::text FROM pg_class WHERE oid = 'vault.cdr'::regclass")
				.query(String.class)
				.single()).isEqualTo("p");
			assertThat(jdbc.sql("SELECT records FROM vault.month_count WHERE controller_id = 'conecto'")
				.query(Long.class)
				.list()).containsExactly(1L);
			assertThat(jdbc
				.sql("""
						SELECT kind || ' ' || controller_id || ' ' || coalesce(loaded_at::text, 'all') || ' '
						       || to_char(lo AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || to_char(hi AT TIME ZONE 'UTC', 'YYYY-MM-DD')
						FROM traffic_sealing ORDER BY kind""")
				.query(String.class)
				.list()).containsExactly("cdr conecto all 2026-01-01 2026-04-01",
						"telematic_session ipkom all 2026-02-01 2026-03-01");
		}
		finally {
			after.destroy();
		}
		try (Connection connection = this.owner.getConnection(); Statement sql = connection.createStatement()) {
			sql.execute("DROP DATABASE vault_migration WITH (FORCE)");
		}
	}

}
