package io.tutela.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Storage settings.
 *
 * @param dataDir the directory under which Tutela keeps its files ({@code ./data} unless
 * {@code TUTELA_DATA_DIR} says otherwise); the embedded PostgreSQL lives in {@code pg}
 * under it
 * @param ephemeral when true the embedded PostgreSQL uses a fresh temporary directory
 * that is removed on shutdown (tests)
 */
@ConfigurationProperties("tutela.storage")
public record StorageProperties(Path dataDir, boolean ephemeral) {

	public StorageProperties {
		if (dataDir == null) {
			dataDir = Path.of("data");
		}
	}

	Path postgresDir() {
		return this.dataDir.resolve("pg");
	}

}
