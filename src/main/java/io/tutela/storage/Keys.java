package io.tutela.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Encryption keys kept outside the database, as files readable only by Tutela's user
 * under {@code <data dir>/keys} (a temporary directory for ephemeral test runs). A key is
 * created the first time it is asked for.
 */
@Component
public class Keys {

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");

	private final Path dir;

	private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

	Keys(StorageProperties storage) throws IOException {
		this.dir = storage.ephemeral() ? Files.createTempDirectory("tutela-keys")
				: storage.dataDir().resolve("keys").toAbsolutePath();
	}

	/** The 256-bit key of the given name. */
	public byte[] key(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("invalid key name");
		}
		return this.cache.computeIfAbsent(name, (n) -> loadOrCreate(n, Keys::randomKey)).clone();
	}

	/**
	 * The secret of the given name, made by {@code create} the first time it is asked for
	 * (a key pair's encoding, for example) and kept like the keys.
	 */
	public byte[] secret(String name, Supplier<byte[]> create) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("invalid key name");
		}
		return this.cache.computeIfAbsent(name, (n) -> loadOrCreate(n, create)).clone();
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	private synchronized byte[] loadOrCreate(String name, Supplier<byte[]> create) {
		Path file = this.dir.resolve(name + ".key");
		try {
			if (Files.exists(file)) {
				return Files.readAllBytes(file);
			}
			Files.createDirectories(this.dir);
			byte[] key = create.get();
			Path temp = Files.createTempFile(this.dir, name, ".tmp");
			setOwnerOnly(temp);
			Files.write(temp, key);
			Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the key '" + name + "'", ex);
		}
	}

	private static void setOwnerOnly(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the directory's own protection applies
		}
	}

}
