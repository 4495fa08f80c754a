package io.tutela.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with Tutela's stable problem types. */
public final class Problems {

	private Problems() {
	}

	/**
	 * The stable type URI of a problem, as in {@code urn:tutela:problem:policy-invalid}.
	 */
	public static URI type(String slug) {
		return URI.create("urn:tutela:problem:" + slug);
	}

	public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

}
