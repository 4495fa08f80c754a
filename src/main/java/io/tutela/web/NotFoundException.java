package io.tutela.web;

/**
 * A resource that does not exist, or that the caller may not know exists: answered with
 * 404 problem details.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " '" + id + "' not found");
	}

}
