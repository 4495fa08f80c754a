package io.tutela.policy;

/** Reads and checks a policy file: the policy, or every problem found in it. */
public final class PolicyReader {

	private PolicyReader() {
	}

	/**
	 * @param name the file or upload name, used in the problems
	 * @param yaml the file's text
	 * @throws PolicyRejectedException listing every problem when the policy is not
	 * acceptable
	 */
	public static Policy read(String name, String yaml) {
		Problems problems = new Problems(name);
		Policy policy = PolicyParser.parse(yaml, problems);
		if (policy != null) {
			PolicyValidator.validate(policy, problems);
		}
		if (policy == null || !problems.isEmpty()) {
			throw new PolicyRejectedException(problems.isEmpty()
					? java.util.List.of(new PolicyProblem(name, "", 0, "the file is not a policy")) : problems.list());
		}
		return policy;
	}

}
