package io.tandem.common.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one normalization of a request path, used both to route and to authorize a request: percent-decoding
 * (strict UTF-8), repeated slashes collapsed, {@code .} and {@code ..} segments resolved, no trailing slash.
 * Case is kept (routing is case-sensitive). A path that cannot be normalized is a 400.
 */
public final class RequestPath {

    /** The longest path accepted (after decoding). */
    public static final int MAX_LENGTH = 2048;

    private RequestPath() {
    }

    /** The normalized form of {@code rawPath} (the part of the request target before any {@code ?}). */
    public static String normalize(String rawPath) {
        String decoded = decode(rawPath);
        if (decoded.length() > MAX_LENGTH) {
            throw new HttpProblem(414, "request path longer than " + MAX_LENGTH + " characters");
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new HttpProblem(400, "request path climbs above the root: " + rawPath);
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static String decode(String raw) {
        if (!raw.startsWith("/")) {
            throw new HttpProblem(400, "request path must start with '/'");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new HttpProblem(400, "malformed percent-encoding in the request path");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x100) {
                bytes.write(c); // Netty hands the request line over byte for byte
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HttpProblem(400, "the request path is not valid UTF-8");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new HttpProblem(400, "the request path holds a control character or a backslash");
            }
        }
        return text;
    }
}
