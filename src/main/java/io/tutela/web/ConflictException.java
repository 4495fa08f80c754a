package io.tutela.web;

/**
 * A request that the resource's state does not allow now (a message that has not failed
 * retried, a step of a workflow out of order): answered with 409 problem details of type
 * {@code urn:tutela:problem:<slug>}.
 */
public class ConflictException extends RuntimeException {

	private final String slug;

	public ConflictException(String slug, String detail) {
		super(detail);
		this.slug = slug;
	}

	public String slug() {
		return this.slug;
	}

}
