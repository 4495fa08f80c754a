package io.tutela.subject;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.tutela.records.ImportReport;

/**
 * {@code demo --controller <id> --subjects <n>}: synthetic subjects (and their contracts)
 * at scale, for benchmarks, with progress shown.
 */
@Component
@ConditionalOnProperty(name = "tutela.command", havingValue = "demo")
class DemoCommand implements ApplicationRunner, ExitCodeGenerator {

	private final DemoData demo;

	private final PrintStream out = System.out;

	private int exitCode;

	DemoCommand(DemoData demo) {
		this.demo = demo;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption("controller") || !args.containsOption("subjects")) {
			System.err.println("usage: demo --controller=<id> --subjects=<n>");
			this.exitCode = 2;
			return;
		}
		String controller = args.getOptionValues("controller").get(0);
		long count = Long.parseLong(args.getOptionValues("subjects").get(0));
		long started = System.nanoTime();
		ImportReport report = this.demo.load(controller, count, (rows) -> System.err.print("\r" + rows + " rows"));
		System.err.println();
		this.out.printf("%d demo subjects for %s: %d inserted in %.1f s%n", report.rows(), controller,
				report.inserted(), (System.nanoTime() - started) / 1e9);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
