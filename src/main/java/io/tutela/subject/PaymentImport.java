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
 * Payments from a file, each naming its subject by one of the subject's identifiers and,
 * optionally, the invoice it settles by number; natural key: the payment reference.
 */
@Component
class PaymentImport implements ImportSpec {

	@Override
	public String name() {
		return "payments";
	}

	@Override
	public RecordKind recordKind() {
		return RecordKind.PAYMENT;
	}

	@Override
	public Set<String> columns() {
		return Set.of("reference", "subject", "invoice_number", "paid_at", "amount", "method", "category", "purposes",
				"source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("reference", "subject", "paid_at", "amount");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "reference text", "subject_ref text", "subject_id uuid",
				"invoice_ref text", "invoice_id uuid", "paid_at timestamptz", "amount_cents bigint", "method text",
				"category text", "purposes text[]", "source text", "collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		String reference = Values.text(row.get("reference"), "reference", 200, problems);
		if (row.get("reference") == null) {
			problems.add(new FieldProblem("reference", "is required"));
		}
		String subject = row.get("subject");
		if (subject == null) {
			problems.add(new FieldProblem("subject", "is required: an identifier of the payer"));
		}
		String invoice = row.get("invoice_number");
		java.time.ZoneId zone = context.policy().controller().timezone();
		Instant paid = Values.instant(row.get("paid_at"), "paid_at", zone, problems);
		if (row.get("paid_at") == null) {
			problems.add(new FieldProblem("paid_at", "is required"));
		}
		Long cents = Values.cents(row.get("amount"), "amount", problems);
		if (row.get("amount") == null) {
			problems.add(new FieldProblem("amount", "is required"));
		}
		String method = Values.text(row.get("method"), "method", 100, problems);
		Instant collected = Values.instant(row.get("collected_at"), "collected_at", zone, problems);
		Tags tags = Tags.of(context.policy(), context.mapping(), row.get("category"), Values.list(row.get("purposes")),
				row.get("source"), Policy.Source.SUBJECT, problems);
		if (!problems.isEmpty() || tags == null) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), UUID.randomUUID(), reference, subject, null, invoice, null,
				paid, cents, method, tags.category(), Values.array(tags.purposes()), tags.source(), collected));
	}

	@Override
	public List<String> prepare() {
		return List.of(BillingImports.resolveSubjects(), BillingImports.keepCollectedAt("payment", "reference"),
				"""
						UPDATE import_staging s SET invoice_id = i.id
						FROM invoice i
						WHERE s.invoice_ref IS NOT NULL AND i.controller_id = :controller AND i.invoice_number = s.invoice_ref""");
	}

	@Override
	public List<String> checks() {
		return List.of(BillingImports.duplicates("reference", "payment reference"), BillingImports.unresolvedSubjects(),
				"""
						SELECT line, 'invoice_number' AS field, 'no invoice has this number' AS message
						FROM import_staging WHERE invoice_ref IS NOT NULL AND invoice_id IS NULL""");
	}

	@Override
	public String merge() {
		return """
				INSERT INTO payment AS c (id, controller_id, subject_id, invoice_id, reference, paid_at, amount_cents,
				       method, category, purposes, source, collected_at)
				SELECT s.id, :controller, s.subject_id, s.invoice_id, s.reference, s.paid_at, s.amount_cents, s.method,
				       s.category, s.purposes, s.source, s.collected_at
				FROM import_staging s
				ON CONFLICT (controller_id, reference) DO UPDATE SET
				       subject_id = EXCLUDED.subject_id, invoice_id = EXCLUDED.invoice_id, paid_at = EXCLUDED.paid_at,
				       amount_cents = EXCLUDED.amount_cents, method = EXCLUDED.method, category = EXCLUDED.category,
				       purposes = EXCLUDED.purposes, source = EXCLUDED.source, collected_at = EXCLUDED.collected_at,
				       updated_at = now()
				WHERE (c.subject_id, c.invoice_id, c.paid_at, c.amount_cents, c.method, c.category, c.purposes,
				       c.source, c.collected_at)
				   IS DISTINCT FROM (EXCLUDED.subject_id, EXCLUDED.invoice_id, EXCLUDED.paid_at, EXCLUDED.amount_cents,
				       EXCLUDED.method, EXCLUDED.category, EXCLUDED.purposes, EXCLUDED.source, EXCLUDED.collected_at)
				RETURNING (xmax = 0) AS inserted""";
	}

}
