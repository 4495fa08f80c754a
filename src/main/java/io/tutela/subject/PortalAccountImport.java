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
 * Portal accounts from a file, each naming its subject by one of the subject's
 * identifiers; natural key: the username.
 */
@Component
class PortalAccountImport implements ImportSpec {

	@Override
	public String name() {
		return "portal-accounts";
	}

	@Override
	public RecordKind recordKind() {
		return RecordKind.PORTAL_ACCOUNT;
	}

	@Override
	public Set<String> columns() {
		return Set.of("username", "subject", "opened_at", "last_activity_at", "closed_on", "category", "purposes",
				"source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("username", "subject", "opened_at");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "username text", "subject_ref text", "subject_id uuid",
				"opened_at timestamptz", "last_activity_at timestamptz", "closed_on date", "category text",
				"purposes text[]", "source text", "collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		String username = Values.text(row.get("username"), "username", 200, problems);
		if (row.get("username") == null) {
			problems.add(new FieldProblem("username", "is required"));
		}
		String subject = row.get("subject");
		if (subject == null) {
			problems.add(new FieldProblem("subject", "is required: an identifier of the account's subject"));
		}
		java.time.ZoneId zone = context.policy().controller().timezone();
		Instant opened = Values.instant(row.get("opened_at"), "opened_at", zone, problems);
		if (row.get("opened_at") == null) {
			problems.add(new FieldProblem("opened_at", "is required"));
		}
		Instant lastActivity = Values.instant(row.get("last_activity_at"), "last_activity_at", zone, problems);
		if (opened != null && lastActivity != null && lastActivity.isBefore(opened)) {
			problems.add(new FieldProblem("last_activity_at", "is before the account was opened"));
		}
		LocalDate closed = Values.date(row.get("closed_on"), "closed_on", problems);
		Instant collected = Values.instant(row.get("collected_at"), "collected_at", zone, problems);
		Tags tags = Tags.of(context.policy(), context.mapping(), row.get("category"), Values.list(row.get("purposes")),
				row.get("source"), Policy.Source.SUBJECT, problems);
		if (!problems.isEmpty() || tags == null) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), UUID.randomUUID(), username, subject, null, opened,
				lastActivity, closed, tags.category(), Values.array(tags.purposes()), tags.source(), collected));
	}

	@Override
	public List<String> prepare() {
		return List.of(BillingImports.resolveSubjects(), BillingImports.keepCollectedAt("portal_account", "username"));
	}

	@Override
	public List<String> checks() {
		return List.of(BillingImports.duplicates("username", "username"), BillingImports.unresolvedSubjects());
	}

	@Override
	public String merge() {
		return """
				INSERT INTO portal_account AS c (id, controller_id, subject_id, username, opened_at, last_activity_at,
				       closed_on, category, purposes, source, collected_at)
				SELECT s.id, :controller, s.subject_id, s.username, s.opened_at, s.last_activity_at, s.closed_on,
				       s.category, s.purposes, s.source, s.collected_at
				FROM import_staging s
				ON CONFLICT (controller_id, username) DO UPDATE SET
				       subject_id = EXCLUDED.subject_id, opened_at = EXCLUDED.opened_at,
				       last_activity_at = EXCLUDED.last_activity_at, closed_on = EXCLUDED.closed_on,
				       category = EXCLUDED.category, purposes = EXCLUDED.purposes, source = EXCLUDED.source,
				       collected_at = EXCLUDED.collected_at, updated_at = now()
				WHERE (c.subject_id, c.opened_at, c.last_activity_at, c.closed_on, c.category, c.purposes, c.source,
				       c.collected_at)
				   IS DISTINCT FROM (EXCLUDED.subject_id, EXCLUDED.opened_at, EXCLUDED.last_activity_at,
				       EXCLUDED.closed_on, EXCLUDED.category, EXCLUDED.purposes, EXCLUDED.source, EXCLUDED.collected_at)
				RETURNING (xmax = 0) AS inserted""";
	}

}
