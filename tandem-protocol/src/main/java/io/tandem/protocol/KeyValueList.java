package io.tandem.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, ordered T-Library key-value list (TKVList), used for {@code Extensions} and
 * {@code UserData}. Values are {@link String}, {@link Long} or nested {@code KeyValueList}s.
 *
 * @param entries the pairs in insertion order
 */
public record KeyValueList(Map<String, Object> entries) {

    /** The empty list. */
    public static final KeyValueList EMPTY = new KeyValueList(Map.of());

    /** Copies {@code entries} and checks every value is a string, an integer or a nested list. */
    public KeyValueList {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (!(value instanceof String || value instanceof Long || value instanceof KeyValueList)) {
                throw new IllegalArgumentException("key-value list value for '" + key
                        + "' must be a string, an integer or a key-value list, not " + value);
            }
            copy.put(key, value);
        });
        entries = Collections.unmodifiableMap(copy);
    }

    /** A list of string pairs, given as key, value, key, value... */
    public static KeyValueList ofStrings(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new KeyValueList(map);
    }

    /** The value for {@code key}, if present. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The string value for {@code key}, if present and a string. */
    public Optional<String> getString(String key) {
        Object value = entries.get(key);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** Whether {@code key} is present. */
    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    /** Whether the list has no pairs. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A copy with {@code key} set to {@code value} (appended, or replaced in place). */
    public KeyValueList with(String key, Object value) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(entries);
        map.put(key, value);
        return new KeyValueList(map);
    }
}
