package io.tutela.traffic;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.HeldRecord;
import io.tutela.records.RecordSource;

/**
 * The traffic data held about a subject, for the subject 360, access exports and erasure:
 * not the calls and sessions one by one (a subscriber may have hundreds of thousands) but
 * one entry per month (in UTC) and, for calls, answered or not, with how many there are.
 * Retention counts from the first start of the month's entry, so an entry shows when its
 * oldest record is due.
 */
@Component
class TrafficHeld implements RecordSource {

	private final TrafficRecords records;

	TrafficHeld(TrafficRecords records) {
		this.records = records;
	}

	@Override
	public List<HeldRecord> recordsOf(String controllerId, UUID subjectId) {
		List<HeldRecord> held = new ArrayList<>();
		for (Map<String, Object> month : this.records.monthsOf(controllerId, subjectId)) {
			boolean call = "cdr".equals(month.get("kind"));
			RecordKind kind = call ? Cdr.KIND : TelematicSession.KIND;
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			fields.put("month", month.get("month"));
			if (call) {
				fields.put("answered", month.get("answered"));
				fields.put("calls", month.get("records"));
				fields.put("seconds", month.get("seconds"));
			}
			else {
				fields.put("sessions", month.get("records"));
				fields.put("bytes", month.get("bytes"));
			}
			UUID id = UUID
				.nameUUIDFromBytes((controllerId + '|' + subjectId + '|' + kind.key() + '|' + month.get("month") + '|'
						+ month.get("answered") + '|' + month.get("category") + '|' + month.get("purposes"))
					.getBytes(StandardCharsets.UTF_8));
			held.add(new HeldRecord(kind, id, (String) month.get("category"), purposes(month.get("purposes")),
					Policy.Source.SERVICE_GENERATED.name().toLowerCase(Locale.ROOT),
					((Timestamp) month.get("first_start")).toInstant(), fields, Map.of()));
		}
		return held;
	}

	private static List<String> purposes(@Nullable Object value) {
		return (value == null) ? List.of() : List.of(value.toString().split(","));
	}

}
