package io.tutela.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.RecordKind;

/**
 * One record held about a subject, as the subject 360 and the rights requests see it:
 * what it is, its tags, and the dates its retention rules count from.
 *
 * @param fields the record's values, by name, as the subject may read them
 * @param triggers the dates the retention triggers fall on ({@code contract_end},
 * {@code last_contact}, {@code last_activity}); {@code collected} is {@link #collectedAt}
 */
public record HeldRecord(RecordKind kind, UUID id, String category, List<String> purposes, String source,
		Instant collectedAt, Map<String, @Nullable Object> fields, Map<String, LocalDate> triggers) {
}
