package io.tutela.records;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.tutela.web.Problems;

/** Records of a kind the controller's notice does not cover are refused with 422. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecordProblems {

	@ExceptionHandler(Tags.NotInPolicyException.class)
	ProblemDetail notInPolicy(Tags.NotInPolicyException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "not-in-policy", "Not in the policy", ex.getMessage());
	}

}
