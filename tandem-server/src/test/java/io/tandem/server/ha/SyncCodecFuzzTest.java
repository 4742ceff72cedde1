package io.tandem.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The sync link decoder answers any line with a message or a {@link SyncProtocolException} naming the problem. */
class SyncCodecFuzzTest {

    private static final String CALL = "{\"type\":\"fullSync\",\"calls\":[{\"callId\":5,\"connId\":\"c5\",\"userData\":{\"a\":\"x\",\"n\":{\"m\":1}}}],"
            + "\"terminals\":[{\"dn\":\"7001\",\"remoteDest\":\"1\",\"remoteName\":\"one\",\"controller\":\"x\"}]}";

    private static void decodesOrRefuses(String line) {
        try {
            assertThat(SyncCodec.decode(line)).isNotNull();
        } catch (SyncProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void randomLines(@ForAll("random") String line) {
        decodesOrRefuses(line);
    }

    @Property(tries = 2000)
    void mutatedMessages(@ForAll("mutated") String line) {
        decodesOrRefuses(line);
    }

    @Provide
    Arbitrary<String> random() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789abtype-\\ ").ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.integers().between(0, CALL.length() - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(positions -> Arbitraries.chars().with("{}[]\":,0n-x\\").list().ofSize(positions.size()).map(values -> {
                    char[] copy = CALL.toCharArray();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return new String(copy);
                }));
    }
}
