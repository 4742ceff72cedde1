package io.tandem.server.ha;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;

/** Turns sync messages into JSON lines and back. Thread-safe. */
public final class SyncCodec {

    /** The longest line either side accepts. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SyncCodec() {
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
}
