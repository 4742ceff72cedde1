package io.tandem.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.protocol.ValueKind;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one JSON frame into a {@link Message}, checking the shape of every known attribute.
 * Thread-safe.
 */
public final class MessageDecoder {

    /** The attribute that names the message. */
    public static final String MESSAGE_KEY = "message";

    private final ObjectMapper mapper;
    private final int maxDepth;

    /** A decoder with the given limits. */
    public MessageDecoder(ProtocolLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth() + 1)
                        .maxStringLength(limits.maxFrameBytes())
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
        this.maxDepth = limits.maxNestingDepth();
    }

    /** Decodes {@code length} bytes of UTF-8 JSON starting at {@code offset}. */
    public DecodeResult decode(byte[] bytes, int offset, int length) {
        int invalid = Utf8.firstInvalid(bytes, offset, length);
        if (invalid >= 0) {
            return malformed(ErrorCode.BAD_PARAMETER, "the message is not valid UTF-8 (byte " + (invalid - offset + 1) + ")", null, null);
        }
        JsonNode root;
        try (JsonParser parser = mapper.getFactory().createParser(bytes, offset, length)) {
            root = mapper.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                return malformed(ErrorCode.BAD_PARAMETER, "malformed JSON: unexpected data after the message object", null, null);
            }
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            return malformed(ErrorCode.INVALID_ATTRIBUTE, "message exceeds a limit: " + e.getOriginalMessage()
                    .replaceAll(" \\(by `StreamReadConstraints.*\\)", ""), null, null);
        } catch (JsonProcessingException e) {
            return malformed(ErrorCode.BAD_PARAMETER, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()), null, null);
        } catch (IOException | RuntimeException e) {
            return malformed(ErrorCode.BAD_PARAMETER, "unreadable frame: " + e.getMessage(), null, null);
        }
        if (root == null || root.isMissingNode()) {
            return malformed(ErrorCode.BAD_PARAMETER, "empty frame", null, null);
        }
        if (!(root instanceof ObjectNode object)) {
            return malformed(ErrorCode.BAD_PARAMETER, "a message must be a JSON object, not " + describe(root), null, null);
        }
        return decodeObject(object);
    }

    /** Decodes a whole UTF-8 JSON frame. */
    public DecodeResult decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    private DecodeResult decodeObject(ObjectNode object) {
        Long referenceId = readReferenceId(object);
        JsonNode nameNode = object.get(MESSAGE_KEY);
        if (nameNode == null) {
            return malformed(ErrorCode.BAD_PARAMETER, "missing attribute 'message' (the message name)", referenceId, null);
        }
        if (!nameNode.isTextual()) {
            return malformed(ErrorCode.BAD_PARAMETER, "attribute 'message' must be a string, got " + describe(nameNode), referenceId, null);
        }
        String name = nameNode.textValue();
        LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(MESSAGE_KEY)) {
                continue;
            }
            Optional<Attribute> known = Attribute.fromWireName(field.getKey());
            Object value;
            try {
                value = known.isPresent()
                        ? convertKnown(known.get(), field.getValue())
                        : convertLoose(field.getValue(), 1);
            } catch (ShapeException e) {
                return malformed(ErrorCode.INVALID_ATTRIBUTE, e.getMessage(), referenceId, name);
            }
            if (value != null) {
                attributes.put(field.getKey(), value);
            }
        }
        return new DecodeResult.Decoded(new Message(MessageType.fromWireName(name), name, attributes));
    }

    private static Long readReferenceId(ObjectNode object) {
        JsonNode node = object.get(Attribute.REFERENCE_ID.wireName());
        return node != null && node.canConvertToLong() && node.isIntegralNumber() ? node.longValue() : null;
    }

    private Object convertKnown(Attribute attribute, JsonNode node) throws ShapeException {
        String name = attribute.wireName();
        if (attribute.kind() == ValueKind.STRING && node.isTextual()) {
            return node.textValue();
        }
        if (attribute.kind() == ValueKind.INTEGER && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (attribute.kind() == ValueKind.KV_LIST && node.isObject()) {
            return toKvList(name, (ObjectNode) node, 2);
        }
        throw new ShapeException("attribute " + name + " must be " + attribute.kind().describe()
                + ", got " + describe(node));
    }

    /** Unknown attributes are kept when they are strings, integers or objects, and dropped otherwise. */
    private Object convertLoose(JsonNode node, int depth) throws ShapeException {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isObject()) {
            try {
                return toKvList("?", (ObjectNode) node, depth + 1);
            } catch (ShapeException e) {
                return null;
            }
        }
        return null;
    }

    private KeyValueList toKvList(String path, ObjectNode node, int depth) throws ShapeException {
        if (depth > maxDepth) {
            throw new ShapeException(path + " nests deeper than " + maxDepth + " levels");
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                map.put(field.getKey(), value.textValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                map.put(field.getKey(), value.longValue());
            } else if (value.isObject()) {
                map.put(field.getKey(), toKvList(path + "." + field.getKey(), (ObjectNode) value, depth + 1));
            } else {
                throw new ShapeException(path + "." + field.getKey() + " must be a string, an integer or an object, got " + describe(value));
            }
        }
        return new KeyValueList(map);
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> node.isIntegralNumber() && !node.canConvertToLong() ? "an integer out of range" : node.isIntegralNumber() ? "a number" : "a decimal number";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static DecodeResult malformed(ErrorCode code, String problem, Long referenceId, String name) {
        return new DecodeResult.Malformed(code, problem, referenceId, name);
    }

    private static final class ShapeException extends Exception {
        ShapeException(String message) {
            super(message, null, false, false);
        }
    }
}
