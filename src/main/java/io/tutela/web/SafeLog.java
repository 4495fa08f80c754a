package io.tutela.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What of an exception may go to the application log: its types and where it was thrown,
 * never its messages, which can carry the personal data of the request that failed.
 */
public final class SafeLog {

	private static final int FRAMES = 8;

	private SafeLog() {
	}

	public static String describe(Throwable error) {
		List<String> parts = new ArrayList<>();
		Throwable current = error;
		int depth = 0;
		while (current != null && depth++ < 5) {
			StringBuilder part = new StringBuilder(current.getClass().getName());
			if (current instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
				part.append(" (SQL state ").append(sql.getSQLState()).append(')');
			}
			StackTraceElement[] frames = current.getStackTrace();
			for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
				part.append("\n\tat ").append(frames[i]);
			}
			parts.add(part.toString());
			current = current.getCause();
		}
		return String.join("\ncaused by ", parts);
	}

}
