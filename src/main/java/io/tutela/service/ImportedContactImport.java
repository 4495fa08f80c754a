package io.tutela.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Contacts imported on consent from a file: a row without {@code consent_given_at} is
 * refused. Natural key: the number in E.164, else the e-mail address.
 */
@Component
class ImportedContactImport implements ImportSpec {

	private final Clock clock;

	ImportedContactImport(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return "imported-contacts";
	}

	@Override
	public RecordKind recordKind() {
		return ImportedContact.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("name", "number", "email", "consent_given_at", "category", "purposes", "source", "collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("consent_given_at");
	}

	@Override
	public List<String> staging() {
		return List.of("line bigint", "id uuid", "contact_key text", "name text", "number text", "email text",
				"consent_given_at timestamptz", "category text", "purposes text[]", "source text",
				"collected_at timestamptz", "received_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		ImportedContact.Input input = ImportedContact.Input.of(row, context.policy().controller().timezone(), problems);
		ImportedContact c = ImportedContact.of(UUID.randomUUID(), context.controllerId(), input, context.policy(),
				this.clock.instant(), null, problems);
		if (c == null || !problems.isEmpty()) {
			return null;
		}
		return new ArrayList<>(Arrays.asList(row.line(), c.id(), c.key(), c.name(), c.number(), c.email(),
				c.consentGivenAt(), c.category(), Fields.textArray(c.purposes()), c.source(), input.collectedAt(),
				this.clock.instant()));
	}

	@Override
	public List<String> checks() {
		return List.of(Sql.duplicates("number", "contact_key", "contact"));
	}

	@Override
	public String merge() {
		Map<String, String> columns = Sql.staged("contact_key", "name", "number", "email", "consent_given_at",
				"category", "purposes", "source");
		columns.put("collected_at", Sql.collectedAt(ImportedContacts.TABLE, "x.contact_key = s.contact_key"));
		return Sql.merge(ImportedContacts.TABLE, List.of("contact_key"), columns);
	}

}
