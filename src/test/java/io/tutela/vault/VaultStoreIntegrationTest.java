package io.tutela.vault;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.TutelaIntegrationTest;
import io.tutela.storage.Keys;
import io.tutela.storage.SecretBox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vault's schema, role and encryption at rest. */
@TutelaIntegrationTest
class VaultStoreIntegrationTest {

	@Autowired
	JdbcClient operational;

	@Autowired
	@Qualifier(VaultConfiguration.DATA_SOURCE)
	DataSource vaultDataSource;

	@Autowired
	JusticeVault vault;

	@Autowired
	Keys keys;

	@Test
	void theOperationalRoleCannotReadTheVault() {
		assertThat(this.operational.sql("SELECT current_user").query(String.class).single()).isEqualTo("tutela_app");
		assertThatThrownBy(() -> this.operational.sql("SELECT count(*) FROM vault.cdr").query(Long.class).single())
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> this.operational.sql("DELETE FROM vault.cdr").update()).rootCause()
			.hasMessageContaining("permission denied");
		JdbcClient asVault = JdbcClient.create(this.vaultDataSource);
		this.vault.storeSessions("conecto", List.of(new VaultSession("ROLE-1", "10.0.0.1",
				Instant.now().truncatedTo(ChronoUnit.SECONDS), null, 0, 0, "telematic_traffic")));
		List<String> partitions = asVault
			.sql("SELECT 'vault.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE n.nspname = 'vault' AND c.relkind IN ('r', 'p')")
			.query(String.class)
			.list();
		assertThat(partitions).contains("vault.telematic_session", "vault.month_count")
			.anyMatch((name) -> name.matches("vault\\.telematic_session_c[0-9a-f]{12}_y[0-9]{4}m[0-9]{2}"));
		for (String table : partitions) {
			assertThatThrownBy(() -> this.operational.sql("SELECT count(*) FROM " + table).query(Long.class).single())
				.as(table)
				.rootCause()
				.hasMessageContaining("permission denied");
		}
		assertThatThrownBy(() -> this.operational.sql("SELECT vault.create_partitions('cdr', 'conecto', now(), now())")
			.query(Integer.class)
			.single()).rootCause().hasMessageContaining("permission denied");
		assertThat(asVault.sql("SELECT current_user").query(String.class).single()).isEqualTo("tutela_vault");
		assertThat(asVault.sql("SELECT count(*) FROM vault.cdr").query(Long.class).single()).isNotNull();
		// and the vault's role cannot read the operational tables
		assertThatThrownBy(() -> asVault.sql("SELECT count(*) FROM cdr").query(Long.class).single()).rootCause()
			.hasMessageContaining("permission denied");
	}

	@Test
	void numbersAreSealedAtRestAndFoundByKeyedHash() throws Exception {
		Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		VaultCall call = new VaultCall("+393479007001", "+390690070002", start, 42, true, "cell-7",
				"telephone-traffic");
		VaultCall other = new VaultCall("+393479007003", "+390690070004", start, 5, false, null, "telephone-traffic");
		assertThat(this.vault.store("conecto", List.of(call, other))).isEqualTo(2);
		assertThat(this.vault.store("conecto", List.of(call))).as("stored twice, kept once").isZero();

		assertThat(this.vault.calls("conecto", "+390690070002", start.minusSeconds(60), start.plusSeconds(60)))
			.containsExactly(call);
		assertThat(this.vault.calls("conecto", "+393479007001", start.plusSeconds(1), start.plusSeconds(60)))
			.as("outside the window")
			.isEmpty();
		assertThat(this.vault.calls("ipkom", "+393479007001", start.minusSeconds(60), start.plusSeconds(60)))
			.as("another controller")
			.isEmpty();

		JdbcClient asVault = JdbcClient.create(this.vaultDataSource);
		List<String> raw = asVault
			.sql("SELECT concat_ws('|', caller_sealed, callee_sealed, encode(caller_hash, 'escape'),"
					+ " encode(callee_hash, 'hex')) FROM vault.cdr WHERE controller_id = 'conecto'")
			.query(String.class)
			.list();
		assertThat(raw).isNotEmpty().noneMatch((row) -> row.contains("3479007001") || row.contains("690070002"));

		// the keyed hash is HMAC-SHA-256 of the controller, a zero byte and the number;
		// the
		// sealed number opens with the vault's key for its controller
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(this.keys.key(JusticeVault.HASH_KEY), "HmacSHA256"));
		mac.update("conecto".getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
		byte[] hash = mac.doFinal("+393479007001".getBytes(StandardCharsets.UTF_8));
		assertThat(this.vault.hash("conecto", "+393479007001")).isEqualTo(hash);
		String sealed = asVault
			.sql("SELECT caller_sealed FROM vault.cdr WHERE controller_id = 'conecto'"
					+ " AND caller_hash = :hash AND start_at = :start")
			.param("hash", hash)
			.param("start", java.sql.Timestamp.from(start))
			.query(String.class)
			.single();
		assertThat(new String(new SecretBox(this.keys.key(JusticeVault.SEAL_KEY)).open(sealed, "conecto"),
				StandardCharsets.UTF_8))
			.isEqualTo("+393479007001");
	}

}
