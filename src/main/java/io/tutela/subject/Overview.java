package io.tutela.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Text;

/**
 * The subject 360: everything held about a person, grouped by data category, each with
 * why it is kept (purposes and legal bases), where it came from, who receives it, and
 * when its retention rules will act.
 */
public record Overview(UUID subjectId, String controllerId, Instant asOf, boolean restricted,
		List<CategoryView> categories) {

	public record CategoryView(String id, Text name, boolean special, List<PurposeView> purposes,
			List<RecipientView> recipients, List<RecordView> records) {
	}

	public record PurposeView(String id, Text name, List<String> legalBasis) {
	}

	public record RecipientView(String id, Text name, String kind, String country, @Nullable String safeguard) {
	}

	public record RecordView(String kind, UUID id, String source, Instant collectedAt, List<String> purposes,
			Map<String, @Nullable Object> fields, List<RetentionStep> retention) {
	}

	/**
	 * One step of a retention rule for a record.
	 *
	 * @param dueOn the day from whose start the step acts; null while the event it counts
	 * from has not happened
	 * @param waitingFor the event the step waits for when {@code dueOn} is null
	 * @param due whether the step is due at {@link Overview#asOf}
	 */
	public record RetentionStep(String rule, String action, String duration, @Nullable LocalDate dueOn,
			@Nullable String waitingFor, boolean due, @Nullable String legalReference) {
	}

}
