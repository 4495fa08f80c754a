package io.tutela.requests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portability answer delivered straight to another controller's endpoint: refused at
 * first by the endpoint, tried again, then delivered, its state kept on the request.
 */
@TutelaIntegrationTest
class PortabilityDeliveryIntegrationTest {

	static final String ID = "acme-deliver";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PortabilityDeliveries deliveries;

	Http admin() {
		return Http.admin(this.port);
	}

	String executed(String type) {
		RequestTests.controller(admin(), ID, (yaml) -> yaml);
		String code = "D-" + System.nanoTime();
		assertThat(admin()
			.postJson("/api/v1/controllers/" + ID + "/subjects", Map.of("customerCode", code, "givenName", "Teo",
					"familyName", "Ferri", "email", code.toLowerCase() + "@example.org"))
			.status()).isEqualTo(201);
		return RequestTests.executed(admin(), ID, Map.of("type", type, "subject", code), Map.of());
	}

	@Test
	void theAnswerIsRetriedUntilTheOtherControllerTakesIt() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		List<byte[]> received = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/import", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			int status = (calls.incrementAndGet() == 1) ? 503 : 202;
			if (status == 202) {
				received.add(body);
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		try {
			String path = executed("portability");
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/import";
			Http.Response asked = admin().postJson(path + "/deliveries", Map.of("url", url));
			assertThat(asked.status()).as(asked.body()).isEqualTo(201);
			assertThat(asked.json().get("state").asString()).isEqualTo("pending");

			this.deliveries.deliverDue();
			Http.Response first = admin().get(path + "/deliveries");
			assertThat(first.json().get(0).get("state").asString()).isEqualTo("pending");
			assertThat(first.json().get(0).get("lastStatus").asString()).isEqualTo("503");
			assertThat(this.deliveries.deliverDue()).as("not due again before its wait").isZero();

			this.jdbc.sql("UPDATE portability_delivery SET next_at = now() WHERE controller_id = :c")
				.param("c", ID)
				.update();
			this.deliveries.deliverDue();
			Http.Response second = admin().get(path + "/deliveries");
			assertThat(second.json().get(0).get("state").asString()).isEqualTo("delivered");
			assertThat(second.json().get(0).get("attempts").asInt()).isEqualTo(2);
			assertThat(received).hasSize(1);
			assertThat(new String(received.get(0), 0, 2, StandardCharsets.ISO_8859_1)).as("a zip").isEqualTo("PK");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void onlyAPortabilityAnswerGoesAndOnlyToAnHttpEndpoint() throws IOException {
		String portability = executed("portability");
		Http.Response notUrl = admin().postJson(portability + "/deliveries", Map.of("url", "ftp://example.org/x"));
		assertThat(notUrl.status()).isEqualTo(400);
		assertThat(notUrl.body()).contains("http or https");
		String access = executed("access");
		Http.Response notPortability = admin().postJson(access + "/deliveries",
				Map.of("url", "https://receiver.example/import"));
		assertThat(notPortability.status()).isEqualTo(409);
		assertThat(notPortability.json().get("type").asString())
			.isEqualTo("urn:tutela:problem:request-not-deliverable");
		assertThat(admin().get(access + "/deliveries").json().size()).isZero();
	}

}
