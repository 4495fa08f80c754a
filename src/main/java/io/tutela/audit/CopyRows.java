package io.tutela.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Audit rows in the text format of PostgreSQL's {@code COPY}: tab-separated columns,
 * {@code \N} for null, backslash escapes; {@code text[]} as an array literal.
 */
final class CopyRows {

	private CopyRows() {
	}

	static void append(StringBuilder rows, AuditEntry e) {
		rows.append(e.seq()).append('\t');
		rows.append(CanonicalEncoding.time(e.occurredAt())).append('\t');
		text(rows, e.actor()).append('\t');
		text(rows, e.actorRole()).append('\t');
		text(rows, e.controllerId()).append('\t');
		text(rows, e.action()).append('\t');
		text(rows, array(e.targetIds())).append('\t');
		text(rows, e.category()).append('\t');
		text(rows, e.purpose()).append('\t');
		text(rows, e.outcome()).append('\t');
		text(rows, e.clientAddress()).append('\t');
		rows.append(e.prevHash()).append('\t');
		rows.append(e.hash()).append('\n');
	}

	/** A {@code text[]} literal: every element double-quoted. */
	static String array(List<String> values) {
		StringBuilder literal = new StringBuilder(2 + values.size() * 12).append('{');
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append('"');
			String value = values.get(i);
			for (int j = 0; j < value.length(); j++) {
				char c = value.charAt(j);
				if (c == '"' || c == '\\') {
					literal.append('\\');
				}
				literal.append(c);
			}
			literal.append('"');
		}
		return literal.append('}').toString();
	}

	private static StringBuilder text(StringBuilder rows, @Nullable String value) {
		if (value == null) {
			return rows.append("\\N");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> rows.append("\\\\");
				case '\t' -> rows.append("\\t");
				case '\n' -> rows.append("\\n");
				case '\r' -> rows.append("\\r");
				default -> rows.append(c);
			}
		}
		return rows;
	}

}
