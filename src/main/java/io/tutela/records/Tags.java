package io.tutela.records;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * The tags of a record: its data category, the purposes it is kept for and where it came
 * from. The defaults come from the policy's {@code records} section; a record may name
 * another category or purposes among those the policy allows for its kind.
 */
public record Tags(String category, List<String> purposes, String source) {

	/**
	 * The policy's mapping for a kind, or the problem that the notice does not cover the
	 * kind.
	 */
	public static Policy.RecordMapping mapping(Policy policy, RecordKind kind) {
		return policy.records(kind)
			.orElseThrow(() -> new NotInPolicyException("the policy of '" + policy.controller().id()
					+ "' does not say it holds records of kind '" + kind.key() + "'"));
	}

	/**
	 * The tags of one record: the given category, purposes and source where present, the
	 * policy's defaults otherwise; problems are added for values the policy does not
	 * allow.
	 */
	public static @Nullable Tags of(Policy policy, Policy.RecordMapping mapping, @Nullable String category,
			@Nullable List<String> purposes, @Nullable String source, Policy.Source defaultSource,
			List<FieldProblem> problems) {
		String chosen = (category == null || category.isBlank()) ? mapping.defaultCategory() : category.strip();
		int before = problems.size();
		if (!mapping.categories().contains(chosen)) {
			problems.add(new FieldProblem("category", "'" + chosen + "' is not a category of these records ("
					+ String.join(", ", mapping.categories()) + ")"));
		}
		List<String> kept = (purposes == null || purposes.isEmpty()) ? mapping.purposes() : purposes;
		for (String purpose : kept) {
			boolean processes = policy.purpose(purpose).map((p) -> p.categories().contains(chosen)).orElse(false);
			if (!processes) {
				problems.add(new FieldProblem("purposes", "'" + purpose + "' is not a purpose of the policy that "
						+ "processes category '" + chosen + "'"));
			}
		}
		String origin = (source == null || source.isBlank()) ? defaultSource.name().toLowerCase(Locale.ROOT)
				: source.strip().toLowerCase(Locale.ROOT);
		try {
			Policy.Source.valueOf(origin.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem("source",
					"'" + origin + "' is not a source (subject, intermediary, "
							+ "public_register, outgoing_provider, third_party_list, own_archive, client_controller, "
							+ "other_operator, service_generated)"));
		}
		return (problems.size() == before) ? new Tags(chosen, List.copyOf(kept), origin) : null;
	}

	/** Records of a kind the controller's notice does not cover. */
	public static class NotInPolicyException extends RuntimeException {

		public NotInPolicyException(String message) {
			super(message);
		}

	}

}
