package io.tutela.consent;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.subject.EmailAddresses;
import io.tutela.subject.PhoneNumbers;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * Reads who a request is about: a subject of the controller, or for a prospect a bare
 * number (brought to E.164, Italian when it has no country code) or e-mail address;
 * exactly one of them.
 */
@Component
class People {

	private final Contacts contacts;

	People(Contacts contacts) {
		this.contacts = contacts;
	}

	Contacts.@Nullable Person person(String controllerId, @Nullable UUID subject, @Nullable String phone,
			@Nullable String email, List<FieldProblem> problems) {
		Contacts.Person person = named(subject, phone, email, problems);
		if (person != null && !exists(controllerId, person)) {
			problems.add(noSuchSubject(""));
			return null;
		}
		return person;
	}

	/** Whether the subject a person names, if any, is one of the controller's. */
	boolean exists(String controllerId, Contacts.Person person) {
		return person.subjectId() == null || this.contacts.subjectExists(controllerId, person.subjectId());
	}

	/** The problem of a subject id that names none of the controller's subjects. */
	static FieldProblem noSuchSubject(String prefix) {
		return new FieldProblem(prefix + "subject", "no such subject of this controller");
	}

	/**
	 * Who a request names, without asking whether a subject named by id exists (for a
	 * caller that learns it from its own query).
	 */
	static Contacts.@Nullable Person named(@Nullable UUID subject, @Nullable String phone, @Nullable String email,
			List<FieldProblem> problems) {
		String p = blank(phone);
		String e = blank(email);
		int given = ((subject != null) ? 1 : 0) + ((p != null) ? 1 : 0) + ((e != null) ? 1 : 0);
		if (given != 1) {
			problems.add(new FieldProblem("subject",
					"give exactly one of subject (an id), phone or email; " + given + " given"));
			return null;
		}
		if (subject != null) {
			return new Contacts.Person(subject, null, null);
		}
		if (p != null) {
			// an Italian number already in E.164, the usual question, is not parsed again
			String e164 = PhoneNumbers.validE164(p);
			if (e164 != null) {
				return new Contacts.Person(null, e164, null);
			}
			PhoneNumbers.Result number = PhoneNumbers.normalise(p);
			if (number instanceof PhoneNumbers.Invalid invalid) {
				problems.add(new FieldProblem("phone", invalid.reason()));
				return null;
			}
			return new Contacts.Person(null, number.orElseThrow().e164(), null);
		}
		EmailAddresses.Result address = EmailAddresses.normalise(String.valueOf(e));
		if (address instanceof EmailAddresses.Invalid invalid) {
			problems.add(new FieldProblem("email", invalid.reason()));
			return null;
		}
		return new Contacts.Person(null, null, address.orElseThrow().address());
	}

	static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
