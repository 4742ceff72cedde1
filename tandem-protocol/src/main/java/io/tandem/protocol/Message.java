package io.tandem.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable T-Library message: a request from a client or an event from the server.
 *
 * <p>On the wire it is one JSON object such as
 * {@code {"message":"RequestRegisterAddress","ReferenceID":7,"ThisDN":"7001"}}.
 * Attribute values are {@link String}, {@link Long} or {@link KeyValueList}; known attributes
 * ({@link Attribute}) always hold the kind the enum declares.
 *
 * @param type the message type, {@link MessageType#UNKNOWN} for a name the server does not know
 * @param name the message name as it appeared on the wire
 * @param attributes attribute values by wire name, in wire order
 */
public record Message(MessageType type, String name, Map<String, Object> attributes) {

    /**
     * Checks the attribute values and freezes the map: a copy of {@code attributes}, unless they come from a
     * {@link Builder}, which checked them as they were put and hands its map over without copying it.
     */
    public Message {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (!(attributes instanceof Frozen)) {
            attributes = new Frozen(checkedCopy(attributes));
        }
    }

    private static LinkedHashMap<String, Object> checkedCopy(Map<String, Object> attributes) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            Attribute.fromWireName(key).ifPresent(a -> checkKind(a, value));
            copy.put(key, Objects.requireNonNull(value, key));
        });
        return copy;
    }

    /** The attributes of a built message: read-only, wrapping a map nothing else holds. */
    private static final class Frozen extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> map;

        Frozen(LinkedHashMap<String, Object> owned) {
            this.map = Collections.unmodifiableMap(owned);
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
            map.forEach(action);
        }
    }

    private static void checkKind(Attribute attribute, Object value) {
        if (!attribute.kind().accepts(value)) {
            throw new IllegalArgumentException(attribute.wireName() + " must be " + attribute.kind().describe());
        }
    }

    /** A new builder for a message of {@code type}. */
    public static Builder builder(MessageType type) {
        return new Builder(type);
    }

    /** A builder that starts from this message. */
    public Builder toBuilder() {
        Builder builder = new Builder(type, name);
        builder.attributes.putAll(attributes);
        return builder;
    }

    /** The string value of {@code attribute}, if present. */
    public Optional<String> string(Attribute attribute) {
        return Optional.ofNullable((String) attributes.get(attribute.wireName()));
    }

    /** The integer value of {@code attribute}, if present. */
    public Optional<Long> integer(Attribute attribute) {
        return Optional.ofNullable((Long) attributes.get(attribute.wireName()));
    }

    /** The key-value list of {@code attribute}, or the empty list. */
    public KeyValueList kvList(Attribute attribute) {
        Object value = attributes.get(attribute.wireName());
        return value == null ? KeyValueList.EMPTY : (KeyValueList) value;
    }

    /** Whether {@code attribute} is present. */
    public boolean has(Attribute attribute) {
        return attributes.containsKey(attribute.wireName());
    }

    /** ThisDN, or null. */
    public String thisDn() {
        return string(Attribute.THIS_DN).orElse(null);
    }

    /** ReferenceID, if present. */
    public Optional<Long> referenceId() {
        return integer(Attribute.REFERENCE_ID);
    }

    /** Extensions, or the empty list. */
    public KeyValueList extensions() {
        return kvList(Attribute.EXTENSIONS);
    }

    /** ErrorCode, or 0 when absent. */
    public int errorCode() {
        return integer(Attribute.ERROR_CODE).map(Long::intValue).orElse(0);
    }

    /** A copy with {@code attribute} set. */
    public Message with(Attribute attribute, Object value) {
        return toBuilder().put(attribute, value).build();
    }

    /** A copy without {@code attribute} (this message when it has none). */
    public Message without(Attribute attribute) {
        if (!attributes.containsKey(attribute.wireName())) {
            return this;
        }
        return toBuilder().remove(attribute.wireName()).build();
    }

    @Override
    public String toString() {
        return name + attributes;
    }

    /** Builds a {@link Message}; attribute order is insertion order. */
    public static final class Builder {
        private final MessageType type;
        private final String name;
        private LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();
        /** Whether {@link #attributes} went to a built message: the next change works on a copy. */
        private boolean handedOver;

        private Builder(MessageType type) {
            this(type, type.wireName());
        }

        private Builder(MessageType type, String name) {
            this.type = type;
            this.name = name;
        }

        private LinkedHashMap<String, Object> attributes() {
            if (handedOver) {
                attributes = new LinkedHashMap<>(attributes);
                handedOver = false;
            }
            return attributes;
        }

        /** Sets a known attribute; an int is widened to {@link Long}. */
        public Builder put(Attribute attribute, Object value) {
            Object v = value instanceof Integer i ? Long.valueOf(i) : value;
            checkKind(attribute, v);
            attributes().put(attribute.wireName(), v);
            return this;
        }

        /** Sets {@code attribute} only when {@code value} is not null. */
        public Builder putIfPresent(Attribute attribute, Object value) {
            return value == null ? this : put(attribute, value);
        }

        /** Sets an attribute by wire name (known attributes are kind-checked when built). */
        public Builder putRaw(String wireName, Object value) {
            Objects.requireNonNull(value, wireName);
            Object v = value instanceof Integer i ? Long.valueOf(i) : value;
            Attribute.fromWireName(wireName).ifPresent(a -> checkKind(a, v));
            attributes().put(wireName, v);
            return this;
        }

        private Builder remove(String wireName) {
            attributes().remove(wireName);
            return this;
        }

        /** The message. */
        public Message build() {
            handedOver = true;
            return new Message(type, name, new Frozen(attributes));
        }
    }
}
