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

}
