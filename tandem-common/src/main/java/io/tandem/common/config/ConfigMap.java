package io.tandem.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, checked access to one map of a configuration file. Every wrong or missing value is recorded
 * in {@link ConfigProblems} with its line; the accessors then return a fallback so that reading goes on
 * and all problems are reported together.
 */
public final class ConfigMap {

    private final ConfigNode.MapNode node;
    private final ConfigProblems problems;
    private final String context;

    private ConfigMap(ConfigNode.MapNode node, ConfigProblems problems, String context) {
        this.node = node;
        this.problems = problems;
        this.context = context;
    }

    /** Wraps {@code node}, which must be a map; {@code context} prefixes messages (for example "device 'X'"). */
    public static Optional<ConfigMap> of(ConfigNode node, ConfigProblems problems, String context) {
        if (node instanceof ConfigNode.MapNode map) {
            return Optional.of(new ConfigMap(map, problems, context));
        }
        problems.add(node, prefix(context) + "expected a map, found " + node.kind());
        return Optional.empty();
    }

    /** An empty map, for an absent section. */
    public static ConfigMap empty(ConfigProblems problems, String context, int line) {
        return new ConfigMap(new ConfigNode.MapNode(java.util.Map.of(), line), problems, context);
    }

    /** The line of the map. */
    public int line() {
        return node.line();
    }

    /** The line of {@code key}'s value, or of the map when absent. */
    public int lineOf(String key) {
        ConfigNode value = node.entries().get(key);
        return value == null ? node.line() : value.line();
    }

    /** The problem collector. */
    public ConfigProblems problems() {
        return problems;
    }

    /** Records a problem at {@code key}'s line. */
    public void problem(String key, String message) {
        problems.add(lineOf(key), prefix(context) + message);
    }

    /** Records an unknown-key problem for every key not in {@code allowed}. */
    public ConfigMap allowOnly(String... allowed) {
        Set<String> keys = new LinkedHashSet<>(Arrays.asList(allowed));
        node.entries().forEach((key, value) -> {
            if (!keys.contains(key)) {
                problems.add(value.line(), prefix(context) + "unknown key '" + key + "' (allowed: " + String.join(", ", keys) + ")");
            }
        });
        return this;
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return node.entries().containsKey(key);
    }

    /** A required string. */
    public String string(String key) {
        return optionalString(key).orElseGet(() -> {
            if (!has(key)) {
                problems.add(node.line(), prefix(context) + "missing required key '" + key + "'");
            }
            return "";
        });
    }

    /** An optional string. */
    public Optional<String> optionalString(String key) {
        ConfigNode value = node.entries().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof ConfigNode.Scalar scalar && scalar.text() != null && !scalar.text().isBlank()) {
            return Optional.of(scalar.text());
        }
        problems.add(value, prefix(context) + "'" + key + "' must be a non-empty value, found " + value.kind());
        return Optional.empty();
    }

    /** An optional boolean ({@code true} or {@code false}). */
    public boolean bool(String key, boolean fallback) {
        return optionalString(key).map(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, "'" + key + "' must be true or false, found '" + text + "'");
                yield fallback;
            }
        }).orElse(fallback);
    }

    /** An optional integer within {@code [min, max]}. */
    public int integer(String key, int fallback, int min, int max) {
        return optionalString(key).map(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(key, "'" + key + "' must be a whole number from " + min + " to " + max + ", found '" + text + "'");
            return fallback;
        }).orElse(fallback);
    }

    /** An optional sub-map. */
    public Optional<ConfigMap> map(String key, String subContext) {
        ConfigNode value = node.entries().get(key);
        return value == null ? Optional.empty() : of(value, problems, subContext);
    }

    /** An optional list of maps; each item is converted with {@code convert}. */
    public <T> List<T> listOfMaps(String key, Function<ConfigMap, T> convert) {
        List<T> result = new ArrayList<>();
        for (ConfigNode item : listItems(key)) {
            of(item, problems, "").ifPresent(map -> result.add(convert.apply(map)));
        }
        return result;
    }

    /** An optional list of non-empty scalars. */
    public List<String> listOfStrings(String key) {
        List<String> result = new ArrayList<>();
        for (ConfigNode item : listItems(key)) {
            if (item instanceof ConfigNode.Scalar scalar && scalar.text() != null && !scalar.text().isBlank()) {
                result.add(scalar.text());
            } else {
                problems.add(item, prefix(context) + "items of '" + key + "' must be values, found " + item.kind());
            }
        }
        return result;
    }

    private List<ConfigNode> listItems(String key) {
        ConfigNode value = node.entries().get(key);
        if (value == null || (value instanceof ConfigNode.Scalar s && (s.text() == null || s.text().isBlank()))) {
            return List.of();
        }
        if (value instanceof ConfigNode.ListNode list) {
            return list.items();
        }
        problems.add(value, prefix(context) + "'" + key + "' must be a list, found " + value.kind());
        return List.of();
    }

    private static String prefix(String context) {
        return context == null || context.isEmpty() ? "" : context + ": ";
    }
}
