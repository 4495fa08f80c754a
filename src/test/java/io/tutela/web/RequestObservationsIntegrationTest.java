package io.tutela.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests are not timed for metrics that are exported nowhere, neither filter by filter
 * (the security filters' timers and counters cost a sixth of a decision's processor time)
 * nor as a whole (4% of it).
 */
@TutelaIntegrationTest
class RequestObservationsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void neitherTheRequestNorEachSecurityFilterIsTimed() {
		Http admin = Http.admin(this.port);
		assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(this.meters.find("http.server.requests").timers()).isEmpty();
		assertThat(this.meters.getMeters()).noneMatch((meter) -> meter.getId().getName().startsWith("spring.security"));
	}

}
