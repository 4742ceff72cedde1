package io.tandem.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node of a configuration file: a scalar, a map or a list, with the line it starts on. */
public sealed interface ConfigNode {

    /** The 1-based line the node starts on. */
    int line();

    /** What kind of node this is, for error messages. */
    String kind();

    /**
     * A scalar value, kept as its source text.
     *
     * @param text the text, or null for an empty value
     * @param line the line
     */
    record Scalar(String text, int line) implements ConfigNode {
        @Override
        public String kind() {
            return text == null ? "an empty value" : "a value";
        }
    }

    /**
     * A map; keys keep their order.
     *
     * @param entries the entries by key
     * @param line the line
     */
    record MapNode(Map<String, ConfigNode> entries, int line) implements ConfigNode {
        /** Freezes the entries. */
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    /**
     * A list.
     *
     * @param items the items
     * @param line the line
     */
    record ListNode(List<ConfigNode> items, int line) implements ConfigNode {
        /** Freezes the items. */
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }
}
