package io.tutela.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The offline verifier: {@code java -jar tutela.jar audit verify <export.jsonl>} checks
 * an exported audit log without the application, its database or a network.
 * <p>
 * Exit codes: 0 the chain is intact, 1 it is broken (the first broken event is named), 2
 * usage error or unreadable file.
 */
public final class AuditCommandLine {

	static final int OK = 0;

	static final int BROKEN = 1;

	static final int USAGE = 2;

	private static final long PROGRESS_EVERY = 250_000;

	private AuditCommandLine() {
	}

	/**
	 * Runs a command of the {@code audit} group.
	 * @param args the whole command line, starting with {@code audit}
	 * @return the process's exit code
	 */
	public static int run(String[] args) {
		return run(args, System.out, System.err);
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 3 || !"audit".equals(args[0]) || !"verify".equals(args[1])) {
			err.println("usage: java -jar tutela.jar audit verify <export.jsonl>");
			err.println("  checks an audit log exported from GET /api/v1/audit/export");
			err.println("  exit code 0: intact, 1: broken, 2: usage error or unreadable file");
			return USAGE;
		}
		Path file = Path.of(args[2]);
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			err.println("audit verify: cannot read " + file);
			return USAGE;
		}
		VerificationResult result;
		try {
			result = verify(file, err);
		}
		catch (IOException ex) {
			err.println("audit verify: cannot read " + file + ": " + ex.getMessage());
			return USAGE;
		}
		if (result.ok()) {
			out.println("OK: " + result.reason() + ((result.lastSeq() != null)
					? "; last seq " + result.lastSeq() + ", head hash " + result.lastHash() : ""));
			return OK;
		}
		out.println("BROKEN at seq " + result.firstBrokenSeq() + ": " + result.reason());
		out.println(result.eventsChecked() + " event(s) before it are intact"
				+ ((result.lastSeq() != null) ? "; last intact seq " + result.lastSeq() : ""));
		return BROKEN;
	}

	/** Verifies an export line by line, in constant memory. */
	static VerificationResult verify(Path file, PrintStream progress) throws IOException {
		ChainVerifier verifier = new ChainVerifier();
		try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			long number = 0;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				AuditEntry entry;
				try {
					entry = JsonLines.read(line);
				}
				catch (RuntimeException ex) {
					verifier.fail("line " + number + " is not an audit event: " + firstLine(ex.getMessage()));
					break;
				}
				if (!verifier.accept(entry)) {
					break;
				}
				if (number % PROGRESS_EVERY == 0) {
					progress.println("audit verify: " + verifier.checked() + " events checked");
				}
			}
		}
		return verifier.result();
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "unreadable";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
