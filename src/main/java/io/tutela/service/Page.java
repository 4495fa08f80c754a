package io.tutela.service;

import java.util.List;

import io.tutela.web.InvalidInputException;

/** One page of a list: which page, its size, and its items. */
record Page<T>(int page, int size, List<T> items) {

	static final int LARGEST = 500;

	/**
	 * Refuses a page before the first or a size outside 1 to {@value #LARGEST}.
	 * @return the offset of the page's first item
	 */
	static int offset(int page, int size) {
		if (page < 0 || size < 1 || size > LARGEST) {
			throw InvalidInputException.of("page", "page from 0, size from 1 to " + LARGEST);
		}
		return page * size;
	}

}
