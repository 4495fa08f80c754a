package io.tutela.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * The subject a record names, if any: by the subject's id, or by one of its identifiers
 * (customer code, codice fiscale, e-mail, phone in E.164, licence number), within the
 * record's controller. Imports resolve them in SQL, over staged columns
 * {@code subject_id uuid} (a reference in the form of an id) and {@code subject_ref text}
 * (any other reference).
 */
@Component
class SubjectLinks {

	/**
	 * The staging columns of a subject reference, and of what {@link #PREPARE} finds for
	 * it: the subject linked and how many subjects match.
	 */
	static final List<String> STAGING = List.of("subject_id uuid", "subject_ref text", "linked uuid",
			"matches integer");

	/** Matches subjects {@code t} against the staged reference of row {@code s}. */
	static final String MATCH = " t.controller_id = :controller AND (t.id = s.subject_id"
			+ " OR t.customer_code = s.subject_ref OR t.codice_fiscale = upper(s.subject_ref)"
			+ " OR t.email = s.subject_ref OR t.phone = s.subject_ref OR t.licence_number = s.subject_ref)";

	/**
	 * Resolves every staged reference in one pass: one join per kind of identifier, so
	 * that each uses its index, then the subjects found counted per row.
	 */
	static final String PREPARE = """
			UPDATE import_staging s SET linked = r.id, matches = r.n
			FROM (SELECT m.line, (array_agg(m.id))[1] AS id, count(DISTINCT m.id) AS n FROM (
			        SELECT s.line, t.id FROM import_staging s
			          JOIN subject t ON t.controller_id = :controller AND t.id = s.subject_id
			        UNION ALL SELECT s.line, t.id FROM import_staging s
			          JOIN subject t ON t.controller_id = :controller AND t.customer_code = s.subject_ref
			        UNION ALL SELECT s.line, t.id FROM import_staging s
			          JOIN subject t ON t.controller_id = :controller AND t.codice_fiscale = upper(s.subject_ref)
			        UNION ALL SELECT s.line, t.id FROM import_staging s
			          JOIN subject t ON t.controller_id = :controller AND t.email = s.subject_ref
			        UNION ALL SELECT s.line, t.id FROM import_staging s
			          JOIN subject t ON t.controller_id = :controller AND t.phone = s.subject_ref
			        UNION ALL SELECT s.line, t.id FROM import_staging s
			          JOIN subject t ON t.controller_id = :controller AND t.licence_number = s.subject_ref) m
			      GROUP BY m.line) r
			WHERE r.line = s.line""";

	/** The subject's id for a merge: null when the row names no subject. */
	static final String LINKED = "s.linked";

	/** The import checks: a named subject must exist, and be only one. */
	static final List<String> CHECKS = List.of("""
			SELECT s.line, 'subject' AS field, 'no subject has this id or identifier' AS message
			FROM import_staging s WHERE (s.subject_id IS NOT NULL OR s.subject_ref IS NOT NULL) AND s.linked IS NULL""",
			"""
					SELECT s.line, 'subject' AS field, 'more than one subject has this identifier' AS message
					FROM import_staging s WHERE s.matches > 1""");

	private final JdbcClient jdbc;

	SubjectLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The staging columns of an import whose records may name their subject:
	 * {@code line}, {@code id}, the reference, then the kind's own columns.
	 */
	static List<String> staging(String... columns) {
		List<String> all = new ArrayList<>(List.of("line bigint", "id uuid"));
		all.addAll(STAGING);
		all.addAll(List.of(columns));
		return all;
	}

	/** A staged row in the order of {@link #staging}. */
	static List<@Nullable Object> staged(long line, UUID id, @Nullable String reference, @Nullable Object... values) {
		List<@Nullable Object> row = new ArrayList<>(Arrays.asList(line, id));
		row.addAll(stage(reference));
		row.addAll(Arrays.asList(values));
		return row;
	}

	/** The kind's own import checks, then those of the subject references. */
	static List<String> checks(String... checks) {
		List<String> all = new ArrayList<>(List.of(checks));
		all.addAll(CHECKS);
		return all;
	}

	/** The staged values of a reference, in the order of {@link #STAGING}. */
	static List<@Nullable Object> stage(@Nullable String reference) {
		String text = Fields.blank(reference);
		UUID id = Fields.uuid(text);
		return Arrays.asList(id, (id == null) ? text : null, null, null);
	}

	/**
	 * The subject a reference names, or null when there is no reference; a problem when
	 * it names none, or more than one.
	 */
	@Nullable UUID resolve(String controllerId, @Nullable String reference, List<FieldProblem> problems) {
		List<@Nullable Object> staged = stage(reference);
		if (staged.get(0) == null && staged.get(1) == null) {
			return null;
		}
		List<UUID> found = this.jdbc
			.sql("SELECT t.id FROM (SELECT CAST(:id AS uuid) AS subject_id, CAST(:ref AS text) AS subject_ref) s"
					+ " JOIN subject t ON" + MATCH + " LIMIT 2")
			.param("controller", controllerId)
			.param("id", staged.get(0))
			.param("ref", staged.get(1))
			.query(UUID.class)
			.list();
		if (found.isEmpty()) {
			problems.add(new FieldProblem("subject", "no subject has this id or identifier"));
			return null;
		}
		if (found.size() > 1) {
			problems.add(new FieldProblem("subject", "more than one subject has this identifier"));
			return null;
		}
		return found.get(0);
	}

}
