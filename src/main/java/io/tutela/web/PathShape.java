package io.tutela.web;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * What a plain path pattern asks of a path that can be told without matching it: how many
 * segments the path has, and the text of the segments the pattern writes out. A pattern
 * whose every segment is either text or one whole variable ({@code /api/v1/controllers/
 * {controllerId}/contact-decision}) has a shape; any other ({@code **}, {@code *},
 * {@code {*rest}}, {@code ?}, a variable beside text in one segment, an empty segment)
 * has none, and may match any path. A path that does not fit the shape is not matched by
 * the pattern (when text is compared case-sensitively, the framework's default); a path
 * that fits may still not be, which the pattern itself tells.
 */
final class PathShape {

	/** The shape of a pattern that may match any path. */
	static final PathShape ANY = new PathShape(new String[0], false);

	/** One variable taking a whole segment: {@code {name}} or {@code {name:regex}}. */
	private static final Pattern WHOLE_VARIABLE = Pattern.compile("\\{[^{}*/]+\\}");

	/** By segment: the text the pattern writes, or null where a variable takes it. */
	private final String[] texts;

	private final boolean known;

	private PathShape(String[] texts, boolean known) {
		this.texts = texts;
		this.known = known;
	}

	/** The shape of a pattern as written, {@link #ANY} if it has none. */
	static PathShape of(String pattern) {
		if (!pattern.startsWith("/") || pattern.length() == 1) {
			return ANY;
		}
		String[] segments = pattern.substring(1).split("/", -1);
		String[] texts = new String[segments.length];
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			if (WHOLE_VARIABLE.matcher(segment).matches()) {
				texts[i] = null;
			}
			else if (segment.isEmpty() || segment.chars().anyMatch((c) -> "{}*?".indexOf(c) >= 0)) {
				return ANY;
			}
			else {
				texts[i] = segment;
			}
		}
		return new PathShape(texts, true);
	}

	/** How many segments a path of this shape has; -1 for {@link #ANY}. */
	int size() {
		return this.known ? this.texts.length : -1;
	}

	/**
	 * The segments of a path as patterns match them ({@code valueToMatch}: decoded,
	 * without matrix variables), or null when it is not plain segments ({@code /a/b}: no
	 * empty segment, no trailing {@code /}).
	 */
	static String @Nullable [] segments(PathContainer path) {
		List<PathContainer.Element> elements = path.elements();
		int size = elements.size();
		if (size % 2 != 0) {
			return null;
		}
		String[] segments = new String[size / 2];
		for (int i = 0; i < size; i += 2) {
			if (!(elements.get(i) instanceof PathContainer.Separator)
					|| !(elements.get(i + 1) instanceof PathContainer.PathSegment segment)) {
				return null;
			}
			segments[i / 2] = segment.valueToMatch();
		}
		return segments;
	}

	/**
	 * False only when the pattern cannot match a path of these segments: another number
	 * of them, or another text where the pattern writes one.
	 * @param segments the path's {@link #segments}; null (not plain segments) may match
	 */
	boolean mayMatch(String @Nullable [] segments) {
		if (!this.known || segments == null) {
			return true;
		}
		if (segments.length != this.texts.length) {
			return false;
		}
		for (int i = 0; i < this.texts.length; i++) {
			if (this.texts[i] != null && !this.texts[i].equals(segments[i])) {
				return false;
			}
		}
		return true;
	}

}
