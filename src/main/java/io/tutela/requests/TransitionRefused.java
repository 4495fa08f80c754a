package io.tutela.requests;

/**
 * A step the request's state does not allow (verifying twice, extending after the first
 * deadline, acting on a closed request): answered with 409 and a problem type of its own.
 */
class TransitionRefused extends RuntimeException {

	private final String problem;

	TransitionRefused(String problem, String detail) {
		super(detail);
		this.problem = problem;
	}

	/** The slug of the problem type, as in {@code urn:tutela:problem:request-closed}. */
	String problem() {
		return this.problem;
	}

}
