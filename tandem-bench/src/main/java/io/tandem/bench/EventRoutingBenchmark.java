package io.tandem.bench;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientChannel;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event routing: stamping one event and handing it to every client registered on a DN (the requester's copy
 * with its ReferenceID, one shared encoding for the others). The channel only counts bytes, so this measures
 * the core's own work per event, not the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventRoutingBenchmark {

    /** Clients registered on the DN. */
    @Param({"1", "10", "100"})
    public int clients;

    private EventSender sender;
    private List<ClientSession> sessions;
    private Message event;

    /** Bytes handed to the channels, so the JIT cannot drop the work. */
    private static final class CountingChannel implements ClientChannel {
        long bytes;

        @Override
        public void send(byte[] json) {
            bytes += json.length;
        }

        @Override
        public void close(String reason) {
        }

        @Override
        public String remoteAddress() {
            return "bench";
        }

        @Override
        public String transport() {
            return "none";
        }
    }

    /** Registered sessions and a typical extend-and-connect event. */
    @Setup
    public void setUp() {
        sender = new EventSender(Clock.systemUTC(), io.tandem.server.core.SendObserver.NONE);
        sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ClientSession session = new ClientSession(i, new CountingChannel());
            session.register("bench-" + i, null);
            sessions.add(session);
        }
        event = Message.builder(MessageType.EVENT_DN_BACK_IN_SERVICE)
                .put(Attribute.THIS_DN, "7000001")
                .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REMOTE_DEST", "0600000001", "REMOTE_NAME", "Agent mobile"))
                .build();
    }

    /** Distribute one event to every registered client. */
    @Benchmark
    public void distribute() {
        sender.distribute(sessions, event, sessions.get(0), 7L);
    }
}
