package io.tutela;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * For the benchmarks under {@code bench/}: the latency of GET requests with a bearer
 * token, the first ones taken as warm-up, as sorted milliseconds. Measured either by the
 * JDK's client in the benchmark's own JVM, beside the server, or by {@code curl} in a
 * process of its own, which asks the same requests one after the other on one kept-alive
 * connection and times each itself.
 */
public final class HttpLatency {

	private HttpLatency() {
	}

	/** Milliseconds of every request after the warm-up, sorted. */
	public static List<Double> measure(HttpClient client, List<URI> uris, String token, int warmUp)
			throws IOException, InterruptedException {
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < uris.size(); i++) {
			HttpRequest request = HttpRequest.newBuilder(uris.get(i))
				.header("Authorization", "Bearer " + token)
				.build();
			long t = System.nanoTime();
			HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			double ms = (System.nanoTime() - t) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(uris.get(i).getPath() + " answered " + response.statusCode());
			}
			if (i >= warmUp) {
				millis.add(ms);
			}
		}
		Collections.sort(millis);
		return millis;
	}

	/**
	 * Milliseconds of every request after the warm-up, sorted, as {@code curl} measures
	 * them ({@code time_total}: from the request's first byte sent on the open connection
	 * to the response's last byte read), in rounds, each on a connection and a curl of
	 * its own, one after the other (how a figure settles as the server's JIT finishes
	 * compiling the path); the warm-up on a connection of its own, before. With each
	 * round, the processor time its requests took, per request: of the whole machine
	 * (this JVM, PostgreSQL, curl and anything else running) and of this JVM, which
	 * change less from run to run than the latency.
	 * @param perRound how many timed requests each round asks
	 */
	public static List<Timed> measureWithCurl(List<URI> uris, String token, int warmUp, int perRound)
			throws IOException, InterruptedException {
		if (warmUp > 0) {
			curl(uris.subList(0, warmUp), token);
		}
		List<Timed> rounds = new ArrayList<>();
		for (int from = warmUp; from < uris.size(); from += perRound) {
			long machine = machineTicks();
			long jvm = jvmNanos();
			List<String> lines = curl(uris.subList(from, Math.min(uris.size(), from + perRound)), token);
			double machineMillis = (machineTicks() - machine) * 10.0 / lines.size();
			double jvmMillis = (jvmNanos() - jvm) / 1e6 / lines.size();
			List<Double> millis = new ArrayList<>();
			for (String line : lines) {
				millis.add(Double.parseDouble(line.split(" ")[1]) * 1000);
			}
			Collections.sort(millis);
			rounds.add(new Timed(millis, machineMillis, jvmMillis));
		}
		return rounds;
	}

	/** Timed requests: their sorted milliseconds and processor time per request. */
	public record Timed(List<Double> millis, double machineMillis, double jvmMillis) {
	}

	/** Asks the requests by curl, one after the other; its line per request. */
	private static List<String> curl(List<URI> uris, String token) throws IOException, InterruptedException {
		Path config = Files.createTempFile("latency", ".curl");
		try {
			StringBuilder text = new StringBuilder();
			text.append("silent\nshow-error\nheader = \"Authorization: Bearer ").append(token).append("\"\n");
			text.append("write-out = \"%{http_code} %{time_total}\\n\"\n");
			for (URI uri : uris) {
				text.append("url = \"").append(uri).append("\"\noutput = \"/dev/null\"\n");
			}
			Files.writeString(config, text, StandardCharsets.UTF_8);
			Process curl = new ProcessBuilder("curl", "--config", config.toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			List<String> lines = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
				.toList();
			if (curl.waitFor() != 0 || lines.size() != uris.size()) {
				throw new IllegalStateException(
						"curl answered " + lines.size() + " of " + uris.size() + " requests, exit " + curl.exitValue());
			}
			for (int i = 0; i < lines.size(); i++) {
				if (!lines.get(i).startsWith("200 ")) {
					throw new IllegalStateException(uris.get(i).getPath() + " answered " + lines.get(i));
				}
			}
			return lines;
		}
		finally {
			Files.deleteIfExists(config);
		}
	}

	/**
	 * The processor time the machine has spent so far, all processors, in ticks of 10 ms
	 * ({@code /proc/stat}: every column but idle and iowait).
	 */
	private static long machineTicks() throws IOException {
		String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long busy = 0;
		for (int i = 1; i < Math.min(cpu.length, 9); i++) {
			if (i != 4 && i != 5) {
				busy += Long.parseLong(cpu[i]);
			}
		}
		return busy;
	}

	private static long jvmNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** p50, p90, p99 and max of the timed requests, and their processor time. */
	public static String summary(Timed timed) {
		return summary(timed.millis()) + String.format("; processor time per request %.2f ms (machine), %.2f ms (JVM)",
				timed.machineMillis(), timed.jvmMillis());
	}

	/** p50, p99 and max of sorted milliseconds. */
	public static String summary(List<Double> sorted) {
		return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms", sorted.get(sorted.size() / 2),
				sorted.get((int) (sorted.size() * 0.9)), sorted.get((int) (sorted.size() * 0.99)),
				sorted.get(sorted.size() - 1));
	}

}
