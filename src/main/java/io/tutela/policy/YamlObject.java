package io.tutela.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A mapping of the policy's YAML tree, read key by key: every value read is checked and
 * placed by path and line, every key never read is reported as unknown.
 */
final class YamlObject {

	private final String path;

	private final Problems problems;

	private final Map<String, Node> entries = new LinkedHashMap<>();

	private final Set<String> read = new LinkedHashSet<>();

	private YamlObject(String path, MappingNode node, Problems problems) {
		this.path = path;
		this.problems = problems;
		problems.line(path, line(node));
		for (NodeTuple tuple : node.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				problems.atLine(path, line(tuple.getKeyNode()), "keys must be plain names");
				continue;
			}
			String child = child(key.getValue());
			if (this.entries.containsKey(key.getValue())) {
				problems.atLine(child, line(key), "duplicate key '" + key.getValue() + "'");
				continue;
			}
			problems.line(child, line(key));
			this.entries.put(key.getValue(), tuple.getValueNode());
		}
	}

	/**
	 * The object at {@code path}, or null (with a problem) when the node is not a
	 * mapping.
	 */
	static @Nullable YamlObject of(String path, Node node, Problems problems) {
		if (node instanceof MappingNode mapping) {
			return new YamlObject(path, mapping, problems);
		}
		problems.atLine(path, line(node), "must be a mapping of keys to values");
		return null;
	}

	static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	String path() {
		return this.path;
	}

	String child(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	boolean has(String key) {
		return this.entries.containsKey(key);
	}

	@Nullable Node node(String key) {
		this.read.add(key);
		Node node = this.entries.get(key);
		if (node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue())) {
			return null;
		}
		return node;
	}

	@Nullable String optString(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		if (node instanceof ScalarNode scalar) {
			String value = scalar.getValue().strip();
			if (value.isEmpty()) {
				this.problems.at(child(key), "must not be empty");
				return null;
			}
			return value;
		}
		this.problems.at(child(key), "must be a single value, not a list or mapping");
		return null;
	}

	String string(String key) {
		boolean blank = !has(key) || node(key) == null;
		String value = optString(key);
		if (blank) {
			this.problems.at(child(key), "is required");
		}
		return (value != null) ? value : "";
	}

	boolean flag(String key, boolean otherwise) {
		String value = optString(key);
		if (value == null) {
			return otherwise;
		}
		return switch (value) {
			case "true", "yes" -> true;
			case "false", "no" -> false;
			default -> {
				this.problems.at(child(key), "must be true or false, not '" + value + "'");
				yield otherwise;
			}
		};
	}

	@Nullable Period optPeriod(String key) {
		String value = optString(key);
		if (value == null) {
			return null;
		}
		try {
			return Period.parse(value);
		}
		catch (DateTimeParseException ex) {
			this.problems.at(child(key), "'" + value + "' is not an ISO-8601 period such as P6M, P30D, P10Y or P1Y6M");
			return null;
		}
	}

	@Nullable Duration optDuration(String key) {
		String value = optString(key);
		if (value == null) {
			return null;
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			this.problems.at(child(key), "'" + value + "' is not an ISO-8601 duration such as PT72H or PT48H");
			return null;
		}
	}

	Period period(String key) {
		Period value = optPeriod(key);
		if (value == null && !has(key)) {
			this.problems.at(child(key), "is required");
		}
		return (value != null) ? value : Period.ZERO;
	}

	@Nullable LocalDate optDate(String key) {
		String value = optString(key);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			this.problems.at(child(key), "'" + value + "' is not a date in the form YYYY-MM-DD");
			return null;
		}
	}

	<E extends Enum<E>> @Nullable E optEnum(String key, Class<E> type) {
		String value = optString(key);
		return (value != null) ? toEnum(child(key), value, type) : null;
	}

	<E extends Enum<E>> @Nullable E enumValue(String key, Class<E> type) {
		if (!has(key)) {
			this.problems.at(child(key), "is required (one of " + names(type) + ")");
			return null;
		}
		return optEnum(key, type);
	}

	private <E extends Enum<E>> @Nullable E toEnum(String path, String value, Class<E> type) {
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			this.problems.at(path, "'" + value + "' is not one of " + names(type));
			return null;
		}
	}

	static <E extends Enum<E>> String names(Class<E> type) {
		List<String> names = new ArrayList<>();
		for (E constant : type.getEnumConstants()) {
			names.add(constant.name().toLowerCase(Locale.ROOT));
		}
		return String.join(", ", names);
	}

	/** A list of plain values; a single value is taken as a list of one. */
	List<String> strings(String key) {
		Node node = node(key);
		List<String> values = new ArrayList<>();
		if (node == null) {
			return values;
		}
		if (node instanceof ScalarNode scalar) {
			values.add(scalar.getValue().strip());
			return values;
		}
		if (!(node instanceof SequenceNode sequence)) {
			this.problems.at(child(key), "must be a list of values");
			return values;
		}
		int i = 0;
		for (Node item : sequence.getValue()) {
			String itemPath = child(key) + "[" + i++ + "]";
			this.problems.line(itemPath, line(item));
			if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
				values.add(scalar.getValue().strip());
			}
			else {
				this.problems.at(itemPath, "must be a single non-empty value");
			}
		}
		return values;
	}

	<E extends Enum<E>> List<E> enums(String key, Class<E> type) {
		List<String> values = strings(key);
		List<E> result = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			E value = toEnum(child(key) + "[" + i + "]", values.get(i), type);
			if (value != null) {
				result.add(value);
			}
		}
		return result;
	}

	/** A list of mappings, each read by {@code reader}; unreadable items are left out. */
	<T> List<T> objects(String key, Function<YamlObject, @Nullable T> reader) {
		Node node = node(key);
		List<T> result = new ArrayList<>();
		if (node == null) {
			return result;
		}
		if (!(node instanceof SequenceNode sequence)) {
			this.problems.at(child(key), "must be a list");
			return result;
		}
		int i = 0;
		for (Node item : sequence.getValue()) {
			YamlObject object = of(child(key) + "[" + i++ + "]", item, this.problems);
			if (object != null) {
				T value = reader.apply(object);
				object.finish();
				if (value != null) {
					result.add(value);
				}
			}
		}
		return result;
	}

	@Nullable YamlObject optObject(String key) {
		Node node = node(key);
		return (node != null) ? of(child(key), node, this.problems) : null;
	}

	@Nullable YamlObject object(String key) {
		if (!has(key)) {
			this.problems.at(child(key), "is required");
			return null;
		}
		return optObject(key);
	}

	/** A text with its Italian and English versions. */
	@Nullable Text optText(String key) {
		YamlObject text = optObject(key);
		if (text == null) {
			return null;
		}
		Text value = new Text(text.string("it"), text.string("en"));
		text.finish();
		return value;
	}

	Text text(String key) {
		Text value = optText(key);
		if (value == null && !has(key)) {
			this.problems.at(child(key), "is required, with its 'it' and 'en' versions");
		}
		return (value != null) ? value : new Text("", "");
	}

	Map<String, String> stringMap(String key) {
		YamlObject object = optObject(key);
		Map<String, String> values = new LinkedHashMap<>();
		if (object != null) {
			for (String name : object.entries.keySet()) {
				String value = object.optString(name);
				if (value != null) {
					values.put(name, value);
				}
			}
		}
		return values;
	}

	/** Reports every key of this mapping that no reader asked for. */
	void finish() {
		for (String key : this.entries.keySet()) {
			if (!this.read.contains(key)) {
				this.problems.at(child(key), "unknown key '" + key + "'");
			}
		}
	}

	Problems problems() {
		return this.problems;
	}

}
