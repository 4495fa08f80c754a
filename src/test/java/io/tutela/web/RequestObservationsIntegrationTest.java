package io.tutela.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request is observed as a whole, not filter by filter: the security filters' timers
 * and counters cost a sixth of a decision's processor time and nothing shows them.
 */
@TutelaIntegrationTest
class RequestObservationsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void theRequestIsTimedAndNotEachSecurityFilter() {
		Http admin = Http.admin(this.port);
		assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.meters.getMeters()).noneMatch((meter) -> meter.getId().getName().startsWith("spring.security"));
	}

}
