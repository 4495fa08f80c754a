package io.tutela.retention;

import java.time.Instant;
import java.util.List;

import io.tutela.policy.Policy;

/**
 * Records a rule counted from collection acts on in bulk (traffic data, by time): a
 * module that holds records of a category counts those a rule makes due and deletes or
 * segregates them, always within the policy's controller, whole time partitions in one
 * operation where it can. Records are due when their trigger instant is before the
 * cutoff; the records the active legal holds cover ({@code held}, see
 * {@link LegalHolds#sql}) are left in place and counted apart.
 */
public interface RetentionTarget {

	/**
	 * Whether this target holds the records of the rule's category for the controller.
	 */
	boolean covers(Policy policy, Policy.RetentionRule rule);

	/**
	 * How many records the rule makes due (trigger before {@code cutoff}), held ones left
	 * out.
	 */
	long due(Policy policy, Policy.RetentionRule rule, Instant cutoff, List<LegalHolds.Scope> held);

	/** How many records the rule would make due that the holds keep. */
	long held(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff, List<LegalHolds.Scope> held);

	/**
	 * Deletes the records the rule makes due and no hold keeps, whole partitions in one
	 * operation where nothing is held.
	 * @return how many records were deleted
	 */
	long delete(Policy policy, Policy.RetentionRule rule, Instant cutoff, List<LegalHolds.Scope> held);

	/** Whether this target can move the rule's records into the justice vault. */
	default boolean segregates(Policy policy, Policy.RetentionRule rule) {
		return false;
	}

	/**
	 * How many records a segregation rule makes due: trigger before {@code cutoff} and
	 * not before {@code floor} (what is before it is the next rule's), held ones left
	 * out.
	 */
	long dueForSegregation(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held);

	/**
	 * Moves the records a segregation rule makes due (trigger in {@code [floor, cutoff)})
	 * and no hold keeps into the justice vault and out of the operational tables, so that
	 * a second call moves nothing more and a call cut off resumes where it stopped.
	 * Records before the floor, past this rule's cutoff as well, may leave the
	 * operational tables with the rest of their partition when {@code floorFree} says
	 * that no hold of the next rule is active (they are in the vault, where the next rule
	 * deletes them).
	 * @return how many records were moved, counting none before the floor
	 */
	default long segregate(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff,
			List<LegalHolds.Scope> held, boolean floorFree) {
		throw new UnsupportedOperationException("no segregation for " + rule.id());
	}

}
