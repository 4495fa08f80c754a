package io.tutela;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * For the benchmarks under {@code bench/}: the latency of GET requests with a bearer
 * token, the first ones taken as warm-up, as sorted milliseconds.
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

	/** p50, p99 and max of sorted milliseconds. */
	public static String summary(List<Double> sorted) {
		return String.format("p50 %.2f ms, p99 %.2f ms, max %.1f ms", sorted.get(sorted.size() / 2),
				sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
	}

}
