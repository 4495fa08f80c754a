package io.tutela.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandLineUnitTest {

	@TempDir
	Path dir;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	int run(String... args) {
		return AuditCommandLine.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	Path export(List<AuditEntry> entries) throws IOException {
		List<String> lines = new ArrayList<>();
		for (AuditEntry entry : entries) {
			lines.add(new String(JsonLines.write(entry), StandardCharsets.UTF_8));
		}
		return Files.write(this.dir.resolve("export.jsonl"), lines);
	}

	@Test
	void anIntactExportExitsZero() throws IOException {
		Path file = export(HashChainUnitTest.chain(20));
		assertThat(run("audit", "verify", file.toString())).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("OK: the chain of 20 events is intact")
			.contains("last seq 20");
	}

	@Test
	void aLineInTheExportHoldsTheCanonicalTime() throws IOException {
		String line = Files.readAllLines(export(HashChainUnitTest.chain(1))).get(0);
		assertThat(line).contains("\"occurredAt\":\"2025-01-15T09:30:00.000000Z\"")
			.contains("\"controllerId\":\"ipkom\"")
			.contains("\"category\":null")
			.contains("\"prevHash\":\"" + "0".repeat(64) + "\"");
	}

	@Test
	void aTamperedLineIsNamedAndExitsOne() throws IOException {
		Path file = export(HashChainUnitTest.chain(20));
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		lines.set(11,
				lines.get(11)
					.replace("\"actor\":\"op0\"", "\"actor\":\"mallory\"")
					.replace("\"actor\":\"op1\"", "\"actor\":\"mallory\"")
					.replace("\"actor\":\"op2\"", "\"actor\":\"mallory\""));
		Files.write(file, lines);
		assertThat(run("audit", "verify", file.toString())).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("BROKEN at seq 12:")
			.contains("11 event(s) before it are intact");
	}

	@Test
	void anUnreadableLineIsBroken() throws IOException {
		Path file = export(HashChainUnitTest.chain(3));
		Files.writeString(file, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
		assertThat(run("audit", "verify", file.toString())).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.startsWith("BROKEN at seq 4: line 4 is not an audit event");
	}

	@Test
	void aLineWithoutAFieldIsBroken() throws IOException {
		Path file = export(HashChainUnitTest.chain(2));
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		lines.set(1, lines.get(1).replace("\"outcome\":\"success\",", ""));
		Files.write(file, lines);
		assertThat(run("audit", "verify", file.toString())).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("seq 2 is malformed: outcome must not be blank");
	}

	@Test
	void usageErrorsExitTwo() {
		assertThat(run()).isEqualTo(2);
		assertThat(run("audit", "check", "x.jsonl")).isEqualTo(2);
		assertThat(run("audit", "verify")).isEqualTo(2);
		assertThat(run("audit", "verify", this.dir.resolve("missing.jsonl").toString())).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar tutela.jar audit verify")
			.contains("cannot read");
	}

}
