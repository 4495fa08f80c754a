package io.tutela.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A path shape turns a path away only when its pattern does not match it: by the number
 * of segments and the text of the pattern's written ones; patterns of any other form, and
 * paths that are not plain segments, are left to the pattern.
 */
class PathShapeUnitTest {

	static final List<String> PATTERNS = List.of("/api/v1/controllers/{controllerId}/contact-decision",
			"/api/v1/controllers/{controllerId}/campaign-checks/{id}", "/api/v1/controllers/{id:[a-z]+}/subjects",
			"/api/v1/me", "/api/v1/controllers/{controllerId}/checks/{id}.csv", "/css/**", "/unsubscribe/*",
			"/files/{*rest}", "/a?c", "/", "/api//twice");

	static final List<String> PATHS = List.of("/api/v1/controllers/connext/contact-decision",
			"/api/v1/controllers/connext/contact-decision/", "/api/v1/controllers/connext/campaign-checks/42",
			"/api/v1/controllers/connext/campaign-checks", "/api/v1/controllers/Connext/subjects",
			"/api/v1/controllers/connext/subjects", "/api/v1/me", "/api/v1/me;x=1", "/API/v1/me", "/api/v1//me",
			"/api/v1/controllers/connext/checks/7.csv", "/css/site/main.css", "/unsubscribe/token", "/files/a/b/c",
			"/abc", "/", "", "/api//twice", "/api/v1/controllers/%63onnext/contact-decision",
			"/api/v1/controllers//contact-decision", "/api/v1/controllers/connext/contact%2Ddecision");

	/**
	 * Whether the shape may match the path, by the path's segments as the lookup takes
	 * them.
	 */
	static boolean mayMatch(PathShape shape, PathContainer path) {
		return shape.mayMatch(PathShape.segments(path));
	}

	static boolean mayMatch(PathShape shape, String path) {
		return mayMatch(shape, PathContainer.parsePath(path));
	}

	@Test
	void turnsAwayOnlyWhatThePatternDoesNotMatch() {
		PathPatternParser parser = new PathPatternParser();
		int turnedAway = 0;
		int notMatchedByShapedPatterns = 0;
		for (String written : PATTERNS) {
			PathPattern pattern = parser.parse(written);
			PathShape shape = PathShape.of(pattern.getPatternString());
			for (String given : PATHS) {
				PathContainer path = PathContainer.parsePath(given);
				if (shape != PathShape.ANY && !pattern.matches(path)) {
					notMatchedByShapedPatterns++;
				}
				if (!mayMatch(shape, path)) {
					turnedAway++;
					assertThat(pattern.matches(path)).as(written + " against " + given).isFalse();
				}
			}
		}
		assertThat(turnedAway).as("of the paths a pattern with a shape does not match, most told by the shape alone")
			.isGreaterThan(notMatchedByShapedPatterns / 2);
	}

	@Test
	void comparesTheNumberOfSegmentsAndTheWrittenText() {
		PathShape decision = PathShape.of("/api/v1/controllers/{controllerId}/contact-decision");
		assertThat(mayMatch(decision, "/api/v1/controllers/ipkom/contact-decision")).isTrue();
		assertThat(mayMatch(decision, "/api/v1/controllers/ipkom/contact-decisions")).isFalse();
		assertThat(mayMatch(decision, "/api/v1/controllers/ipkom/contact-decision/x")).isFalse();
		assertThat(mayMatch(decision, "/api/v1/controllers/contact-decision")).isFalse();
		assertThat(mayMatch(decision, "/api/v1/controllers/ipkom;v=1/contact-decision"))
			.as("matrix variables are not the segment's text")
			.isTrue();
		assertThat(mayMatch(decision, "/api/v1/controllers/ipkom/contact-decision/"))
			.as("a trailing separator is left to the pattern")
			.isTrue();
	}

	@Test
	void patternsOfOtherFormsMayMatchAnyPath() {
		PathContainer path = PathContainer.parsePath("/somewhere/else");
		for (String written : List.of("/css/**", "/unsubscribe/*", "/files/{*rest}", "/a?c", "/",
				"/api/v1/controllers/{controllerId}/checks/{id}.csv", "/api//twice", "relative/path")) {
			assertThat(mayMatch(PathShape.of(written), path)).as(written).isTrue();
		}
	}

}
