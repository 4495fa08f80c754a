package io.tutela;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The data directory of a benchmark run: a fresh temporary directory (embedded
 * PostgreSQL, generated files), deleted with everything in it when the run's JVM exits,
 * so that runs of several gigabytes do not pile up on the disk.
 */
public final class BenchData {

	private BenchData() {
	}

	public static Path directory() throws IOException {
		Path data = Files.createTempDirectory("tutela-bench");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(data)));
		return data;
	}

	static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((p) -> {
				try {
					Files.deleteIfExists(p);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			System.err.println("could not delete " + directory + ": " + ex.getClass().getSimpleName());
		}
	}

}
