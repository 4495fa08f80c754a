package io.tutela.traffic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.subject.PhoneNumbers;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * What the imports of traffic data share: rows by the million, so the work per row is
 * kept small (numbers already seen are not parsed again, the policy's default tags are
 * worked out once per import) and everything that needs the database is done in SQL over
 * the whole staged file.
 */
final class TrafficImports {

	/** How many distinct numbers are remembered before the memory starts afresh. */
	private static final int REMEMBERED_NUMBERS = 200_000;

	private static final Map<String, PhoneNumbers.Result> NUMBERS = new ConcurrentHashMap<>();

	private TrafficImports() {
	}

	/** A number in E.164, or null with the problem added. */
	static @Nullable String number(@Nullable String text, String field, List<FieldProblem> problems) {
		if (text == null) {
			problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		PhoneNumbers.Result result = NUMBERS.get(text);
		if (result == null) {
			result = PhoneNumbers.normalise(text);
			if (NUMBERS.size() >= REMEMBERED_NUMBERS) {
				NUMBERS.clear();
			}
			NUMBERS.put(text, result);
		}
		if (result instanceof PhoneNumbers.Valid valid) {
			return valid.e164();
		}
		problems.add(new FieldProblem(field, ((PhoneNumbers.Invalid) result).reason()));
		return null;
	}

	/** A whole number from 0, or null with the problem added. */
	static @Nullable Long count(@Nullable String text, String field, long max, List<FieldProblem> problems) {
		if (text == null) {
			return 0L;
		}
		try {
			long value = Long.parseLong(text);
			if (value >= 0 && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add(new FieldProblem(field, "'" + text + "' is not a whole number from 0 to " + max));
		return null;
	}

	/**
	 * The row's tags: the policy's defaults (worked out once per import) unless the row
	 * names a category or purposes.
	 */
	static @Nullable Tags tags(ImportRow row, ImportSpec.Context context, Defaults defaults,
			List<FieldProblem> problems) {
		String category = row.get("category");
		String purposes = row.get("purposes");
		if (category == null && purposes == null) {
			return defaults.of(context, problems);
		}
		return Tags.of(context.policy(), context.mapping(), category, Values.list(purposes), null,
				Policy.Source.SERVICE_GENERATED, problems);
	}

	/** The staged text of a list of purposes. */
	static String purposes(Tags tags) {
		return Values.array(tags.purposes());
	}

	/** The policy's default tags of the import running now. */
	static final class Defaults {

		private volatile @Nullable Known known;

		@Nullable Tags of(ImportSpec.Context current, List<FieldProblem> problems) {
			Known last = this.known;
			if (last != null && last.context() == current) {
				return last.tags();
			}
			Tags computed = Tags.of(current.policy(), current.mapping(), null, null, null,
					Policy.Source.SERVICE_GENERATED, problems);
			if (computed != null) {
				this.known = new Known(current, computed);
			}
			return computed;
		}

		private record Known(ImportSpec.Context context, Tags tags) {
		}

	}

}
