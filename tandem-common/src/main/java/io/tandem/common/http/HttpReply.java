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
 * @param headers further response headers (for example Set-Cookie)
 */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** An answer without further headers. */
    public HttpReply(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    /** A copy with header {@code name} set to {@code value}. */
    public HttpReply withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new HttpReply(status, contentType, body, Map.copyOf(all));
    }

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
