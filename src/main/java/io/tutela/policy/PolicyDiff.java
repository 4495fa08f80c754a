package io.tutela.policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What changed for subjects between two versions of a policy: each category, purpose,
 * retention rule, recipient, location, security measure or right added, removed or
 * changed, field by field.
 */
public final class PolicyDiff {

	private PolicyDiff() {
	}

	public enum Kind {

		ADDED, REMOVED, CHANGED

	}

	/**
	 * One change.
	 *
	 * @param section the policy section, as in the file ({@code retention},
	 * {@code recipients})
	 * @param id the item's id, or the section name for a section without items
	 * @param field the changed field for {@link Kind#CHANGED}, null otherwise
	 */
	public record Change(String section, String id, Kind kind, @Nullable String field, @Nullable String before,
			@Nullable String after) {
	}

	public static List<Change> between(Policy from, Policy to) {
		List<Change> changes = new ArrayList<>();
		single(changes, "controller", from.controller(), to.controller());
		single(changes, "dpo", from.dpo(), to.dpo());
		single(changes, "notice", from.notice(), to.notice());
		items(changes, "subjects", from.subjects(), to.subjects(), Policy.SubjectGroup::id);
		items(changes, "categories", from.categories(), to.categories(), Policy.Category::id);
		items(changes, "purposes", from.purposes(), to.purposes(), Policy.Purpose::id);
		items(changes, "retention", from.retention(), to.retention(), Policy.RetentionRule::id);
		items(changes, "legal_holds", from.legalHolds(), to.legalHolds(), Policy.LegalHold::id);
		items(changes, "recipients", from.recipients(), to.recipients(), Policy.Recipient::id);
		items(changes, "locations", from.locations(), to.locations(), Policy.Location::id);
		items(changes, "security", from.security(), to.security(), Policy.SecurityMeasure::id);
		single(changes, "marketing", from.marketing(), to.marketing());
		single(changes, "rights", from.rights(), to.rights());
		items(changes, "records", from.records(), to.records(), (r) -> r.kind().key());
		single(changes, "breach", from.breach(), to.breach());
		return changes;
	}

	private static <T extends Record> void items(List<Change> changes, String section, List<T> from, List<T> to,
			Function<T, String> id) {
		Map<String, T> before = from.stream().collect(Collectors.toMap(id, (t) -> t, (a, b) -> a, LinkedHashMap::new));
		Map<String, T> after = to.stream().collect(Collectors.toMap(id, (t) -> t, (a, b) -> a, LinkedHashMap::new));
		before.forEach((key, old) -> {
			T now = after.get(key);
			if (now == null) {
				changes.add(new Change(section, key, Kind.REMOVED, null, describe(old), null));
			}
			else {
				fields(changes, section, key, old, now);
			}
		});
		after.forEach((key, now) -> {
			if (!before.containsKey(key)) {
				changes.add(new Change(section, key, Kind.ADDED, null, null, describe(now)));
			}
		});
	}

	private static void single(List<Change> changes, String section, @Nullable Record from, @Nullable Record to) {
		if (from == null && to == null) {
			return;
		}
		if (from == null) {
			changes.add(new Change(section, section, Kind.ADDED, null, null, describe(to)));
		}
		else if (to == null) {
			changes.add(new Change(section, section, Kind.REMOVED, null, describe(from), null));
		}
		else {
			fields(changes, section, section, from, to);
		}
	}

	private static void fields(List<Change> changes, String section, String id, Record from, Record to) {
		for (RecordComponent component : from.getClass().getRecordComponents()) {
			Object before = value(component, from);
			Object after = value(component, to);
			if (!Objects.equals(before, after)) {
				changes.add(new Change(section, id, Kind.CHANGED, snake(component.getName()), describe(before),
						describe(after)));
			}
		}
	}

	private static @Nullable Object value(RecordComponent component, Record record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A value as a person reads it: Italian texts, ISO periods, lower-case names. */
	static @Nullable String describe(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Text text) {
			return text.it();
		}
		if (value instanceof Enum<?> e) {
			return e.name().toLowerCase(Locale.ROOT);
		}
		if (value instanceof List<?> list) {
			return list.stream().map(PolicyDiff::describe).collect(Collectors.joining(", ", "[", "]"));
		}
		if (value instanceof Record record) {
			List<String> parts = new ArrayList<>();
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				Object part = value(component, record);
				if (part != null && !(part instanceof List<?> l && l.isEmpty())) {
					parts.add(snake(component.getName()) + ": " + describe(part));
				}
			}
			return String.join("; ", parts);
		}
		return value.toString();
	}

	private static String snake(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
