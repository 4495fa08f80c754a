package io.tutela.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code import <controller> <kind> <file>}: the import of the API from the command line,
 * with its progress shown as rows are read. Exit code 0 when imported, 1 when refused, 2
 * for bad arguments.
 */
@Component
@ConditionalOnProperty(name = "tutela.command", havingValue = "import")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

	private final Importer importer;

	private final List<ImportSpec> specs;

	private final PrintStream out = System.out;

	private final PrintStream err = System.err;

	private int exitCode;

	ImportCommand(Importer importer, List<ImportSpec> specs) {
		this.importer = importer;
		this.specs = specs;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		List<String> words = args.getNonOptionArgs();
		if (words.size() != 4) {
			this.err.println("usage: import <controller> <kind> <file.csv|file.jsonl>");
			this.exitCode = 2;
			return;
		}
		String controller = words.get(1);
		ImportSpec spec = this.specs.stream().filter((s) -> s.name().equals(words.get(2))).findFirst().orElse(null);
		Path file = Path.of(words.get(3));
		if (spec == null || !Files.isReadable(file)) {
			this.err.println((spec == null) ? "unknown kind '" + words.get(2) + "'" : "cannot read " + file);
			this.exitCode = 2;
			return;
		}
		String name = file.getFileName().toString();
		ImportFormat format = (name.endsWith(".jsonl") || name.endsWith(".ndjson")) ? ImportFormat.JSON_LINES
				: ImportFormat.CSV;
		long started = System.nanoTime();
		try (InputStream in = Files.newInputStream(file)) {
			ImportReport report = this.importer.run(controller, spec, format, in,
					(rows) -> this.err.print("\r" + rows + " rows read"));
			double seconds = (System.nanoTime() - started) / 1e9;
			this.err.println();
			this.out.printf("%d rows: %d inserted, %d updated, %d unchanged in %.1f s (%.0f rows/s)%n", report.rows(),
					report.inserted(), report.updated(), report.unchanged(), seconds, report.rows() / seconds);
		}
		catch (ImportRejectedException ex) {
			this.err.println();
			ImportReport report = ex.report();
			this.out.println(
					"refused: " + report.errorCount() + " bad row(s) of " + report.rows() + "; nothing was imported");
			report.errors()
				.forEach((e) -> this.out.println("  line " + e.line() + ", " + e.field() + ": " + e.message()));
			this.exitCode = 1;
		}
		catch (Tags.NotInPolicyException ex) {
			this.out.println("refused: " + ex.getMessage());
			this.exitCode = 1;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
