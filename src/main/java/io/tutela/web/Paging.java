package io.tutela.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * The pages every list of the API is cut into: from page 0, of 1 to {@value #LARGEST}
 * items.
 */
public final class Paging {

	public static final int LARGEST = 500;

	private Paging() {
	}

	/** The problem with a page and size, or null when they are fine. */
	public static @Nullable FieldProblem problem(int page, int size) {
		return (page < 0 || size < 1 || size > LARGEST)
				? new FieldProblem("page", "page from 0, size from 1 to " + LARGEST) : null;
	}

	/**
	 * Refuses a page before the first or a size outside 1 to {@value #LARGEST}.
	 * @return the offset of the page's first item
	 */
	public static int offset(int page, int size) {
		FieldProblem problem = problem(page, size);
		if (problem != null) {
			throw new InvalidInputException(List.of(problem));
		}
		return page * size;
	}

}
