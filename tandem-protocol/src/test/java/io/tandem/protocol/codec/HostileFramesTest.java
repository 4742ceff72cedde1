package io.tandem.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * Every malformed frame gets a documented answer, never an exception (security-probe D8, D9): limits of the JSON
 * parser, strict UTF-8, and random and mutated frames.
 */
class HostileFramesTest {

    private final MessageDecoder decoder = new MessageDecoder(ProtocolLimits.DEFAULT);

    private DecodeResult.Malformed malformed(byte[] frame) {
        DecodeResult result = decoder.decode(frame);
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        return (DecodeResult.Malformed) result;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Example
    void jsonBeyondTheParsersLimitsIsAnsweredWith53() {
        String deep = "{\"message\":\"RequestQueryAddress\",\"ReferenceID\":9,\"ThisDN\":\"6001\",\"UserData\":"
                + "{\"a\":".repeat(9) + "1" + "}".repeat(9) + "}";
        DecodeResult.Malformed tooDeep = malformed(bytes(deep));
        assertThat(tooDeep.code()).isEqualTo(ErrorCode.INVALID_ATTRIBUTE);
        assertThat(tooDeep.problem()).startsWith("message exceeds a limit: Document nesting depth");
        DecodeResult.Malformed arrays = malformed(bytes("{\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"));
        assertThat(arrays.code()).isEqualTo(ErrorCode.INVALID_ATTRIBUTE);
        DecodeResult.Malformed longNumber = malformed(bytes("{\"message\":\"RequestQueryAddress\",\"ReferenceID\":" + "9".repeat(5000) + "}"));
        assertThat(longNumber.code()).isEqualTo(ErrorCode.INVALID_ATTRIBUTE);
        assertThat(longNumber.problem()).startsWith("message exceeds a limit: Number value length");
    }

    @Example
    void invalidUtf8IsAnsweredWith223() {
        byte[][] invalid = {
            {(byte) 0xc0, (byte) 0xaf},               // overlong '/'
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},  // a UTF-16 surrogate (CESU-8)
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xe2, (byte) 0x82},               // truncated
            {(byte) 0xff},
        };
        for (byte[] bad : invalid) {
            byte[] frame = concat(bytes("{\"message\":\"RequestQueryAddress\",\"ThisDN\":\""), bad, bytes("\"}"));
            DecodeResult.Malformed m = malformed(frame);
            assertThat(m.code()).isEqualTo(ErrorCode.BAD_PARAMETER);
            assertThat(m.problem()).isEqualTo("the message is not valid UTF-8 (byte 44)");
        }
        DecodeResult ok = decoder.decode(bytes("{\"message\":\"RequestQueryAddress\",\"ThisDN\":\"é€𝄞\"}"));
        assertThat(ok).isInstanceOf(DecodeResult.Decoded.class);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Property(tries = 2000)
    void randomBytesAlwaysGetAnAnswer(@ForAll("frames") byte[] frame) {
        DecodeResult result = decoder.decode(frame);
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Malformed m) {
            assertThat(m.code()).isIn(ErrorCode.BAD_PARAMETER, ErrorCode.INVALID_ATTRIBUTE);
            assertThat(m.problem()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void mutatedValidFramesAlwaysGetAnAnswer(@ForAll("mutations") byte[] frame) {
        randomBytesAlwaysGetAnAnswer(frame);
    }

    @Property(tries = 500)
    void validUtf8IsNeverRefused(@ForAll String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalid(utf8, 0, utf8.length)).isEqualTo(-1);
    }

    @Property(tries = 3000)
    void theValidatorAgreesWithTheJdksStrictDecoder(@ForAll("utf8ish") byte[] bytes) {
        boolean jdkAccepts;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            jdkAccepts = true;
        } catch (java.nio.charset.CharacterCodingException e) {
            jdkAccepts = false;
        }
        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length) < 0).isEqualTo(jdkAccepts);
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0x41, (byte) 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc1,
                (byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef, (byte) 0xa0, (byte) 0x9f, (byte) 0xf0,
                (byte) 0xf4, (byte) 0xf5, (byte) 0x8f, (byte) 0x90, (byte) 0xff);
        return interesting.list().ofMaxSize(12).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = list.get(i);
            }
            return b;
        });
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        byte[] valid = bytes("{\"message\":\"RequestAttachUserData\",\"ReferenceID\":7,\"ThisDN\":\"6001\",\"ConnID\":\"1a1f\","
                + "\"UserData\":{\"CustomerId\":\"C-1042\",\"n\":42,\"deep\":{\"a\":{\"b\":\"é\"}}}}");
        return Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(8)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
    }
}
