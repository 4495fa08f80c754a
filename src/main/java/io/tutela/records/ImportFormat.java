package io.tutela.records;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file formats an import reads, one row at a time: CSV with a header line, and JSON
 * Lines (one object per line). A line that cannot be read is reported as a problem of
 * that line.
 */
public enum ImportFormat {

	CSV, JSON_LINES;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The format named by a media type: {@code text/csv} or {@code application/x-ndjson}.
	 */
	public static ImportFormat ofMediaType(String mediaType) {
		String type = mediaType.toLowerCase(java.util.Locale.ROOT);
		if (type.startsWith("text/csv")) {
			return CSV;
		}
		if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl")
				|| type.startsWith("application/json-lines") || type.startsWith("application/x-jsonlines")) {
			return JSON_LINES;
		}
		throw new IllegalArgumentException(
				"send CSV (text/csv) or JSON Lines (application/x-ndjson), not '" + mediaType + "'");
	}

	/**
	 * The file's column names (CSV: the header; JSON Lines: known only row by row, so
	 * null).
	 */
	Iterator<ImportRow> rows(InputStream in, Consumer<List<String>> header, Consumer<ImportReport.RowProblem> bad) {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		return (this == CSV) ? csv(reader, header) : jsonLines(reader, bad);
	}

	private static Iterator<ImportRow> csv(BufferedReader reader, Consumer<List<String>> header) {
		try {
			CSVParser parser = CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setIgnoreSurroundingSpaces(true)
				.setIgnoreEmptyLines(true)
				.get()
				.parse(reader);
			header.accept(parser.getHeaderNames());
			Iterator<CSVRecord> records = parser.iterator();
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return records.hasNext();
				}

				@Override
				public ImportRow next() {
					CSVRecord record = records.next();
					Map<String, String> values = new LinkedHashMap<>();
					record.toMap().forEach((k, v) -> values.put(k.strip(), v));
					return new ImportRow(record.getRecordNumber() + 1, values);
				}

			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Iterator<ImportRow> jsonLines(BufferedReader reader, Consumer<ImportReport.RowProblem> bad) {
		return new Iterator<>() {

			long line;

			ImportRow next;

			@Override
			public boolean hasNext() {
				while (this.next == null) {
					String text;
					try {
						text = reader.readLine();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					if (text == null) {
						return false;
					}
					this.line++;
					if (text.isBlank()) {
						continue;
					}
					try {
						JsonNode node = JSON.readTree(text);
						if (!node.isObject()) {
							bad.accept(new ImportReport.RowProblem(this.line, "", "each line must be a JSON object"));
							continue;
						}
						Map<String, String> values = new LinkedHashMap<>();
						node.properties()
							.forEach((e) -> values.put(e.getKey(), e.getValue().isNull() ? null
									: e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
						this.next = new ImportRow(this.line, values);
					}
					catch (JacksonException ex) {
						bad.accept(new ImportReport.RowProblem(this.line, "", "not valid JSON"));
					}
				}
				return true;
			}

			@Override
			public ImportRow next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				ImportRow row = this.next;
				this.next = null;
				return row;
			}

		};
	}

}
