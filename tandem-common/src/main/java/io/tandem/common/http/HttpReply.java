package io.tandem.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP answer.
 *
 * @param status the status code
 * @param contentType the content type
 * @param body the body
 */
public record HttpReply(int status, String contentType, byte[] body) {

    /** A JSON answer; {@code value} is serialized with Jackson. */
    public static HttpReply json(int status, Object value) {
        try {
            return new HttpReply(status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value, e);
        }
    }

    /** A 200 JSON answer. */
    public static HttpReply ok(Object value) {
        return json(200, value);
    }

    /** An error answer with body {@code {"error": message}}. */
    public static HttpReply error(int status, String message) {
        return json(status, Map.of("error", message == null ? "error" : message));
    }

    /** A plain-text answer. */
    public static HttpReply text(int status, String text) {
        return new HttpReply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
