package io.tutela.consent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tutela.web.InvalidInputException;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * A campaign list as read, in arrays rather than an object per line (a list may hold
 * millions of numbers): for each line the digits of its number when it is written in
 * canonical Italian E.164 ({@code +39} and 6 to 12 digits), otherwise the text given; and
 * its provenance. What is wrong with the lines is collected as it is read.
 */
final class CampaignList {

	/** The longest text kept of a number as given. */
	static final int GIVEN_LIMIT = 100;

	private static final Provenance[] PROVENANCES = Provenance.values();

	/** How many digits follow {@code +39} in a number in canonical Italian form. */
	private static final int FEWEST_DIGITS = 6;

	private static final int MOST_DIGITS = 12;

	/** The provenances as written, in UTF-8. */
	private static final byte[][] KEYS = Arrays.stream(PROVENANCES)
		.map((p) -> p.key().getBytes(StandardCharsets.US_ASCII))
		.toArray(byte[][]::new);

	private int size;

	/** The digits of a number in canonical Italian form, or -1. */
	long[] keys = new long[1024];

	/** The number as given, where it is not in canonical Italian form. */
	@Nullable String[] given = new String[1024];

	private byte[] provenances = new byte[1024];

	private final List<FieldProblem> problems = new ArrayList<>();

	private long wrong;

	int size() {
		return this.size;
	}

	Provenance provenance(int line) {
		return PROVENANCES[this.provenances[line]];
	}

	/** The first hundred problems of the lines. */
	List<FieldProblem> problems() {
		return this.problems;
	}

	/**
	 * Reads a list as CSV {@code number,provenance} with its header, a block of bytes at
	 * a time: a line written exactly {@code +39…,provenance} is taken from its bytes, any
	 * other is decoded and read as text (lines end at {@code \n}, {@code \r\n} or
	 * {@code \r}, as {@link BufferedReader#readLine} ends them).
	 */
	static CampaignList read(InputStream in) throws IOException {
		CampaignList list = new CampaignList();
		byte[] buffer = new byte[1 << 16];
		int start = 0;
		int end = 0;
		boolean header = true;
		boolean eof = false;
		while (true) {
			int newline = -1;
			for (int i = start; i < end; i++) {
				if (buffer[i] == '\n') {
					newline = i;
					break;
				}
			}
			if (newline < 0 && !eof) {
				if (start > 0) {
					System.arraycopy(buffer, start, buffer, 0, end - start);
					end -= start;
					start = 0;
				}
				if (end == buffer.length) {
					buffer = Arrays.copyOf(buffer, buffer.length * 2);
				}
				int read = in.read(buffer, end, buffer.length - end);
				if (read < 0) {
					eof = true;
				}
				else {
					end += read;
				}
				continue;
			}
			int to = (newline >= 0) ? newline : end;
			if (header) {
				header = false;
				list.text(buffer, start, to, true);
			}
			else if (!list.exact(buffer, start, (to > start && buffer[to - 1] == '\r') ? to - 1 : to)) {
				list.text(buffer, start, to, false);
			}
			if (newline < 0) {
				break;
			}
			start = newline + 1;
		}
		return list;
	}

	/**
	 * Adds the line if it is written exactly {@code +39} and 6 to 12 digits, a comma and
	 * a provenance; otherwise adds nothing.
	 */
	private boolean exact(byte[] bytes, int from, int to) {
		if (to - from < 3 + FEWEST_DIGITS + 1 || bytes[from] != '+' || bytes[from + 1] != '3'
				|| bytes[from + 2] != '9') {
			return false;
		}
		long value = 39;
		int i = from + 3;
		while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
			value = value * 10 + (bytes[i++] - '0');
		}
		int digits = i - from - 3;
		if (digits < FEWEST_DIGITS || digits > MOST_DIGITS || i == to || bytes[i] != ',') {
			return false;
		}
		for (Provenance provenance : PROVENANCES) {
			byte[] key = KEYS[provenance.ordinal()];
			if (to - i - 1 == key.length && Arrays.equals(bytes, i + 1, to, key, 0, key.length)) {
				grow();
				this.keys[this.size] = value;
				this.given[this.size] = null;
				this.provenances[this.size] = (byte) provenance.ordinal();
				this.size++;
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads the bytes as text: the header (which must be the first line), or lines of the
	 * list.
	 */
	private void text(byte[] bytes, int from, int to, boolean header) {
		String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
		boolean first = header;
		for (String line : text.split("\r", -1)) {
			if (first) {
				first = false;
				if (!line.strip().equals("number,provenance")) {
					throw InvalidInputException.of("header", "the first line must be number,provenance");
				}
			}
			else if (!line.isBlank()) {
				int comma = line.indexOf(',');
				add(line, 0, (comma < 0) ? line.length() : comma, (comma < 0) ? -1 : comma + 1);
			}
		}
	}

	private void grow() {
		if (this.size == this.keys.length) {
			int grown = this.size * 2;
			this.keys = Arrays.copyOf(this.keys, grown);
			this.given = Arrays.copyOf(this.given, grown);
			this.provenances = Arrays.copyOf(this.provenances, grown);
		}
	}

	/** A list from rows of number and provenance. */
	static CampaignList of(List<String[]> rows) {
		CampaignList list = new CampaignList();
		for (String[] row : rows) {
			String number = (row[0] != null) ? row[0] : "";
			String provenance = (row[1] != null) ? row[1] : null;
			String line = (provenance != null) ? number + "," + provenance : number;
			list.add(line, 0, number.length(), (provenance != null) ? number.length() + 1 : -1);
		}
		return list;
	}

	/**
	 * Adds a line: its number between {@code from} and {@code to}, its provenance from
	 * {@code provenanceAt} to the end (none when negative).
	 */
	private void add(String line, int from, int to, int provenanceAt) {
		int i = this.size;
		grow();
		while (from < to && Character.isWhitespace(line.charAt(from))) {
			from++;
		}
		while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
			to--;
		}
		Provenance provenance = (provenanceAt >= 0) ? provenance(line, provenanceAt) : null;
		this.keys[i] = canonicalItalian(line, from, to);
		this.given[i] = (this.keys[i] >= 0) ? null : line.substring(from, Math.min(to, from + GIVEN_LIMIT));
		if (provenance == null || from == to) {
			this.wrong++;
			if (this.problems.size() < 100 && from == to) {
				this.problems.add(new FieldProblem("rows[" + i + "].number", "is missing"));
			}
			if (this.problems.size() < 100 && provenance == null) {
				this.problems.add(new FieldProblem("rows[" + i + "].provenance",
						"public_directory, third_party_list, own_archive or inbound_callback"));
			}
		}
		else {
			this.provenances[i] = (byte) provenance.ordinal();
		}
		this.size++;
	}

	/** How many lines are wrong (the problems list the first hundred). */
	long wrong() {
		return this.wrong;
	}

	private static @Nullable Provenance provenance(String line, int from) {
		int to = line.length();
		while (from < to && Character.isWhitespace(line.charAt(from))) {
			from++;
		}
		while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
			to--;
		}
		return Provenance.of(line.substring(from, to));
	}

	/**
	 * The digits of a number written {@code +39} and 6 to 12 digits, or -1 for any other
	 * writing.
	 */
	private static long canonicalItalian(String text, int from, int to) {
		int digits = to - from - 3;
		if (digits < FEWEST_DIGITS || digits > MOST_DIGITS || !text.startsWith("+39", from)) {
			return -1;
		}
		long value = 39;
		for (int i = from + 3; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
