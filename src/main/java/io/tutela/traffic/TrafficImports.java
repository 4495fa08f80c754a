package io.tutela.traffic;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.tutela.policy.Policy;
import io.tutela.policy.RecordKind;
import io.tutela.records.ImportRow;
import io.tutela.records.ImportSpec;
import io.tutela.records.RetentionDates;
import io.tutela.records.Tags;
import io.tutela.records.Values;
import io.tutela.web.InvalidInputException.FieldProblem;

/**
 * What the imports of traffic data share: rows by the million, so the work per row is
 * kept small (numbers already seen are not parsed again, the policy's default tags are
 * worked out once per import) and everything that needs the database is done in SQL over
 * the whole staged file.
 */
final class TrafficImports {

	/** How many distinct numbers an import remembers, so as not to check them again. */
	private static final int REMEMBERED_NUMBERS = 4_000_000;

	private TrafficImports() {
	}

	/**
	 * A number in E.164, or null with the problem added; numbers already seen in the
	 * import are not checked again.
	 */
	static @Nullable String number(@Nullable String text, String field, Limits limits, List<FieldProblem> problems) {
		if (text == null) {
			problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		Map<String, String> seen = limits.numbers();
		String e164 = seen.get(text);
		if (e164 == null) {
			e164 = DialledNumbers.e164(text, field, problems);
			if (e164 == null) {
				return null;
			}
			if (seen.size() < REMEMBERED_NUMBERS) {
				seen.put(text, e164);
			}
		}
		return e164;
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
	static @Nullable Tags tags(ImportRow row, ImportSpec.Context context, Limits limits, List<FieldProblem> problems) {
		String category = row.get("category");
		String purposes = row.get("purposes");
		if (category == null && purposes == null) {
			problems.addAll(limits.tagProblems());
			return limits.tags();
		}
		return Tags.of(context.policy(), context.mapping(), category, Values.list(purposes), null,
				Policy.Source.SERVICE_GENERATED, problems);
	}

	/** A start the policy still keeps and not in the future; the problem otherwise. */
	static @Nullable Instant start(ImportRow row, ImportSpec.Context context, Limits limits,
			List<FieldProblem> problems) {
		String text = row.get("start");
		if (text == null) {
			problems.add(new FieldProblem("start", "is required"));
			return null;
		}
		Instant start = utc(text);
		if (start == null) {
			start = Values.instant(text, "start", context.policy().controller().timezone(), problems);
		}
		if (start != null && start.isBefore(limits.oldest())) {
			problems.add(new FieldProblem("start", "is before " + limits.oldest()
					+ ": the policy keeps no traffic data that old (" + limits.longest() + ")"));
			return null;
		}
		if (start != null && start.isAfter(limits.newest())) {
			problems.add(new FieldProblem("start", "is in the future"));
			return null;
		}
		return start;
	}

	/**
	 * An instant written as switches do, {@code 2026-01-15T10:30:00Z}, read without the
	 * general parser; null for any other form.
	 */
	static @Nullable Instant utc(String text) {
		if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
			return null;
		}
		try {
			return LocalDateTime
				.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
						digits(text, 14, 16), digits(text, 17, 19))
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException | NumberFormatException ex) {
			return null;
		}
	}

	private static int digits(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (text.charAt(i) < '0' || text.charAt(i) > '9') {
				throw new NumberFormatException();
			}
		}
		return Integer.parseInt(text, from, to, 10);
	}

	/**
	 * A start as staged: its text when written as switches do (already what PostgreSQL
	 * reads), else the instant.
	 */
	static Object staged(String text, Instant start) {
		return (text.length() == 20 && text.charAt(19) == 'Z' && text.charAt(10) == 'T') ? text : start;
	}

	/** The staged text of a list of purposes. */
	static String purposes(Tags tags) {
		return Values.array(tags.purposes());
	}

	/**
	 * Whether the policy moves records of the kind into the justice vault: then each
	 * import records what it wrote, for {@link TrafficSealing} to copy into the vault.
	 */
	static boolean sealed(Policy policy, RecordKind kind) {
		List<String> categories = policy.records(kind).map(Policy.RecordMapping::categories).orElse(List.of());
		return policy.retention()
			.stream()
			.anyMatch((rule) -> rule.action() == Policy.Action.SEGREGATE && categories.contains(rule.category()));
	}

	/**
	 * The statements recording, after a merge, the whole months of the staged rows for
	 * the sealing step (a merge may have changed records loaded earlier).
	 */
	static List<String> merged(String table, ImportSpec.Context context, RecordKind kind) {
		if (!sealed(context.policy(), kind)) {
			return List.of();
		}
		return List.of("SELECT traffic_loaded('" + table
				+ "', :controller, NULL, min(start_at), max(start_at)) FROM import_staging");
	}

	/**
	 * The earliest and latest start a direct load has written, as the import read them:
	 * the text of starts written as switches do (which compares as the instants do), or
	 * instants.
	 */
	static final class Starts {

		private @Nullable String firstText;

		private @Nullable String lastText;

		private @Nullable Instant first;

		private @Nullable Instant last;

		void add(@Nullable Object start) {
			if (start instanceof String text) {
				this.firstText = (this.firstText == null || text.compareTo(this.firstText) < 0) ? text : this.firstText;
				this.lastText = (this.lastText == null || text.compareTo(this.lastText) > 0) ? text : this.lastText;
			}
			else if (start instanceof Instant instant) {
				this.first = (this.first == null || instant.isBefore(this.first)) ? instant : this.first;
				this.last = (this.last == null || instant.isAfter(this.last)) ? instant : this.last;
			}
		}

		/**
		 * The statements recording a direct load's rows (the import's {@code loaded_at})
		 * for the sealing step.
		 */
		List<String> loaded(String table, ImportSpec.Context context, RecordKind kind) {
			Instant lo = earliest(this.first, (this.firstText != null) ? Instant.parse(this.firstText) : null, true);
			Instant hi = earliest(this.last, (this.lastText != null) ? Instant.parse(this.lastText) : null, false);
			if (lo == null || hi == null || !sealed(context.policy(), kind)) {
				return List.of();
			}
			return List.of("SELECT traffic_loaded('" + table + "', :controller, now(), TIMESTAMPTZ '" + lo
					+ "', TIMESTAMPTZ '" + hi.plusNanos(1000) + "')");
		}

		private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b, boolean earliest) {
			if (a == null || b == null) {
				return (a != null) ? a : b;
			}
			return (a.isBefore(b) == earliest) ? a : b;
		}

	}

	/** The statement creating the monthly partitions an import's rows may go to. */
	static String partitions(String table, Limits limits) {
		return "CALL traffic_partitions('" + table + "', TIMESTAMPTZ '" + limits.oldest() + "', TIMESTAMPTZ '"
				+ limits.newest() + "')";
	}

	/**
	 * What an import checks every row against, worked out once per import: the policy's
	 * default tags, and the starts the policy keeps (from the day the longest rule of the
	 * category still keeps to a day from now).
	 */
	record Limits(ImportSpec.Context context, @Nullable Tags tags, List<FieldProblem> tagProblems, Period longest,
			Instant oldest, Instant newest, Map<String, String> numbers, Map<String, UUID> subscribers) {

	}

	/** The limits of the import running now, per kind. */
	static final class PerImport {

		private final Clock clock;

		private final Function<String, Map<String, UUID>> subscribers;

		private volatile @Nullable Limits known;

		/**
		 * @param subscribers the subjects a controller's records are linked to, by the
		 * identifier a record names them with
		 */
		PerImport(Clock clock, Function<String, Map<String, UUID>> subscribers) {
			this.clock = clock;
			this.subscribers = subscribers;
		}

		Limits of(ImportSpec.Context context) {
			Limits last = this.known;
			if (last != null && last.context() == context) {
				return last;
			}
			List<FieldProblem> problems = new ArrayList<>();
			Tags tags = Tags.of(context.policy(), context.mapping(), null, null, null, Policy.Source.SERVICE_GENERATED,
					problems);
			Period longest = OperationalWindow.longestKept(context.policy(), context.mapping().defaultCategory());
			ZoneId zone = context.policy().controller().timezone();
			Instant now = this.clock.instant();
			Instant oldest = RetentionDates.firstKept(LocalDate.ofInstant(now, zone), longest)
				.atStartOfDay(zone)
				.toInstant();
			Limits limits = new Limits(context, tags, List.copyOf(problems), longest, oldest,
					now.plus(1, ChronoUnit.DAYS), new ConcurrentHashMap<>(),
					this.subscribers.apply(context.controllerId()));
			this.known = limits;
			return limits;
		}

	}

}
