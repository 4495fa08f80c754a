package io.tutela.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.tutela.policy.Policies;
import io.tutela.policy.Policy;
import io.tutela.policy.PolicyDiff;
import io.tutela.policy.PolicyVersionAccepted;
import io.tutela.subject.SubjectContacts;

/**
 * When a new version of a policy changes what subjects were told, and the notice says
 * subjects are told of changes by e-mail ({@code notice.change_notification}), every
 * subject of the controller with an e-mail address gets a message listing the changes, in
 * Italian and English. The event is kept by the event publication registry until this has
 * run, so a crash in between only delays it; running it twice queues nothing twice.
 */
@Component
class ChangeOfNotice {

	static final String KIND = "change-of-notice";

	/** The notice's own channel for change notifications that this sends by. */
	static final String EMAIL = "email";

	/**
	 * Changes that tell subjects nothing: how Tutela maps its records, the notice's date.
	 */
	private static final Set<String> INTERNAL = Set.of("records");

	private static final Logger log = LoggerFactory.getLogger(ChangeOfNotice.class);

	private static final int BATCH = 5_000;

	private final Policies policies;

	private final SubjectContacts contacts;

	private final Outbox outbox;

	private final MessageSource messages;

	ChangeOfNotice(Policies policies, SubjectContacts contacts, Outbox outbox, MessageSource messages) {
		this.policies = policies;
		this.contacts = contacts;
		this.outbox = outbox;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(PolicyVersionAccepted accepted) {
		if (accepted.previousVersion() == null) {
			return;
		}
		Policy before = this.policies.version(accepted.controllerId(), accepted.previousVersion());
		Policy after = this.policies.version(accepted.controllerId(), accepted.version());
		if (!after.notice().changeNotification().contains(EMAIL)) {
			return;
		}
		List<PolicyDiff.Change> changes = told(PolicyDiff.between(before, after));
		if (changes.isEmpty()) {
			return;
		}
		String it = text(after, accepted.version(), changes, Locale.ITALIAN);
		String en = text(after, accepted.version(), changes, Locale.ENGLISH);
		String subjectLine = this.messages.getMessage("outbox.notice.subject",
				new Object[] { after.controller().name() }, Locale.ITALIAN) + " / "
				+ this.messages.getMessage("outbox.notice.subject", new Object[] { after.controller().name() },
						Locale.ENGLISH);
		var mailing = this.outbox.mailing(accepted.controllerId(), KIND, "version-" + accepted.version(), subjectLine,
				it + "\n\n----\n\n" + en);
		List<Outbox.Recipient> batch = new ArrayList<>(BATCH);
		int[] queued = { 0 };
		this.contacts.withEmail(accepted.controllerId(), (contact) -> {
			batch.add(new Outbox.Recipient(contact.subjectId(), contact.email()));
			if (batch.size() == BATCH) {
				queued[0] += this.outbox.send(accepted.controllerId(), mailing, batch);
				batch.clear();
			}
		});
		queued[0] += this.outbox.send(accepted.controllerId(), mailing, batch);
		log.info("Change of notice of {} version {}: {} messages queued", accepted.controllerId(), accepted.version(),
				queued[0]);
	}

	/** The changes subjects are told of. */
	static List<PolicyDiff.Change> told(List<PolicyDiff.Change> changes) {
		return changes.stream()
			.filter((c) -> !INTERNAL.contains(c.section()))
			.filter((c) -> !("notice".equals(c.section()) && "date".equals(c.field())))
			.toList();
	}

	private String text(Policy policy, int version, List<PolicyDiff.Change> changes, Locale locale) {
		StringBuilder text = new StringBuilder();
		text.append(this.messages.getMessage("outbox.notice.opening",
				new Object[] { policy.controller().name(), String.valueOf(version), policy.notice().date().toString() },
				locale))
			.append("\n\n");
		for (PolicyDiff.Change change : changes) {
			text.append("- ")
				.append(this.messages.getMessage("outbox.notice.section." + change.section(), null, change.section(),
						locale))
				.append(" «")
				.append(change.id())
				.append("»: ")
				.append(this.messages.getMessage("diffKind." + change.kind().name().toLowerCase(Locale.ROOT), null,
						locale));
			if (change.field() != null) {
				text.append(" (").append(change.field()).append(")");
			}
			if (change.before() != null && change.after() != null) {
				text.append(": ").append(change.before()).append(" → ").append(change.after());
			}
			else if (change.after() != null) {
				text.append(": ").append(change.after());
			}
			text.append('\n');
		}
		text.append('\n')
			.append(this.messages.getMessage("outbox.notice.closing",
					new Object[] { (policy.notice().url() != null) ? policy.notice().url() : "",
							policy.controller().privacyContact() },
					locale));
		return text.toString();
	}

}
