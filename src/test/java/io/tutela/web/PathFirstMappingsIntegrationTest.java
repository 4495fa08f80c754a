package io.tutela.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.tutela.Http;
import io.tutela.TutelaIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests are mapped by path first, and answered as when every condition of a mapping is
 * asked in the framework's order: paths with variables find their handlers, a method the
 * path does not take is refused with 405, a body of a type it does not take with 415.
 */
@TutelaIntegrationTest
class PathFirstMappingsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void mapsAsBeforeAndRefusesWhatNoMappingTakes() {
		assertThat(this.mappings).isInstanceOf(WebConfiguration.PathFirstMappings.class);
		Http admin = Http.admin(this.port);
		Http.Response decision = admin
			.get("/api/v1/controllers/connext/contact-decision?channel=operator_call&phone=%2B393480000001");
		assertThat(decision.status()).as(decision.body()).isEqualTo(200);
		assertThat(admin.delete("/api/v1/controllers/connext/contact-decision").status()).isEqualTo(405);
		assertThat(admin.post("/api/v1/controllers/connext/campaign-checks", "application/xml", "<a/>").status())
			.isEqualTo(415);
		assertThat(admin.get("/api/v1/controllers/connext/campaign-checks/" + java.util.UUID.randomUUID()).status())
			.as("mapped, with two variables")
			.isEqualTo(404);
	}

}
