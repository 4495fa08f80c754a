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

}
