package io.tutela.retention;

import java.time.Instant;

import io.tutela.policy.Policy;

/**
 * Records a retention rule can act on: a module that holds records of a category counts
 * those a rule makes due and deletes them, always within the policy's controller. Records
 * are due when their trigger instant is before the cutoff.
 */
public interface RetentionTarget {

	/**
	 * Whether this target holds the records of the rule's category for the controller.
	 */
	boolean covers(Policy policy, Policy.RetentionRule rule);

	/** How many records the rule makes due (trigger before {@code cutoff}). */
	long due(Policy policy, Policy.RetentionRule rule, Instant cutoff);

	/**
	 * Deletes the records the rule makes due, whole partitions in one operation where it
	 * can.
	 * @return how many records were deleted
	 */
	long delete(Policy policy, Policy.RetentionRule rule, Instant cutoff);

	/** Whether this target can move the rule's records into the justice vault. */
	default boolean segregates(Policy policy, Policy.RetentionRule rule) {
		return false;
	}

	/**
	 * How many records a segregation rule makes due: trigger before {@code cutoff} and
	 * not before {@code floor} (what is before it is the next rule's).
	 */
	default long dueForSegregation(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff) {
		return due(policy, rule, cutoff);
	}

	/**
	 * Moves the records a segregation rule makes due (trigger in {@code [floor, cutoff)})
	 * into the justice vault and out of the operational tables, so that a second call
	 * moves nothing more and a call cut off resumes where it stopped.
	 * @return how many records were moved
	 */
	default long segregate(Policy policy, Policy.RetentionRule rule, Instant floor, Instant cutoff) {
		throw new UnsupportedOperationException("no segregation for " + rule.id());
	}

}
