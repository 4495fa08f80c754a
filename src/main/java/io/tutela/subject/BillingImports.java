package io.tutela.subject;

import java.util.Currency;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * What the imports of portal accounts, invoices and payments share: set-based subject
 * resolution, duplicate checks, currency codes.
 */
final class BillingImports {

	private BillingImports() {
	}

	static String resolveSubjects() {
		return """
				UPDATE import_staging s SET subject_id = r.id
				FROM (SELECT s2.line, coalesce(a.id, (SELECT t.id FROM subject t WHERE t.controller_id = :controller
				          AND (t.codice_fiscale = upper(s2.subject_ref) OR t.email = s2.subject_ref
				               OR t.phone = s2.subject_ref OR t.licence_number = s2.subject_ref) LIMIT 1)) AS id
				      FROM import_staging s2
				      LEFT JOIN subject a ON a.controller_id = :controller AND a.customer_code = s2.subject_ref) r
				WHERE r.line = s.line AND r.id IS NOT NULL""";
	}

	/**
	 * Rows without {@code collected_at} keep the one already held for their natural key,
	 * or take the import's time: re-importing a file changes nothing.
	 */
	static String keepCollectedAt(String table, String key) {
		return "UPDATE import_staging s SET collected_at = coalesce((SELECT t.collected_at FROM " + table
				+ " t WHERE t.controller_id = :controller AND t." + key + " = s." + key + "), now())"
				+ " WHERE s.collected_at IS NULL";
	}

	static String duplicates(String column, String what) {
		return "SELECT max(line) AS line, '" + column + "' AS field, 'the same " + what
				+ " is on line ' || min(line) AS message FROM import_staging GROUP BY " + column
				+ " HAVING count(*) > 1";
	}

	static String unresolvedSubjects() {
		return """
				SELECT line, 'subject' AS field, 'no subject has this identifier' AS message
				FROM import_staging WHERE subject_id IS NULL""";
	}

	/** An ISO 4217 currency code, EUR when not given. */
	static @Nullable String currency(@Nullable String text, List<FieldProblem> problems) {
		if (text == null) {
			return "EUR";
		}
		String code = text.strip().toUpperCase(Locale.ROOT);
		if (code.matches("[A-Z]{3}")) {
			try {
				Currency.getInstance(code);
				return code;
			}
			catch (IllegalArgumentException ex) {
				// falls through
			}
		}
		problems.add(new FieldProblem("currency", "'" + text + "' is not an ISO 4217 currency code such as EUR"));
		return null;
	}

}
