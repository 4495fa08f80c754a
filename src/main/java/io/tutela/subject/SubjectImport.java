package io.tutela.subject;

import java.time.Instant;
import java.time.ZoneId;
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
 * Subjects from a file: identifiers checked with their own rules (codice fiscale with its
 * check character and omocodia, numbers to E.164, e-mail syntax); the natural key is the
 * customer code, else the codice fiscale, the e-mail, the phone or the licence number.
 */
@Component
class SubjectImport implements ImportSpec {

	static final List<String> IDENTIFIERS = List.of("customer_code", "codice_fiscale", "email", "phone",
			"licence_number");

	private final java.time.Clock clock;

	SubjectImport(java.time.Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return "subjects";
	}

	@Override
	public RecordKind recordKind() {
		return RecordKind.SUBJECT;
	}

	@Override
	public Set<String> columns() {
		return Set.of("customer_code", "codice_fiscale", "given_name", "family_name", "email", "phone",
				"licence_number", "portal_account", "address", "category", "purposes", "source", "special",
				"collected_at", "last_contact_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of();
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "subject_key text", "category text", "purposes text[]", "source text",
				"special boolean", "given_name text", "family_name text", "codice_fiscale text", "email text",
				"phone text", "customer_code text", "licence_number text", "portal_account text", "address text",
				"collected_at timestamptz", "last_contact_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		Identifiers ids = Identifiers.check(row.get("customer_code"), row.get("codice_fiscale"), row.get("email"),
				row.get("phone"), row.get("licence_number"), problems);
		ZoneId zone = context.policy().controller().timezone();
		Instant collected = Values.instant(row.get("collected_at"), "collected_at", zone, problems);
		Instant lastContact = Values.instant(row.get("last_contact_at"), "last_contact_at", zone, problems);
		boolean special = Values.flag(row.get("special"), "special", problems);
		Tags tags = Tags.of(context.policy(), context.mapping(), row.get("category"), Values.list(row.get("purposes")),
				row.get("source"), Policy.Source.SUBJECT, problems);
		String givenName = Values.text(row.get("given_name"), "given_name", 200, problems);
		String familyName = Values.text(row.get("family_name"), "family_name", 200, problems);
		String address = Values.text(row.get("address"), "address", 500, problems);
		String portal = Values.text(row.get("portal_account"), "portal_account", 200, problems);
		if (special && tags != null
				&& !context.policy().category(tags.category()).map(Policy.Category::special).orElse(false)) {
			problems.add(new FieldProblem("special", "category '" + tags.category()
					+ "' is not a special category in the policy: special-category data cannot be kept under it"));
		}
		if (!problems.isEmpty() || tags == null || ids.key() == null) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), UUID.randomUUID(), ids.key(), tags.category(),
				Values.array(tags.purposes()), tags.source(), special, givenName, familyName, ids.codiceFiscale(),
				ids.email(), ids.phone(), ids.customerCode(), ids.licenceNumber(), portal, address,
				(collected != null) ? collected : this.clock.instant(), lastContact));
	}

	@Override
	public List<String> checks() {
		return List.of("""
				SELECT max(line) AS line, 'subject' AS field,
				       'the same subject (' || subject_key || ') is on line ' || min(line) AS message
				FROM import_staging GROUP BY subject_key HAVING count(*) > 1""");
	}

	@Override
	public String merge() {
		return """
				INSERT INTO subject AS t (id, controller_id, subject_key, category, purposes, source, special, given_name,
				       family_name, codice_fiscale, email, phone, customer_code, licence_number, portal_account, address,
				       collected_at, last_contact_at)
				SELECT id, :controller, subject_key, category, purposes, source, special, given_name, family_name,
				       codice_fiscale, email, phone, customer_code, licence_number, portal_account, address,
				       collected_at, last_contact_at
				FROM import_staging
				ON CONFLICT (controller_id, subject_key) DO UPDATE SET
				       category = EXCLUDED.category, purposes = EXCLUDED.purposes, source = EXCLUDED.source,
				       special = EXCLUDED.special, given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name,
				       codice_fiscale = EXCLUDED.codice_fiscale, email = EXCLUDED.email, phone = EXCLUDED.phone,
				       customer_code = EXCLUDED.customer_code, licence_number = EXCLUDED.licence_number,
				       portal_account = EXCLUDED.portal_account, address = EXCLUDED.address,
				       collected_at = EXCLUDED.collected_at, last_contact_at = EXCLUDED.last_contact_at, updated_at = now()
				WHERE (t.category, t.purposes, t.source, t.special, t.given_name, t.family_name, t.codice_fiscale,
				       t.email, t.phone, t.customer_code, t.licence_number, t.portal_account, t.address, t.collected_at,
				       t.last_contact_at)
				   IS DISTINCT FROM (EXCLUDED.category, EXCLUDED.purposes, EXCLUDED.source, EXCLUDED.special,
				       EXCLUDED.given_name, EXCLUDED.family_name, EXCLUDED.codice_fiscale, EXCLUDED.email, EXCLUDED.phone,
				       EXCLUDED.customer_code, EXCLUDED.licence_number, EXCLUDED.portal_account, EXCLUDED.address,
				       EXCLUDED.collected_at, EXCLUDED.last_contact_at)
				RETURNING (xmax = 0) AS inserted""";
	}

}
