package io.tandem.server.ha;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.tandem.protocol.KeyValueList;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;

/**
 * Turns sync messages into JSON lines and back. Key-value lists (UserData) are JSON objects whose values are
 * strings, integers or nested objects, as on the CTI wire. Thread-safe.
 */
public final class SyncCodec {

    /** The longest line either side accepts. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("key-value lists")
                    .addSerializer(KeyValueList.class, new KeyValueListSerializer())
                    .addDeserializer(KeyValueList.class, new KeyValueListDeserializer()));

    private SyncCodec() {
    }

    /**
     * {@code items} in batches of at most {@code count} whose encoded size stays within half a sync line, so that a full
     * synchronization never sends a frame the other side refuses (a feature bounds each item to well under half a line:
     * a call's UserData by the per-call limit).
     */
    public static List<List<JsonNode>> batches(List<JsonNode> items, int count) {
        List<List<JsonNode>> batches = new java.util.ArrayList<>();
        List<JsonNode> batch = new java.util.ArrayList<>();
        long bytes = 0;
        for (JsonNode item : items) {
            long size = sizeOf(item);
            if (!batch.isEmpty() && (batch.size() == count || bytes + size > MAX_LINE_BYTES / 2)) {
                batches.add(batch);
                batch = new java.util.ArrayList<>();
                bytes = 0;
            }
            batch.add(item);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static long sizeOf(JsonNode item) {
        try {
            return MAPPER.writeValueAsBytes(item).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + item, e);
        }
    }

    /** {@code value} as a JSON document (a replicated item stored in a database). */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    /** The {@code type} in the JSON document {@code json}; throws {@link SyncProtocolException} naming what is wrong. */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return fromTree(MAPPER.readTree(json), type);
        } catch (JsonProcessingException e) {
            throw new SyncProtocolException("malformed document: " + e.getOriginalMessage());
        }
    }

    /** {@code value} (an item or a change of a replicated part) as a JSON tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The {@code type} in {@code tree}; throws {@link SyncProtocolException} naming what is wrong. */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            T value = MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw new SyncProtocolException("malformed sync message: an empty " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new SyncProtocolException("malformed sync message: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new SyncProtocolException("malformed sync message: " + e.getMessage());
        }
    }

    /** {@code message} as one JSON line, with its newline. */
    public static String encode(SyncMessage message) {
        try {
            return MAPPER.writeValueAsString(message) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    /** The message in {@code line}; throws {@link SyncProtocolException} naming what is wrong. */
    public static SyncMessage decode(String line) {
        try {
            SyncMessage message = MAPPER.readValue(line, SyncMessage.class);
            if (message == null) {
                throw new SyncProtocolException("empty sync message");
            }
            return message;
        } catch (InvalidTypeIdException e) {
            throw new SyncProtocolException("unknown sync message type '" + e.getTypeId() + "'");
        } catch (JsonProcessingException e) {
            throw new SyncProtocolException("malformed sync message: " + e.getOriginalMessage());
        }
    }

    private static final class KeyValueListSerializer extends StdSerializer<KeyValueList> {
        KeyValueListSerializer() {
            super(KeyValueList.class);
        }

        @Override
        public void serialize(KeyValueList list, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            for (Map.Entry<String, Object> e : list.entries().entrySet()) {
                out.writeFieldName(e.getKey());
                if (e.getValue() instanceof Long number) {
                    out.writeNumber(number);
                } else if (e.getValue() instanceof KeyValueList nested) {
                    serialize(nested, out, provider);
                } else {
                    out.writeString((String) e.getValue());
                }
            }
            out.writeEndObject();
        }
    }

    private static final class KeyValueListDeserializer extends StdDeserializer<KeyValueList> {
        KeyValueListDeserializer() {
            super(KeyValueList.class);
        }

        @Override
        public KeyValueList deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode node = in.readValueAsTree();
            return toList(node, context);
        }

        private KeyValueList toList(JsonNode node, DeserializationContext context) throws IOException {
            if (!node.isObject()) {
                throw context.weirdStringException(node.toString(), KeyValueList.class, "a key-value list must be a JSON object");
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (value.isTextual()) {
                    entries.put(e.getKey(), value.asText());
                } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                    entries.put(e.getKey(), value.asLong());
                } else if (value.isObject()) {
                    entries.put(e.getKey(), toList(value, context));
                } else {
                    throw context.weirdStringException(value.toString(), KeyValueList.class,
                            "value of '" + e.getKey() + "' must be a string, an integer or an object");
                }
            }
            return new KeyValueList(entries);
        }
    }
}
