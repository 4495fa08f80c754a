package io.tutela.records;

import java.util.List;
import java.util.UUID;

/**
 * A module that holds records about subjects tells which: every implementation
 * contributes its records to the subject 360, access exports and erasure, so that nothing
 * held is left out.
 */
public interface RecordSource {

	List<HeldRecord> recordsOf(String controllerId, UUID subjectId);

	/**
	 * Queries selecting the ids ({@code subject_id}) of the subjects who have records of
	 * this source in some categories, with the parameters {@code :c} (the controller) and
	 * {@code :cats} (the categories, {@code text[]}): who a breach of those categories
	 * affects.
	 */
	default List<String> subjectsWithCategories() {
		return List.of();
	}

}
