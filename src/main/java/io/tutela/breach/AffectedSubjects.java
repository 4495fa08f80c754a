package io.tutela.breach;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.tutela.audit.Auditing;
import io.tutela.records.RecordSource;
import io.tutela.subject.SubjectContacts;

/**
 * Who a breach affects, drawn from Tutela's own records: every subject with a record of
 * one of the breach's categories, whichever module holds it, with the channel to reach
 * them.
 */
@Component
class AffectedSubjects {

	private final List<RecordSource> sources;

	private final SubjectContacts contacts;

	private final Auditing auditing;

	AffectedSubjects(List<RecordSource> sources, SubjectContacts contacts, Auditing auditing) {
		this.sources = sources;
		this.contacts = contacts;
		this.auditing = auditing;
	}

	/** A page of the subjects affected, and how many they are in all. */
	record Affected(long total, int page, int size, List<SubjectContacts.Reachable> items) {
	}

	Affected of(Breach breach, int page, int size) {
		List<String> queries = new ArrayList<>();
		this.sources.forEach((source) -> queries.addAll(source.subjectsWithCategories()));
		long total = this.contacts.count(breach.controllerId(), queries, breach.categories());
		List<SubjectContacts.Reachable> items = this.contacts.among(breach.controllerId(), queries, breach.categories(),
				page * size, size);
		this.auditing.success("breach.affected-subjects", breach.controllerId(), null,
				items.stream().map(SubjectContacts.Reachable::subjectId).toList());
		return new Affected(total, page, size, items);
	}

}
