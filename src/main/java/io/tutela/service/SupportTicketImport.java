package io.tutela.service;

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
 * Support tickets from a file; natural key: the ticket's numeric id. {@code attachments}
 * lists the names with {@code ;} between them; {@code subject} names the ticket's subject
 * by id or identifier, when known.
 */
@Component
class SupportTicketImport implements ImportSpec {

	@Override
	public String name() {
		return "support-tickets";
	}

	@Override
	public RecordKind recordKind() {
		return SupportTicket.KIND;
	}

	@Override
	public Set<String> columns() {
		return Set.of("ticket_number", "subject", "name", "email", "subject_line", "message", "licence_number",
				"attachments", "attachment_count", "opened_at", "closed_at", "category", "purposes", "source",
				"collected_at");
	}

	@Override
	public Set<String> requiredColumns() {
		return Set.of("ticket_number", "name", "email", "subject_line", "message", "opened_at");
	}

	@Override
	public List<String> staging() {
		return SubjectLinks.staging("ticket_number bigint", "name text", "email text", "subject_line text",
				"message text", "licence_number text", "attachment_count integer", "attachment_names text[]",
				"opened_at timestamptz", "closed_at timestamptz", "category text", "purposes text[]", "source text",
				"collected_at timestamptz");
	}

	@Override
	public @Nullable List<@Nullable Object> stage(ImportRow row, Context context, List<FieldProblem> problems) {
		SupportTicket.Input input = SupportTicket.Input.of(row, context.policy().controller().timezone(), problems);
		SupportTicket t = SupportTicket.of(UUID.randomUUID(), context.controllerId(), null, input, context.policy(),
				problems);
		if (t == null || !problems.isEmpty()) {
			return null;
		}
		return SubjectLinks.staged(row.line(), t.id(), input.subject(), t.ticketNumber(), t.name(), t.email(),
				t.subjectLine(), t.message(), t.licenceNumber(), t.attachmentCount(),
				Fields.textArray(t.attachmentNames()), t.openedAt(), t.closedAt(), t.category(),
				Fields.textArray(t.purposes()), t.source(), t.collectedAt());
	}

	@Override
	public List<String> prepare() {
		return List.of(SubjectLinks.PREPARE);
	}

	@Override
	public List<String> checks() {
		return SubjectLinks.checks(Sql.duplicates("ticket_number", "ticket_number", "ticket number"));
	}

	@Override
	public String merge() {
		Map<String, String> columns = Sql.staged("ticket_number");
		columns.put("subject_id", SubjectLinks.LINKED);
		columns.putAll(Sql.staged("name", "email", "subject_line", "message", "licence_number", "attachment_count",
				"attachment_names", "opened_at", "closed_at", "category", "purposes", "source", "collected_at"));
		return Sql.merge(SupportTickets.TABLE, List.of("ticket_number"), columns);
	}

}
