package io.tutela.consent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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

	private static final byte[][] PROVENANCE_KEYS = Arrays.stream(PROVENANCES)
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
	 * Reads a list as CSV {@code number,provenance} with its header, a line at a time; a
	 * line of plain ASCII (the usual one) is read from its bytes, without making a string
	 * of it.
	 */
	static CampaignList read(InputStream in) throws IOException {
		BufferedInputStream bytes = new BufferedInputStream(in, 1 << 16);
		Line line = new Line();
		if (!line.next(bytes) || !line.text().strip().equals("number,provenance")) {
			throw InvalidInputException.of("header", "the first line must be number,provenance");
		}
		CampaignList list = new CampaignList();
		while (line.next(bytes)) {
			if (line.ascii()) {
				list.addAscii(line.bytes, line.length);
			}
			else {
				String text = line.text();
				if (!text.isBlank()) {
					int comma = text.indexOf(',');
					list.add(text, 0, (comma < 0) ? text.length() : comma, (comma < 0) ? -1 : comma + 1);
				}
			}
		}
		return list;
	}

	/** One line of the input, its end of line left out. */
	private static final class Line {

		byte[] bytes = new byte[128];

		int length;

		boolean next(InputStream in) throws IOException {
			this.length = 0;
			int b = in.read();
			if (b < 0) {
				return false;
			}
			while (b >= 0 && b != '\n') {
				if (this.length == this.bytes.length) {
					this.bytes = Arrays.copyOf(this.bytes, this.length * 2);
				}
				this.bytes[this.length++] = (byte) b;
				b = in.read();
			}
			if (this.length > 0 && this.bytes[this.length - 1] == '\r') {
				this.length--;
			}
			return true;
		}

		boolean ascii() {
			for (int i = 0; i < this.length; i++) {
				if (this.bytes[i] < 0) {
					return false;
				}
			}
			return true;
		}

		String text() {
			return new String(this.bytes, 0, this.length, StandardCharsets.UTF_8);
		}

	}

	/** Adds a line of plain ASCII from its bytes; a blank line is skipped. */
	private void addAscii(byte[] line, int length) {
		int comma = -1;
		boolean blank = true;
		for (int i = 0; i < length; i++) {
			if (comma < 0 && line[i] == ',') {
				comma = i;
			}
			blank &= space(line[i]);
		}
		if (blank) {
			return;
		}
		int from = 0;
		int to = (comma < 0) ? length : comma;
		while (from < to && space(line[from])) {
			from++;
		}
		while (to > from && space(line[to - 1])) {
			to--;
		}
		long key = canonicalItalian(line, from, to);
		Provenance provenance = (comma < 0) ? null : provenance(line, comma + 1, length);
		if (key < 0 || provenance == null) {
			// anything else goes the way of a string
			String text = new String(line, 0, length, StandardCharsets.US_ASCII);
			add(text, 0, (comma < 0) ? text.length() : comma, (comma < 0) ? -1 : comma + 1);
			return;
		}
		int i = this.size;
		grow();
		this.keys[i] = key;
		this.given[i] = null;
		this.provenances[i] = (byte) provenance.ordinal();
		this.size++;
	}

	private static @Nullable Provenance provenance(byte[] line, int from, int to) {
		while (from < to && space(line[from])) {
			from++;
		}
		while (to > from && space(line[to - 1])) {
			to--;
		}
		for (int p = 0; p < PROVENANCES.length; p++) {
			byte[] key = PROVENANCE_KEYS[p];
			if (key.length == to - from && Arrays.equals(line, from, to, key, 0, key.length)) {
				return PROVENANCES[p];
			}
		}
		return null;
	}

	/** The digits of a number written {@code +39} and 6 to 12 digits, or -1. */
	private static long canonicalItalian(byte[] text, int from, int to) {
		int digits = to - from - 3;
		if (digits < 6 || digits > 12 || text[from] != '+' || text[from + 1] != '3' || text[from + 2] != '9') {
			return -1;
		}
		long value = 39;
		for (int i = from + 3; i < to; i++) {
			byte c = text[i];
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/** What {@link Character#isWhitespace} calls white space, among ASCII bytes. */
	private static boolean space(byte b) {
		return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F);
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
		for (Provenance p : PROVENANCES) {
			String key = p.key();
			if (key.length() == to - from && line.regionMatches(from, key, 0, key.length())) {
				return p;
			}
		}
		return null;
	}

	/**
	 * The digits of a number written {@code +39} and 6 to 12 digits, or -1 for any other
	 * writing.
	 */
	static long canonicalItalian(String text, int from, int to) {
		int digits = to - from - 3;
		if (digits < 6 || digits > 12 || !text.startsWith("+39", from)) {
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
