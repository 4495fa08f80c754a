package io.tutela.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * A support ticket (Nanosystems: a request through the contact forms, returned as a
 * ticket with a unique numeric id): name, e-mail, subject line, message and licence
 * number are mandatory (the licence number where the policy's {@code records} entry
 * requires it), attachments optional (only their number and names are kept here).
 */
record SupportTicket(UUID id, String controllerId, long ticketNumber, @Nullable UUID subjectId, String name,
		String email, String subjectLine, String message, @Nullable String licenceNumber, int attachmentCount,
		List<String> attachmentNames, Instant openedAt, @Nullable Instant closedAt, String category,
		List<String> purposes, String source, Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.SUPPORT_TICKET;

	static final int MAX_ATTACHMENTS = 100;

	/**
	 * A ticket as given through the API or a row of a file.
	 *
	 * @param subject the subject's id or one of its identifiers, if known
	 * @param collectedAt when the data were collected (default: when the ticket was
	 * opened)
	 */
	record Input(@Nullable Long ticketNumber, @Nullable String subject, @Nullable String name, @Nullable String email,
			@Nullable String subjectLine, @Nullable String message, @Nullable String licenceNumber,
			@Nullable Long attachmentCount, @Nullable List<String> attachmentNames, @Nullable Instant openedAt,
			@Nullable Instant closedAt, @Nullable String category, @Nullable List<String> purposes,
			@Nullable String source, @Nullable Instant collectedAt) implements Fields.Tagged {

		static Input of(ImportRow row, ZoneId zone, List<FieldProblem> problems) {
			return new Input(Fields.whole(row.get("ticket_number"), "ticket_number", problems), row.get("subject"),
					row.get("name"), row.get("email"), row.get("subject_line"), row.get("message"),
					row.get("licence_number"), Fields.whole(row.get("attachment_count"), "attachment_count", problems),
					Fields.items(row.get("attachments")),
					Values.instant(row.get("opened_at"), "opened_at", zone, problems),
					Values.instant(row.get("closed_at"), "closed_at", zone, problems), row.get("category"),
					Values.list(row.get("purposes")), row.get("source"),
					Values.instant(row.get("collected_at"), "collected_at", zone, problems));
		}

	}

	/** The ticket an input makes, or null with every problem added. */
	static @Nullable SupportTicket of(UUID id, String controllerId, @Nullable UUID subjectId, Input in, Policy policy,
			List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.SUBJECT, problems);
		Long number = Fields.required(in.ticketNumber(), "ticket_number", problems);
		if (number != null && number <= 0) {
			problems.add(new FieldProblem("ticket_number", "must be a positive number"));
		}
		String name = Fields.required(in.name(), "name", 200, problems);
		String email = Fields.email(Fields.required(in.email(), "email", 254, problems), "email", problems);
		String subjectLine = Fields.required(in.subjectLine(), "subject_line", 500, problems);
		String message = Fields.required(in.message(), "message", 20_000, problems);
		boolean licenceRequired = policy.records(KIND).map((r) -> r.requires("licence_number")).orElse(false);
		String licence = licenceRequired ? Fields.required(in.licenceNumber(), "licence_number", 100, problems)
				: Fields.optional(in.licenceNumber(), "licence_number", 100, problems);
		List<String> names = (in.attachmentNames() != null) ? in.attachmentNames() : List.of();
		if (names.size() > MAX_ATTACHMENTS) {
			problems.add(new FieldProblem("attachments", "more than " + MAX_ATTACHMENTS + " attachments"));
		}
		for (String attachment : names) {
			if (attachment == null || attachment.isBlank() || attachment.length() > 255) {
				problems.add(new FieldProblem("attachments", "each attachment name has 1 to 255 characters"));
				break;
			}
		}
		long count = (in.attachmentCount() != null) ? in.attachmentCount() : names.size();
		if (count < names.size() || count > MAX_ATTACHMENTS) {
			problems.add(new FieldProblem("attachment_count",
					"must be from the number of attachments named to " + MAX_ATTACHMENTS));
		}
		Instant opened = Fields.required(in.openedAt(), "opened_at", problems);
		Fields.notBefore(in.closedAt(), opened, "closed_at", "the opening of the ticket", problems);
		if (problems.size() > before || tags == null || number == null || name == null || email == null
				|| subjectLine == null || message == null || opened == null) {
			return null;
		}
		return new SupportTicket(id, controllerId, number, subjectId, name, email, subjectLine, message, licence,
				(int) count, names.stream().map(String::strip).toList(), opened, in.closedAt(), tags.category(),
				tags.purposes(), tags.source(), (in.collectedAt() != null) ? in.collectedAt() : opened);
	}

}
