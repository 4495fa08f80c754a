package io.tutela.policy;

import java.util.List;

/** A policy file refused, with every problem found in it. */
public class PolicyRejectedException extends RuntimeException {

	private final List<PolicyProblem> problems;

	public PolicyRejectedException(List<PolicyProblem> problems) {
		super(problems.size() + " problem(s) in the policy, first: " + problems.get(0));
		this.problems = List.copyOf(problems);
	}

	public List<PolicyProblem> problems() {
		return this.problems;
	}

}
