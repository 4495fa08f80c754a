package io.tutela.identity;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API document says how to authenticate: a personal token as {@code Bearer}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI tutelaOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Tutela API")
				.version("v1")
				.description("The privacy notice as code: policies, notices, registers, staff and audit. "
						+ "Authenticate with a personal API token (created on the console's account page) "
						+ "sent as 'Authorization: Bearer <token>'. Errors are RFC 9457 problem details."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("tut_…")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
