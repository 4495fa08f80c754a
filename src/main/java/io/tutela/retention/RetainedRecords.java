package io.tutela.retention;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;

/**
 * A module's records under the retention engine: the module owns the tables of its kinds
 * and applies a rule's action to the records the engine found due (from the module's
 * {@link io.tutela.records.RecordSource} and the policy), always within the controller.
 * The engine never touches a module's tables itself.
 */
public interface RetainedRecords {

	/** The kinds of record whose tables this module owns. */
	Set<RecordKind> kinds();

	/**
	 * The controller's subjects, in id order, after {@code after} (from the first when
	 * null), at most {@code limit}: the subjects a run visits. Only the module that owns
	 * the subjects answers.
	 */
	default List<UUID> subjects(String controllerId, @Nullable UUID after, int limit) {
		return List.of();
	}

	/**
	 * Applies an action to records of one kind: {@code delete} removes them (a record
	 * others still refer to is left, and not counted); {@code anonymise} replaces what
	 * identifies someone irreversibly, keeping what statistics need (times, category,
	 * counts); {@code pseudonymise} replaces identifiers with keyed tokens whose key and
	 * re-identification table are kept apart (SQL function {@code pseudonym}).
	 * @return how many records were changed
	 */
	long apply(String controllerId, RecordKind kind, Collection<UUID> ids, Policy.Action action);

	/** Whether this module can apply the action to records of the kind. */
	default boolean supports(RecordKind kind, Policy.Action action) {
		return action != Policy.Action.SEGREGATE;
	}

}
