package io.tandem.switchlink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The switch link decoder answers any input with a frame or an IOException (which closes the link), nothing else. */
class LinkCodecFuzzTest {

    private static final byte[] OPEN = "{\"t\":\"open\",\"applicationUser\":\"tandem\",\"password\":\"tandem\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAKEOVER = ("{\"t\":\"setActiveRemoteDestinations\",\"id\":9,\"changes\":[{\"device\":\"CTIRD1\","
            + "\"number\":\"0601\",\"active\":true},{\"device\":\"CTIRD2\",\"number\":\"0602\",\"active\":false}]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static void decodesOrRefuses(byte[] line) {
        try {
            assertThat(LinkCodec.decode(Unpooled.wrappedBuffer(line))).isNotNull();
        } catch (IOException expected) {
            assertThat(expected).hasMessageNotContaining("NullPointer");
        }
    }

    @Property(tries = 2000)
    void randomLines(@ForAll("random") byte[] line) {
        decodesOrRefuses(line);
    }

    @Property(tries = 2000)
    void mutatedOpens(@ForAll("mutated") byte[] line) {
        decodesOrRefuses(line);
    }

    @Property(tries = 2000)
    void mutatedTakeoverRequests(@ForAll("mutatedTakeover") byte[] line) {
        decodesOrRefuses(line);
    }

    @Provide
    Arbitrary<byte[]> mutatedTakeover() {
        return mutations(TAKEOVER);
    }

    @Provide
    Arbitrary<byte[]> random() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(256);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return mutations(OPEN);
    }

    /** {@code sample} with one to six bytes replaced at random. */
    private static Arbitrary<byte[]> mutations(byte[] sample) {
        return Arbitraries.integers().between(0, sample.length - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = sample.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
    }
}
