package io.tutela.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
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
		assertThat(((WebConfiguration.PathFirstMappings) this.mappings).indexed()).as("the index knows the mappings")
			.isEqualTo(this.mappings.getHandlerMethods().size());
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

	@Test
	void aPathSeveralMappingsMatchIsAnsweredByTheBestOfThem() throws Exception {
		// both match the path ".../early": the framework prefers the one without a
		// variable
		RequestMappingInfo any = RequestMappingInfo.paths("/api/v1/me/late/{x}")
			.methods(RequestMethod.GET)
			.options(this.mappings.getBuilderConfiguration())
			.build();
		RequestMappingInfo exact = RequestMappingInfo.paths("/api/v1/me/late/early")
			.methods(RequestMethod.GET)
			.options(this.mappings.getBuilderConfiguration())
			.build();
		try {
			this.mappings.registerMapping(any, new Late(), Late.class.getMethod("answer", String.class));
			this.mappings.registerMapping(exact, new Late(), Late.class.getMethod("early"));
			Http admin = Http.admin(this.port);
			assertThat(admin.get("/api/v1/me/late/early").body()).as("the better of two matches").isEqualTo("early");
			assertThat(admin.get("/api/v1/me/late/eight").body()).as("the one match").isEqualTo("late eight");
		}
		finally {
			this.mappings.unregisterMapping(any);
			this.mappings.unregisterMapping(exact);
		}
	}

	@Test
	void aMappingRegisteredAfterTheIndexWasBuiltIsFoundToo() throws Exception {
		RequestMappingInfo late = RequestMappingInfo.paths("/api/v1/me/late/{x}")
			.methods(RequestMethod.GET)
			.options(this.mappings.getBuilderConfiguration())
			.build();
		WebConfiguration.PathFirstMappings indexed = (WebConfiguration.PathFirstMappings) this.mappings;
		int before = indexed.indexed();
		this.mappings.registerMapping(late, new Late(), Late.class.getMethod("answer", String.class));
		try {
			assertThat(indexed.indexed()).as("the index built again knows it").isEqualTo(before + 1);
			Http.Response answer = Http.admin(this.port).get("/api/v1/me/late/seven");
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("late seven");
		}
		finally {
			this.mappings.unregisterMapping(late);
		}
		assertThat(indexed.indexed()).as("and forgets it").isEqualTo(before);
		assertThat(Http.admin(this.port).get("/api/v1/me/late/seven").status()).isEqualTo(404);
	}

	/** A handler registered at run time. */
	public static class Late {

		public ResponseEntity<String> answer(@PathVariable String x) {
			return ResponseEntity.ok("late " + x);
		}

		public ResponseEntity<String> early() {
			return ResponseEntity.ok("early");
		}

	}

}
