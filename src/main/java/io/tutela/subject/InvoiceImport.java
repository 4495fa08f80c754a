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
 * Invoices from a file, each naming its subject by one of the subject's identifiers and,
 * optionally, its contract by number; natural key: the invoice number.
 */
@Component
class InvoiceImport implements ImportSpec {

	@Override
	public String name() {
		return "invoices";
	}

	@Override
	public RecordKind recordKind() {
		return RecordKind.INVOICE;
	}

	@Override
	public Set<String> columns() {
		return Set.of("invoice_number", "subject", "contract_number", "issued_on", "due_on", "amount", "currency",
				"disputed", "category", "purposes", "source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("invoice_number", "subject", "issued_on", "amount");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "invoice_number text", "subject_ref text", "subject_id uuid",
				"contract_ref text", "contract_id uuid", "issued_on date", "due_on date", "amount_cents bigint",
				"currency text", "disputed boolean", "category text", "purposes text[]", "source text",
				"collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		String number = Values.text(row.get("invoice_number"), "invoice_number", 100, problems);
		if (row.get("invoice_number") == null) {
			problems.add(new FieldProblem("invoice_number", "is required"));
		}
		String subject = row.get("subject");
		if (subject == null) {
			problems.add(new FieldProblem("subject", "is required: an identifier of the invoice's subject"));
		}
		String contract = row.get("contract_number");
		LocalDate issued = Values.date(row.get("issued_on"), "issued_on", problems);
		if (row.get("issued_on") == null) {
			problems.add(new FieldProblem("issued_on", "is required"));
		}
		LocalDate due = Values.date(row.get("due_on"), "due_on", problems);
		if (issued != null && due != null && due.isBefore(issued)) {
			problems.add(new FieldProblem("due_on", "is before the issue date"));
		}
		Long cents = Values.cents(row.get("amount"), "amount", problems);
		if (row.get("amount") == null) {
			problems.add(new FieldProblem("amount", "is required"));
		}
		String currency = BillingImports.currency(row.get("currency"), problems);
		boolean disputed = Values.flag(row.get("disputed"), "disputed", problems);
		Instant collected = Values.instant(row.get("collected_at"), "collected_at",
				context.policy().controller().timezone(), problems);
		Tags tags = Tags.of(context.policy(), context.mapping(), row.get("category"), Values.list(row.get("purposes")),
				row.get("source"), Policy.Source.SUBJECT, problems);
		if (!problems.isEmpty() || tags == null) {
			return null;
		}
		return new ArrayList<>(
				Arrays.asList(row.line(), UUID.randomUUID(), number, subject, null, contract, null, issued, due, cents,
						currency, disputed, tags.category(), Values.array(tags.purposes()), tags.source(), collected));
	}

	@Override
	public List<String> prepare() {
		return List.of(BillingImports.resolveSubjects(), BillingImports.keepCollectedAt("invoice", "invoice_number"),
				"""
						UPDATE import_staging s SET contract_id = c.id
						FROM contract c
						WHERE s.contract_ref IS NOT NULL AND c.controller_id = :controller AND c.contract_number = s.contract_ref""");
	}

	@Override
	public List<String> checks() {
		return List.of(BillingImports.duplicates("invoice_number", "invoice number"),
				BillingImports.unresolvedSubjects(), """
						SELECT line, 'contract_number' AS field, 'no contract has this number' AS message
						FROM import_staging WHERE contract_ref IS NOT NULL AND contract_id IS NULL""");
	}

	@Override
	public String merge() {
		return """
				INSERT INTO invoice AS c (id, controller_id, subject_id, contract_id, invoice_number, issued_on, due_on,
				       amount_cents, currency, disputed, category, purposes, source, collected_at)
				SELECT s.id, :controller, s.subject_id, s.contract_id, s.invoice_number, s.issued_on, s.due_on,
				       s.amount_cents, s.currency, s.disputed, s.category, s.purposes, s.source, s.collected_at
				FROM import_staging s
				ON CONFLICT (controller_id, invoice_number) DO UPDATE SET
				       subject_id = EXCLUDED.subject_id, contract_id = EXCLUDED.contract_id,
				       issued_on = EXCLUDED.issued_on, due_on = EXCLUDED.due_on, amount_cents = EXCLUDED.amount_cents,
				       currency = EXCLUDED.currency, disputed = EXCLUDED.disputed, category = EXCLUDED.category,
				       purposes = EXCLUDED.purposes, source = EXCLUDED.source, collected_at = EXCLUDED.collected_at,
				       updated_at = now()
				WHERE (c.subject_id, c.contract_id, c.issued_on, c.due_on, c.amount_cents, c.currency, c.disputed,
				       c.category, c.purposes, c.source, c.collected_at)
				   IS DISTINCT FROM (EXCLUDED.subject_id, EXCLUDED.contract_id, EXCLUDED.issued_on, EXCLUDED.due_on,
				       EXCLUDED.amount_cents, EXCLUDED.currency, EXCLUDED.disputed, EXCLUDED.category,
				       EXCLUDED.purposes, EXCLUDED.source, EXCLUDED.collected_at)
				RETURNING (xmax = 0) AS inserted""";
	}

}
