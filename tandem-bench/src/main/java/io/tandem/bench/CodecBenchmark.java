package io.tandem.bench;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.protocol.codec.DecodeResult;
import io.tandem.protocol.codec.MessageDecoder;
import io.tandem.protocol.codec.MessageEncoder;
import io.tandem.protocol.codec.ProtocolLimits;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding of a typical extend-and-connect request and event. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageDecoder decoder = new MessageDecoder(ProtocolLimits.DEFAULT);
    private final Message event = Message.builder(MessageType.EVENT_DN_BACK_IN_SERVICE)
            .put(Attribute.THIS_DN, "7001")
            .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REMOTE_DEST", "+33612345601", "REMOTE_NAME", "Agent 01 mobile"))
            .put(Attribute.EVENT_SEQUENCE_NUMBER, 123456L)
            .put(Attribute.TIME, "2026-11-21T00:00:00.000Z")
            .build();
    private final byte[] request = ("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":7,\"ThisDN\":\"7001\","
            + "\"Extensions\":{\"REMOTE_DEST\":\"+33612345601\",\"REMOTE_NAME\":\"Agent 01 mobile\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Encode an EventDNBackInService. */
    @Benchmark
    public byte[] encodeEvent() {
        return encoder.encode(event);
    }

    /** Decode a RequestRegisterAddress with REMOTE_DEST. */
    @Benchmark
    public DecodeResult decodeRequest() {
        return decoder.decode(request);
    }
}
