package io.tutela.records;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * How the records of one kind are imported: the columns a file may have, how each row is
 * checked and staged, the checks that need the database (references, duplicates in the
 * file) and the SQL that merges the staged rows into their table on their natural key.
 */
public interface ImportSpec {

	/** The kind's name in the API path, as in {@code /imports/subjects}. */
	String name();

	RecordKind recordKind();

	/** The columns a file may have; any other column is refused. */
	Set<String> columns();

	/** The columns a file must have. */
	Set<String> requiredColumns();

	/**
	 * The staging table's columns, in order, with their SQL types; the first is
	 * {@code line bigint}.
	 */
	List<String> staging();

	/**
	 * The row's staged values in the order of {@link #staging()}, or null with its
	 * problems added.
	 */
	@Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems);

	/**
	 * Statements run over {@code import_staging} (with the parameter {@code :controller})
	 * after the rows are staged and before the checks, such as resolving references in
	 * one set-based pass.
	 */
	default List<String> prepare() {
		return List.of();
	}

	/**
	 * Queries over {@code import_staging} (with the parameter {@code :controller}) that
	 * return the rows the database refuses, as columns {@code line}, {@code field},
	 * {@code message}.
	 */
	List<String> checks();

	/**
	 * Merges {@code import_staging} into the kind's table, inserting new records and
	 * updating changed ones on their natural key, returning one row per record written
	 * with a boolean column {@code inserted}.
	 */
	String merge();

	/**
	 * Statements run after {@link #merge()} in the import's transaction (with the
	 * parameter {@code :controller}, {@code import_staging} still there), such as
	 * recording what the import wrote for a later step.
	 */
	default List<String> merged(Context context) {
		return List.of();
	}

	/**
	 * Whether the console's import page offers this kind. Kinds imported in bulk by the
	 * million under their own access rules (traffic data) go through the API and the
	 * command line only, where those rules apply.
	 */
	default boolean importedFromConsole() {
		return true;
	}

	/**
	 * How the rows are loaded straight into the kind's table, for kinds whose files are
	 * mostly new records by the million (traffic data); null (the default) to stage and
	 * merge every file. A direct load that meets a record already held, or the same
	 * natural key twice in the file, is undone and the file staged and merged instead.
	 * Rows of a direct load are checked by several threads at once: {@link #stage} must
	 * allow it.
	 */
	default @Nullable DirectLoad directLoad(Context context) {
		return null;
	}

	/** A load of one file straight into the kind's table, in one {@code COPY}. */
	interface DirectLoad {

		/**
		 * Statements run before the load (with the parameter {@code :controller}), such
		 * as creating the partitions the rows may go to.
		 */
		List<String> prepare();

		/** The {@code COPY … FROM STDIN WITH (FORMAT csv)} statement. */
		String copy();

		/** A staged row (see {@link #stage}) as the {@code COPY} loads it. */
		List<@Nullable Object> row(List<@Nullable Object> staged);

		/**
		 * Statements run after every row was loaded, in the import's transaction (with
		 * the parameter {@code :controller}), such as recording what the import wrote for
		 * a later step.
		 */
		default List<String> loaded() {
			return List.of();
		}

	}

	/** What a row is checked against. */
	record Context(String controllerId, Policy policy, Policy.RecordMapping mapping) {
	}

}
