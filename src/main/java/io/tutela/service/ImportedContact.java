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
 * A contact a client controller imports into the service (MySegretaria: on consent, GDPR
 * art. 6(1)(a)): no contact without the time its consent was given. Natural key: the
 * number in E.164, else the e-mail address.
 */
record ImportedContact(UUID id, String controllerId, @Nullable String name, @Nullable String number,
		@Nullable String email, Instant consentGivenAt, String category, List<String> purposes, String source,
		Instant collectedAt) implements RecordAudit.Audited {

	static final RecordKind KIND = RecordKind.IMPORTED_CONTACT;

	/** The natural key: {@code phone:+39…} or {@code email:…}. */
	String key() {
		return (this.number != null) ? "phone:" + this.number : "email:" + this.email;
	}

	/**
	 * A contact as given through the API or a row of a file.
	 *
	 * @param consentGivenAt when the contact consented to being imported (required)
	 * @param collectedAt when the data were collected (default: when the contact was
	 * imported)
	 */
	record Input(@Nullable String name, @Nullable String number, @Nullable String email,
			@Nullable Instant consentGivenAt, @Nullable String category, @Nullable List<String> purposes,
			@Nullable String source, @Nullable Instant collectedAt) implements Fields.Tagged {

		static Input of(ImportRow row, ZoneId zone, List<FieldProblem> problems) {
			return new Input(row.get("name"), row.get("number"), row.get("email"),
					Values.instant(row.get("consent_given_at"), "consent_given_at", zone, problems),
					row.get("category"), Values.list(row.get("purposes")), row.get("source"),
					Values.instant(row.get("collected_at"), "collected_at", zone, problems));
		}

	}

	/**
	 * The contact an input makes, or null with every problem added.
	 * @param now the time of the import, which the consent may not come after; also when
	 * the data were collected if the input does not say
	 */
	static @Nullable ImportedContact of(UUID id, String controllerId, Input in, Policy policy, Instant now,
			@Nullable Instant collectedAt, List<FieldProblem> problems) {
		int before = problems.size();
		Tags tags = Fields.tags(policy, KIND, in, Policy.Source.CLIENT_CONTROLLER, problems);
		String name = Fields.optional(in.name(), "name", 200, problems);
		String number = Fields.phone(Fields.optional(in.number(), "number", 50, problems), "number", problems);
		String email = Fields.email(Fields.optional(in.email(), "email", 254, problems), "email", problems);
		if (Fields.blank(in.number()) == null && Fields.blank(in.email()) == null) {
			problems.add(new FieldProblem("number", "a contact needs a number or an e-mail address"));
		}
		Instant consent = in.consentGivenAt();
		if (consent == null && problems.stream().noneMatch((p) -> p.field().equals("consent_given_at"))) {
			problems.add(new FieldProblem("consent_given_at",
					"is required: a contact is imported only with the time its consent was given"));
		}
		if (consent != null && consent.isAfter(now)) {
			problems.add(new FieldProblem("consent_given_at", "is in the future"));
		}
		if (problems.size() > before || tags == null || consent == null || (number == null && email == null)) {
			return null;
		}
		return new ImportedContact(id, controllerId, name, number, email, consent, tags.category(), tags.purposes(),
				tags.source(),
				(in.collectedAt() != null) ? in.collectedAt() : (collectedAt != null) ? collectedAt : now);
	}

}
