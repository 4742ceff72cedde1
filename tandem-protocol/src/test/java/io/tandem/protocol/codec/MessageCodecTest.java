package io.tandem.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Framing and decoding of the JSON-line protocol, in memory. */
class MessageCodecTest {

    private final MessageDecoder decoder = new MessageDecoder(ProtocolLimits.DEFAULT);
    private final MessageEncoder encoder = new MessageEncoder();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new JsonLineFrameDecoder(ProtocolLimits.DEFAULT), new FrameToMessageDecoder(decoder));
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void encodeThenDecodeKeepsEveryAttributeAndItsOrder() {
        Message original = Message.builder(MessageType.REQUEST_REGISTER_ADDRESS)
                .put(Attribute.REFERENCE_ID, 7)
                .put(Attribute.THIS_DN, "7001")
                .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REMOTE_DEST", "0612345678", "REMOTE_NAME", "Alice \u00e9\u00e8 mobile"))
                .put(Attribute.USER_DATA, new KeyValueList(java.util.Map.of("n", 5L, "nested", KeyValueList.ofStrings("a", "b"))))
                .build();
        String json = encoder.encodeToString(original);
        assertThat(json).startsWith("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":7,\"ThisDN\":\"7001\"");
        DecodeResult result = decoder.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isEqualTo(new DecodeResult.Decoded(original));
    }

    @Test
    void aMessageSplitAcrossManyReadsIsDecodedOnce() {
        EmbeddedChannel ch = channel();
        String line = "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":1,\"ThisDN\":\"7001\"}\r\n";
        for (char c : line.toCharArray()) {
            ch.writeInbound(bytes(String.valueOf(c)));
        }
        DecodeResult.Decoded decoded = ch.readInbound();
        assertThat(decoded.message().thisDn()).isEqualTo("7001");
        assertThat(decoded.message().referenceId()).contains(1L);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void severalMessagesInOneReadAndBlankLinesAreSkipped() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("{\"message\":\"RequestRegisterClient\"}\n\n   \n{\"message\":\"Nope\"}\n{\"message\":"));
        assertThat(((DecodeResult.Decoded) ch.readInbound()).message().type()).isEqualTo(MessageType.REQUEST_REGISTER_CLIENT);
        Message unknown = ((DecodeResult.Decoded) ch.readInbound()).message();
        assertThat(unknown.type()).isEqualTo(MessageType.UNKNOWN);
        assertThat(unknown.name()).isEqualTo("Nope");
        assertThat((Object) ch.readInbound()).as("the incomplete third message waits").isNull();
        ch.writeInbound(bytes("\"RequestUnregisterAddress\"}\n"));
        assertThat(((DecodeResult.Decoded) ch.readInbound()).message().type()).isEqualTo(MessageType.REQUEST_UNREGISTER_ADDRESS);
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizedLineFailsFastAndTheNextLineStillDecodes() {
        EmbeddedChannel ch = channel();
        String big = "{\"message\":\"" + "x".repeat(ProtocolLimits.DEFAULT.maxFrameBytes() + 10);
        assertThatThrownBy(() -> ch.writeInbound(bytes(big))).isInstanceOf(TooLongFrameException.class);
        ch.writeInbound(bytes("tail of the long line\n{\"message\":\"RequestRegisterClient\"}\n"));
        assertThat(((DecodeResult.Decoded) ch.readInbound()).message().type()).isEqualTo(MessageType.REQUEST_REGISTER_CLIENT);
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedFramesAreDescribedNotThrown() {
        assertMalformed("{\"message\":", ErrorCode.BAD_PARAMETER, "malformed JSON", null);
        assertMalformed("[]", ErrorCode.BAD_PARAMETER, "must be a JSON object, not an array", null);
        assertMalformed("{\"ReferenceID\":5}", ErrorCode.BAD_PARAMETER, "missing attribute 'message'", 5L);
        assertMalformed("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":6,\"ThisDN\":true}", ErrorCode.INVALID_ATTRIBUTE,
                "ThisDN must be a string, got a boolean", 6L);
        assertMalformed("{\"message\":\"X\",\"ReferenceID\":1.5}", ErrorCode.INVALID_ATTRIBUTE, "ReferenceID must be an integer, got a decimal number", null);
        assertMalformed("{\"message\":\"X\",\"UserData\":{\"k\":[1]}}", ErrorCode.INVALID_ATTRIBUTE, "UserData.k must be a string", null);
        assertMalformed("{\"message\":\"X\",\"UserData\":{\"a\":\"x\",\"b\":{\"c\":1,\"d\":true}}}", ErrorCode.INVALID_ATTRIBUTE,
                "UserData.b.d must be a string, an integer or an object, got a boolean", null);
        assertMalformed("{\"message\":\"X\"} {}", ErrorCode.BAD_PARAMETER, "unexpected data after the message object", null);
        assertMalformed("", ErrorCode.BAD_PARAMETER, "empty frame", null);
    }

    @Test
    void unknownAttributesAreKeptWhenSimpleAndDroppedOtherwise() {
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) decoder.decode(
                "{\"message\":\"RequestRegisterClient\",\"Custom\":\"x\",\"Weird\":[1],\"Flag\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.message().attributes()).containsOnlyKeys("Custom");
    }

    private void assertMalformed(String frame, ErrorCode code, String problem, Long referenceId) {
        DecodeResult result = decoder.decode(frame.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        DecodeResult.Malformed malformed = (DecodeResult.Malformed) result;
        assertThat(malformed.code()).as(frame).isEqualTo(code);
        assertThat(malformed.problem()).as(frame).contains(problem);
        assertThat(malformed.referenceId()).as(frame).isEqualTo(referenceId);
    }
}
