package io.tutela.audit;

import java.util.List;

/**
 * One page of results, newest first.
 *
 * @param items the results on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param hasNext whether a further page has results
 */
record ResultPage<T>(List<T> items, int page, int size, boolean hasNext) {

	/** A page from a query that fetched one row more than the page holds. */
	static <T> ResultPage<T> of(List<T> fetched, int page, int size) {
		boolean hasNext = fetched.size() > size;
		return new ResultPage<>(hasNext ? List.copyOf(fetched.subList(0, size)) : List.copyOf(fetched), page, size,
				hasNext);
	}

}
