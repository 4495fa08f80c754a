package io.tutela.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Contracts from a file, each naming its subject by one of the subject's identifiers
 * (customer code, codice fiscale, e-mail, phone in E.164 or licence number); natural key:
 * the contract number.
 */
@Component
class ContractImport implements ImportSpec {

	@Override
	public String name() {
		return "contracts";
	}

	@Override
	public RecordKind recordKind() {
		return RecordKind.CONTRACT;
	}

	@Override
	public Set<String> columns() {
		return Set.of("contract_number", "subject", "service", "start_date", "end_date", "category", "purposes",
				"source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("contract_number", "subject", "start_date");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "contract_number text", "subject_ref text", "subject_id uuid",
				"service text", "start_date date", "end_date date", "category text", "purposes text[]", "source text",
				"collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		String number = row.get("contract_number");
		if (number == null) {
			problems.add(new FieldProblem("contract_number", "is required"));
		}
		String subject = row.get("subject");
		if (subject == null) {
			problems.add(new FieldProblem("subject", "is required: an identifier of the contract's subject"));
		}
		LocalDate start = Values.date(row.get("start_date"), "start_date", problems);
		if (start == null && row.get("start_date") == null) {
			problems.add(new FieldProblem("start_date", "is required"));
		}
		LocalDate end = Values.date(row.get("end_date"), "end_date", problems);
		if (start != null && end != null && end.isBefore(start)) {
			problems.add(new FieldProblem("end_date", "is before the start date"));
		}
		Instant collected = Values.instant(row.get("collected_at"), "collected_at",
				context.policy().controller().timezone(), problems);
		Tags tags = Tags.of(context.policy(), context.mapping(), row.get("category"), Values.list(row.get("purposes")),
				row.get("source"), Policy.Source.SUBJECT, problems);
		String service = Values.text(row.get("service"), "service", 200, problems);
		if (!problems.isEmpty() || tags == null) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), UUID.randomUUID(), number, subject, null, service, start, end,
				tags.category(), Values.array(tags.purposes()), tags.source(), collected));
	}

	/**
	 * Resolves each row's subject in one pass: by customer code through a join, by the
	 * other identifiers only for the rows the code did not resolve; rows without
	 * {@code collected_at} keep the one already held, so that re-importing changes
	 * nothing.
	 */
	@Override
	public List<String> prepare() {
		return List.of(BillingImports.keepCollectedAt("contract", "contract_number"), """
				UPDATE import_staging s SET subject_id = r.id
				FROM (SELECT s2.line, coalesce(a.id, (SELECT t.id FROM subject t WHERE t.controller_id = :controller
				          AND (t.codice_fiscale = upper(s2.subject_ref) OR t.email = s2.subject_ref
				               OR t.phone = s2.subject_ref OR t.licence_number = s2.subject_ref) LIMIT 1)) AS id
				      FROM import_staging s2
				      LEFT JOIN subject a ON a.controller_id = :controller AND a.customer_code = s2.subject_ref) r
				WHERE r.line = s.line AND r.id IS NOT NULL""");
	}

	@Override
	public List<String> checks() {
		return List.of("""
				SELECT max(line) AS line, 'contract_number' AS field,
				       'the same contract number is on line ' || min(line) AS message
				FROM import_staging GROUP BY contract_number HAVING count(*) > 1""", """
				SELECT line, 'subject' AS field, 'no subject has this identifier' AS message
				FROM import_staging WHERE subject_id IS NULL""");
	}

	@Override
	public String merge() {
		return """
				INSERT INTO contract AS c (id, controller_id, subject_id, contract_number, service, start_date, end_date,
				       category, purposes, source, collected_at)
				SELECT s.id, :controller, s.subject_id, s.contract_number, s.service, s.start_date, s.end_date, s.category,
				       s.purposes, s.source, s.collected_at
				FROM import_staging s
				ON CONFLICT (controller_id, contract_number) DO UPDATE SET
				       subject_id = EXCLUDED.subject_id, service = EXCLUDED.service, start_date = EXCLUDED.start_date,
				       end_date = EXCLUDED.end_date, category = EXCLUDED.category, purposes = EXCLUDED.purposes,
				       source = EXCLUDED.source, collected_at = EXCLUDED.collected_at, updated_at = now()
				WHERE (c.subject_id, c.service, c.start_date, c.end_date, c.category, c.purposes, c.source, c.collected_at)
				   IS DISTINCT FROM (EXCLUDED.subject_id, EXCLUDED.service, EXCLUDED.start_date, EXCLUDED.end_date,
				       EXCLUDED.category, EXCLUDED.purposes, EXCLUDED.source, EXCLUDED.collected_at)
				RETURNING (xmax = 0) AS inserted""";
	}

}
