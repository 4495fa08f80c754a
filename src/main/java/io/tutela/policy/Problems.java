package io.tutela.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the problems of one policy file, each placed at the line of its path. */
final class Problems {

	private final String file;

	private final List<PolicyProblem> found = new ArrayList<>();

	private final Map<String, Integer> lines = new HashMap<>();

	Problems(String file) {
		this.file = file;
	}

	void line(String path, int line) {
		this.lines.putIfAbsent(path, line);
	}

	/** Reports a problem at a path, on the line of that path or of its nearest parent. */
	void at(String path, String message) {
		this.found.add(new PolicyProblem(this.file, path, lineOf(path), message));
	}

	void atLine(String path, int line, String message) {
		this.found.add(new PolicyProblem(this.file, path, line, message));
	}

	private int lineOf(String path) {
		String p = path;
		while (!p.isEmpty()) {
			Integer line = this.lines.get(p);
			if (line != null) {
				return line;
			}
			int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
			p = (cut < 0) ? "" : p.substring(0, cut);
		}
		return this.lines.getOrDefault("", 1);
	}

	boolean isEmpty() {
		return this.found.isEmpty();
	}

	List<PolicyProblem> list() {
		return List.copyOf(this.found);
	}

}
