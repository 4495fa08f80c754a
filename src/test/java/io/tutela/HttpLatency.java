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
	 * to the response's last byte read).
	 */
	public static List<Double> measureWithCurl(List<URI> uris, String token, int warmUp)
			throws IOException, InterruptedException {
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
			List<Double> millis = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				String[] codeAndSeconds = lines.get(i).split(" ");
				if (!"200".equals(codeAndSeconds[0])) {
					throw new IllegalStateException(uris.get(i).getPath() + " answered " + codeAndSeconds[0]);
				}
				if (i >= warmUp) {
					millis.add(Double.parseDouble(codeAndSeconds[1]) * 1000);
				}
			}
			Collections.sort(millis);
			return millis;
		}
		finally {
			Files.deleteIfExists(config);
		}
	}

	/** p50, p99 and max of sorted milliseconds. */
	public static String summary(List<Double> sorted) {
		return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms", sorted.get(sorted.size() / 2),
				sorted.get((int) (sorted.size() * 0.9)), sorted.get((int) (sorted.size() * 0.99)),
				sorted.get(sorted.size() - 1));
	}

}
