package io.tutela.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tutela.web.InvalidInputException;

/**
 * The SQL every table of service records shares: each has {@code id},
 * {@code controller_id}, its tags and {@code updated_at}, and a natural key unique within
 * its controller. The statements are written out from the table's column names; the
 * values always go as parameters.
 */
final class Sql {

	private Sql() {
	}

	/**
	 * Merges {@code import_staging s} into a table on its natural key: new records are
	 * inserted, changed ones updated, unchanged ones left alone; one row per record
	 * written, with the column {@code inserted}.
	 * @param key the natural key's columns after {@code controller_id} (none when a
	 * controller has one record of the kind)
	 * @param columns every column but {@code id} and {@code controller_id}, each with the
	 * expression over {@code s} that gives its value
	 */
	static String merge(String table, List<String> key, Map<String, String> columns) {
		List<String> updated = columns.keySet().stream().filter((c) -> !key.contains(c)).toList();
		List<String> conflict = new ArrayList<>(List.of("controller_id"));
		conflict.addAll(key);
		return "INSERT INTO " + table + " AS r (id, controller_id, " + String.join(", ", columns.keySet()) + ")\n"
				+ "SELECT s.id, :controller, " + String.join(", ", columns.values()) + "\nFROM import_staging s\n"
				+ "ON CONFLICT (" + String.join(", ", conflict) + ") DO UPDATE SET "
				+ updated.stream().map((c) -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
				+ ", updated_at = now()\nWHERE ("
				+ updated.stream().map((c) -> "r." + c).collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
				+ updated.stream().map((c) -> "EXCLUDED." + c).collect(Collectors.joining(", ")) + ")\n"
				+ "RETURNING (xmax = 0) AS inserted";
	}

	/** Columns merged as they were staged: each column with {@code s.column}. */
	static Map<String, String> staged(String... columns) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String column : columns) {
			map.put(column, "s." + column);
		}
		return map;
	}

	/**
	 * The staged {@code collected_at} when the row gives one, else the record's current
	 * one, else the time of the import (staged as {@code received_at}): importing the
	 * same file again changes nothing.
	 */
	static String collectedAt(String table, String keyMatch) {
		return "COALESCE(s.collected_at, (SELECT x.collected_at FROM " + table
				+ " x WHERE x.controller_id = :controller" + " AND " + keyMatch + "), s.received_at)";
	}

	/**
	 * A page of a table's records of one controller, the latest first by a time column,
	 * filtered by subject, number and a time range {@code [from, to)} where given.
	 */
	static <T> List<T> latest(JdbcClient jdbc, String table, String timeColumn, String controllerId,
			@Nullable UUID subjectId, @Nullable String number, @Nullable Instant from, @Nullable Instant to, int offset,
			int limit, RowMapper<T> mapper) {
		return jdbc
			.sql("SELECT * FROM " + table + " WHERE controller_id = :c"
					+ " AND (CAST(:subject AS uuid) IS NULL OR subject_id = CAST(:subject AS uuid))"
					+ " AND (CAST(:number AS text) IS NULL OR number = CAST(:number AS text))"
					+ " AND (CAST(:from AS timestamptz) IS NULL OR " + timeColumn + " >= CAST(:from AS timestamptz))"
					+ " AND (CAST(:to AS timestamptz) IS NULL OR " + timeColumn + " < CAST(:to AS timestamptz))"
					+ " ORDER BY " + timeColumn + " DESC, id OFFSET :o LIMIT :l")
			.param("c", controllerId)
			.param("subject", subjectId)
			.param("number", number)
			.param("from", Fields.timestamp(from))
			.param("to", Fields.timestamp(to))
			.param("o", offset)
			.param("l", limit)
			.query(mapper)
			.list();
	}

	/**
	 * A check that refuses the second and later rows of a file with the same natural key.
	 */
	static String duplicates(String field, String key, String what) {
		return "SELECT max(line) AS line, '" + field + "' AS field, 'the same " + what + " is on line ' || min(line)"
				+ " AS message FROM import_staging GROUP BY " + key + " HAVING count(*) > 1";
	}

	/**
	 * Inserts a record.
	 * @throws InvalidInputException naming {@code keyField} when another record has the
	 * same natural key
	 */
	static void insert(JdbcClient jdbc, String table, UUID id, String controllerId,
			Map<String, @Nullable Object> values, String keyField) {
		Map<String, @Nullable Object> all = new LinkedHashMap<>();
		all.put("id", id);
		all.put("controller_id", controllerId);
		all.putAll(values);
		String sql = "INSERT INTO " + table + " (" + String.join(", ", all.keySet()) + ") VALUES ("
				+ all.keySet().stream().map((c) -> ":" + c).collect(Collectors.joining(", ")) + ")";
		run(jdbc, sql, all, keyField);
	}

	/**
	 * Updates a record of a controller.
	 * @return whether the record exists
	 * @throws InvalidInputException naming {@code keyField} when another record has the
	 * same natural key
	 */
	static boolean update(JdbcClient jdbc, String table, UUID id, String controllerId,
			Map<String, @Nullable Object> values, String keyField) {
		List<String> sets = new ArrayList<>();
		values.keySet().forEach((c) -> sets.add(c + " = :" + c));
		Map<String, @Nullable Object> all = new LinkedHashMap<>(values);
		all.put("id", id);
		all.put("controller_id", controllerId);
		String sql = "UPDATE " + table + " SET " + String.join(", ", sets)
				+ ", updated_at = now() WHERE id = :id AND controller_id = :controller_id";
		return run(jdbc, sql, all, keyField) > 0;
	}

	private static int run(JdbcClient jdbc, String sql, Map<String, @Nullable Object> values, String keyField) {
		try {
			return jdbc.sql(sql).params(values).update();
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInputException.of(keyField, "another record has the same " + keyField.replace('_', ' '));
		}
	}

}
