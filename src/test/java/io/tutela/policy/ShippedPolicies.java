package io.tutela.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the policies shipped in {@code policies/} for tests. */
final class ShippedPolicies {

	static final Path DIR = Path.of("policies");

	private ShippedPolicies() {
	}

	static String text(String controllerId) {
		try {
			return Files.readString(DIR.resolve(controllerId + ".yaml"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The shipped policy of a controller, read and validated as an upload would be. */
	static Policy load(String controllerId) {
		try {
			return PolicyReader.read(controllerId + ".yaml", text(controllerId));
		}
		catch (PolicyRejectedException ex) {
			throw new AssertionError(String.join("\n", ex.problems().stream().map(PolicyProblem::toString).toList()),
					ex);
		}
	}

}
