package io.tandem.protocol;

/** The JSON shape an attribute value must have. */
public enum ValueKind {
    /** A JSON string. */
    STRING,
    /** A JSON integer (no fraction, fits in a signed 64-bit value). */
    INTEGER,
    /** A JSON object whose values are strings, integers or nested key-value lists (T-Library TKVList). */
    KV_LIST;

    /** Whether {@code value} (a decoded Java value) has this kind. */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case KV_LIST -> value instanceof KeyValueList;
        };
    }

    /** How this kind is described in error messages. */
    public String describe() {
        return switch (this) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case KV_LIST -> "an object of key-value pairs";
        };
    }
}
