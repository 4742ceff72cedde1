package io.tandem.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Encodes a {@link Message} as one compact UTF-8 JSON object, without a line end. Thread-safe. */
public final class MessageEncoder {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The JSON bytes of {@code message}: {@code "message"} first, then the attributes in order. */
    public byte[] encode(Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField(MessageDecoder.MESSAGE_KEY, message.name());
            writeFields(generator, message.attributes());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.name(), e);
        }
        return out.toByteArray();
    }

    /** The size in bytes of {@code list} encoded as a JSON object, as it travels in events. */
    public static int sizeOf(KeyValueList list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(generator, list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a key-value list", e);
        }
        return out.size();
    }

    /** The JSON text of {@code message}. */
    public String encodeToString(Message message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeFields(JsonGenerator generator, Map<String, Object> fields) throws IOException {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            generator.writeFieldName(field.getKey());
            writeValue(generator, field.getValue());
        }
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Long l) {
            generator.writeNumber(l);
        } else if (value instanceof KeyValueList list) {
            generator.writeStartObject();
            writeFields(generator, list.entries());
            generator.writeEndObject();
        } else {
            throw new IllegalArgumentException("cannot encode value " + value);
        }
    }
}
