package io.tutela.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/** Formats values for the console's record lists and pages, and links between them. */
public final class Cells {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	private Cells() {
	}

	/** A time in the controller's zone, or empty. */
	public static String time(@Nullable Instant instant, ZoneId zone) {
		return (instant != null) ? TIME.format(instant.atZone(zone)) : "";
	}

	public static String date(@Nullable LocalDate date) {
		return (date != null) ? DATE.format(date) : "";
	}

	/** Any value as text: empty for none, items joined by commas. */
	public static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Collection<?> items) {
			return String.join(", ", items.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

	/**
	 * A link to {@code path} with the parameters that have a value, and {@code page} when
	 * it is not the first.
	 */
	public static String link(String path, Map<String, @Nullable String> params, int page) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
		params.forEach((name, value) -> {
			if (value != null && !value.isBlank()) {
				link.queryParam(name, value);
			}
		});
		if (page > 0) {
			link.queryParam("page", page);
		}
		return link.encode().build().toUriString();
	}

	/** The previous page's link, or null on the first page. */
	public static @Nullable String previous(String path, Map<String, @Nullable String> params, int page) {
		return (page > 0) ? link(path, params, page - 1) : null;
	}

	/** The next page's link, or null when this page is not full. */
	public static @Nullable String next(String path, Map<String, @Nullable String> params, int page, int shown,
			int size) {
		return (shown >= size) ? link(path, params, page + 1) : null;
	}

}
