package io.tutela.web;

import java.util.List;

/**
 * Input refused with every invalid field named: answered with 400 problem details listing
 * them in {@code errors}, or shown next to the fields on a page.
 */
public class InvalidInputException extends RuntimeException {

	private final List<FieldProblem> errors;

	public InvalidInputException(List<FieldProblem> errors) {
		super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
		this.errors = List.copyOf(errors);
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

	/** One invalid field and what is wrong with it. */
	public record FieldProblem(String field, String message) {
	}

}
