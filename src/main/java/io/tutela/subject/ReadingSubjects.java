package io.tutela.subject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.tutela.audit.Auditing;
import io.tutela.web.NotFoundException;

/**
 * Every read of subjects, for the API and the pages alike, each one put on the audit log.
 */
@Service
class ReadingSubjects {

	private final Subjects subjects;

	private final Overviews overviews;

	private final Auditing auditing;

	ReadingSubjects(Subjects subjects, Overviews overviews, Auditing auditing) {
		this.subjects = subjects;
		this.overviews = overviews;
		this.auditing = auditing;
	}

	List<Subject> search(String controllerId, @Nullable String query, int page, int size) {
		List<Subject> found = this.subjects.search(controllerId, query, page * size, size);
		this.auditing.success("subject.search", controllerId, null, found.stream().map(Subject::id).toList());
		return found;
	}

	Subject one(String controllerId, UUID subjectId) {
		Subject subject = this.subjects.find(controllerId, subjectId)
			.orElseThrow(() -> new NotFoundException("subject", subjectId));
		this.auditing.success("subject.read", controllerId, subject.category(), List.of(subjectId));
		return subject;
	}

	Overview overview(String controllerId, UUID subjectId, Instant asOf) {
		Overview overview = this.overviews.of(controllerId, subjectId, asOf);
		this.auditing.success("subject_360.read", controllerId, null,
				overview.categories()
					.stream()
					.flatMap((c) -> c.records().stream())
					.map(Overview.RecordView::id)
					.toList());
		return overview;
	}

}
