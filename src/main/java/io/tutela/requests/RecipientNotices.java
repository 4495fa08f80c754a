package io.tutela.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.tutela.outbox.Outbox;
import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.subject.Overview;
import io.tutela.subject.Subject;
import io.tutela.subject.SubjectLookup;

/**
 * Tells the recipients of a subject's data of a rectification, erasure or restriction
 * (GDPR art. 19): every processor and recipient of the policy that receives one of the
 * categories held about the subject, at the address the policy gives it
 * ({@code recipients[].contact}). The messages go into the outbox in the transaction that
 * executes the request, so that none is lost if the process stops after it.
 */
@Component
class RecipientNotices {

	/** Who was told, and who could not be for want of an address. */
	record Told(List<String> notified, List<String> withoutAddress) {

		String summary() {
			return "notified: " + (this.notified.isEmpty() ? "-" : String.join(", ", this.notified))
					+ (this.withoutAddress.isEmpty() ? "" : "; no address: " + String.join(", ", this.withoutAddress));
		}

	}

	private final Policies policies;

	private final SubjectLookup subjects;

	private final Outbox outbox;

	private final MessageSource messages;

	RecipientNotices(Policies policies, SubjectLookup subjects, Outbox outbox, MessageSource messages) {
		this.policies = policies;
		this.subjects = subjects;
		this.outbox = outbox;
		this.messages = messages;
	}

	Told tell(RightsRequest request, UUID subjectId, Instant now) {
		Overview overview = this.subjects.overview(request.controllerId(), subjectId, now);
		Set<String> held = new LinkedHashSet<>();
		overview.categories().forEach((c) -> held.add(c.id()));
		return tell(request, subjectId, held);
	}

	/**
	 * Tells the processors and recipients that receive one of the given categories of the
	 * subject's data (a directory removal: those of the directory's category).
	 */
	Told tell(RightsRequest request, UUID subjectId, Set<String> held) {
		Policy policy = this.policies.current(request.controllerId());
		List<Outbox.Recipient> addresses = new ArrayList<>();
		List<String> notified = new ArrayList<>();
		List<String> withoutAddress = new ArrayList<>();
		for (Policy.Recipient r : policy.recipients()) {
			if (r.kind() == Policy.RecipientKind.RECIPIENT_CATEGORY
					|| r.categories().stream().noneMatch(held::contains)) {
				continue;
			}
			if (r.contact() == null) {
				withoutAddress.add(r.id());
			}
			else {
				addresses.add(new Outbox.Recipient(null, r.contact()));
				notified.add(r.id());
			}
		}
		if (!addresses.isEmpty()) {
			Subject subject = this.subjects.find(request.controllerId(), subjectId).orElseThrow();
			String type = RightsRequests.key(request.type());
			UUID mailing = this.outbox.mailing(request.controllerId(), "rights-" + type, "request-" + request.id(),
					text("requests.notice.subject", Locale.ITALIAN, policy, request, subject) + " / "
							+ text("requests.notice.subject", Locale.ENGLISH, policy, request, subject),
					text("requests.notice.body", Locale.ITALIAN, policy, request, subject) + "\n\n----\n\n"
							+ text("requests.notice.body", Locale.ENGLISH, policy, request, subject));
			this.outbox.send(request.controllerId(), mailing, addresses);
		}
		return new Told(notified, withoutAddress);
	}

	private String text(String key, Locale locale, Policy policy, RightsRequest request, Subject subject) {
		String right = this.messages.getMessage("requests.type." + RightsRequests.key(request.type()), null,
				RightsRequests.key(request.type()), locale);
		String who = String.join(" ", List.of(nonNull(subject.givenName()), nonNull(subject.familyName()))).strip();
		List<String> ids = new ArrayList<>();
		for (String id : new String[] { subject.customerCode(), subject.codiceFiscale(), subject.email(),
				subject.phone() }) {
			if (id != null) {
				ids.add(id);
			}
		}
		return this.messages.getMessage(key,
				new Object[] { policy.controller().name(), right, who, String.join(", ", ids),
						(request.details() != null) ? request.details() : "-", policy.controller().privacyContact() },
				locale);
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

}
