package io.tutela.consent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import io.tutela.records.ImportRejectedException;
import io.tutela.records.ImportReport;
import io.tutela.subject.PhoneNumbers;

/**
 * Snapshots of the Registro Pubblico delle Opposizioni. A snapshot file (CSV
 * {@code number,registered_on}, millions of rows) is read one line at a time and streamed
 * through {@code COPY}: a file with any bad row writes nothing.
 */
@Repository
class RegisterSnapshots {

	/** How many bad rows a refusal lists; all are counted. */
	static final int LISTED_ERRORS = 1000;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	RegisterSnapshots(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * Imports a snapshot in the caller's transaction, and collects its numbers into the
	 * index given.
	 */
	Snapshot load(String controllerId, LocalDate takenOn, @Nullable String fileName, String importedBy, Instant now,
			InputStream in, RegisterIndex.Builder index) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("INSERT INTO register_snapshot (id, controller_id, taken_on, imported_at, imported_by, "
					+ "file_name, entries) VALUES (:id, :c, :taken, :at, :by, :file, 0)")
			.param("id", id)
			.param("c", controllerId)
			.param("taken", takenOn)
			.param("at", Timestamp.from(now))
			.param("by", importedBy)
			.param("file", fileName)
			.update();
		List<ImportReport.RowProblem> listed = new ArrayList<>();
		long errors = 0;
		long rows = 0;
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
				Writer copy = new OutputStreamWriter(
						new PGCopyOutputStream(connection.unwrap(PGConnection.class),
								"COPY register_entry (snapshot_id, number, registered_on) FROM STDIN", 1 << 16),
						StandardCharsets.UTF_8)) {
			String header = reader.readLine();
			if (header == null || !header.strip().replace("\"", "").equals("number,registered_on")) {
				throw rejected(controllerId, 0, 1, List
					.of(new ImportReport.RowProblem(1, "header", "the first line must be number,registered_on")));
			}
			String prefix = id + "\t";
			String line;
			long lineNumber = 1;
			while ((line = reader.readLine()) != null) {
				lineNumber++;
				if (line.isBlank()) {
					continue;
				}
				rows++;
				String problemField = null;
				String problem = null;
				int comma = line.indexOf(',');
				String number = unquote((comma < 0) ? line : line.substring(0, comma));
				String date = (comma < 0) ? "" : unquote(line.substring(comma + 1));
				String e164 = PhoneNumbers.validE164(number);
				LocalDate registered = null;
				if (e164 == null) {
					problemField = "number";
					problem = (PhoneNumbers.normalise(number) instanceof PhoneNumbers.Invalid invalid)
							? invalid.reason() : "is not a valid phone number";
				}
				else {
					try {
						registered = LocalDate.parse(date);
						if (registered.isAfter(takenOn)) {
							problemField = "registered_on";
							problem = "is after the day the snapshot was taken (" + takenOn + ")";
						}
					}
					catch (DateTimeParseException ex) {
						problemField = "registered_on";
						problem = "is not a date YYYY-MM-DD";
					}
				}
				if (problem != null) {
					errors++;
					if (listed.size() < LISTED_ERRORS) {
						listed.add(new ImportReport.RowProblem(lineNumber, problemField, problem));
					}
				}
				else if (errors == 0) {
					index.add(Long.parseLong(e164, 1, e164.length(), 10), registered);
					copy.write(prefix);
					copy.write(e164, 1, e164.length() - 1);
					copy.write('\t');
					copy.write(registered.toString());
					copy.write('\n');
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into the register failed", ex);
		}
		if (errors > 0) {
			throw rejected(controllerId, rows, errors, listed);
		}
		this.jdbc.sql("UPDATE register_snapshot SET entries = :n WHERE id = :id")
			.param("n", rows)
			.param("id", id)
			.update();
		this.jdbc.sql("ANALYZE register_entry").update();
		return find(controllerId, id).orElseThrow();
	}

	private static ImportRejectedException rejected(String controllerId, long rows, long errors,
			List<ImportReport.RowProblem> listed) {
		return new ImportRejectedException(
				new ImportReport(controllerId, "opposition-register", rows, 0, 0, 0, errors, listed));
	}

	private static String unquote(String value) {
		String v = value.strip();
		return (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) ? v.substring(1, v.length() - 1) : v;
	}

	Optional<Snapshot> find(String controllerId, UUID id) {
		return this.jdbc.sql("SELECT * FROM register_snapshot WHERE controller_id = :c AND id = :id")
			.param("c", controllerId)
			.param("id", id)
			.query(RegisterSnapshots::map)
			.optional();
	}

	/** The controllers that have imported a snapshot. */
	List<String> controllers() {
		return this.jdbc.sql("SELECT DISTINCT controller_id FROM register_snapshot ORDER BY controller_id")
			.query(String.class)
			.list();
	}

	List<Snapshot> list(String controllerId) {
		return this.jdbc
			.sql("SELECT * FROM register_snapshot WHERE controller_id = :c ORDER BY taken_on DESC, imported_at DESC")
			.param("c", controllerId)
			.query(RegisterSnapshots::map)
			.list();
	}

	/**
	 * The newest snapshot of controller {@code :c} taken on or before day {@code :d}: the
	 * last taken, and of those the last imported.
	 */
	static final String NEWEST = "SELECT * FROM register_snapshot WHERE controller_id = :c AND taken_on <= :d "
			+ "ORDER BY taken_on DESC, imported_at DESC LIMIT 1";

	/** The newest snapshot taken on or before a day. */
	Optional<Snapshot> newest(String controllerId, LocalDate onOrBefore) {
		return this.jdbc.sql(NEWEST)
			.param("c", controllerId)
			.param("d", onOrBefore)
			.query(RegisterSnapshots::map)
			.optional();
	}

	/**
	 * A query of a number's registration in the newest snapshot ({@link #NEWEST}): a row
	 * of the snapshot's {@code id}, {@code taken_on} and {@code registered_on} (null when
	 * the number is not registered), none without a snapshot.
	 * @param number an SQL expression of the number's digits, as a bigint
	 */
	static String registrationOf(String number) {
		return "SELECT s.id, s.taken_on, (SELECT min(e.registered_on) FROM register_entry e "
				+ "WHERE e.snapshot_id = s.id AND e.number = " + number + ") AS registered_on FROM (" + NEWEST + ") s";
	}

	/** The registration a row of {@link #registrationOf} gives, if any. */
	static ContactFacts.@Nullable Registration registration(java.sql.ResultSet rs) throws SQLException {
		java.sql.Date on = rs.getDate("registered_on");
		return (on != null) ? new ContactFacts.Registration(UUID.fromString(rs.getString("id")),
				rs.getDate("taken_on").toLocalDate(), on.toLocalDate()) : null;
	}

	/** A number's registration in the newest snapshot taken on or before a day. */
	ContactFacts.@Nullable Registration registration(String controllerId, String e164, LocalDate day) {
		return this.jdbc.sql(registrationOf(":n"))
			.param("c", controllerId)
			.param("d", day)
			.param("n", Long.parseLong(e164.substring(1)))
			.query((rs, n) -> registration(rs))
			.list()
			.stream()
			.filter((r) -> r != null)
			.findFirst()
			.orElse(null);
	}

	static Snapshot map(java.sql.ResultSet rs, int row) throws SQLException {
		return new Snapshot(UUID.fromString(rs.getString("id")), rs.getString("controller_id"),
				rs.getDate("taken_on").toLocalDate(), rs.getTimestamp("imported_at").toInstant(),
				rs.getString("imported_by"), rs.getString("file_name"), rs.getLong("entries"));
	}

	/** A snapshot of the register as imported. */
	record Snapshot(UUID id, String controllerId, LocalDate takenOn, Instant importedAt, String importedBy,
			@Nullable String fileName, long entries) {
	}

}
