package io.tandem.server.call;

import static io.tandem.server.TandemHarness.WAIT;
import static io.tandem.server.call.CallAsserts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 10,000 calls through one server, four caller/callee pairs at once, with two more clients monitoring every
 * DN: each client gets every call's events complete and in order, and no ConnID is ever reused.
 */
class ManyCallsTest {

    private static final int CALLS = 10_000;
    private static final String[][] PAIRS = {{"6001", "6002"}, {"6003", "6004"}, {"6005", "6006"}, {"6007", "6008"}};
    private static final List<String> CALLER_SEQUENCE = List.of("EventDialing", "EventEstablished", "EventReleased");
    private static final List<String> CALLEE_SEQUENCE = List.of("EventRinging", "EventEstablished", "EventReleased");

    @Test
    void tenThousandCallsArriveCompleteAndInOrderForEveryClient() throws Exception {
        try (TandemHarness t = TandemHarness.start()) {
            List<Agent> monitors = List.of(t.agent("monitor-1"), t.agent("monitor-2"));
            Map<String, Agent> owners = new LinkedHashMap<>();
            for (String[] pair : PAIRS) {
                for (String dn : pair) {
                    Agent agent = t.agent("desk-" + dn);
                    agent.client().registerAddress(dn).join();
                    agent.events().next(MessageType.EVENT_REGISTERED, WAIT);
                    owners.put(dn, agent);
                    for (Agent monitor : monitors) {
                        monitor.client().registerAddress(dn).join();
                        monitor.events().next(MessageType.EVENT_REGISTERED, WAIT);
                    }
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(PAIRS.length);
            List<Future<List<String>>> runs = new ArrayList<>();
            for (String[] pair : PAIRS) {
                runs.add(pool.submit(() -> callRepeatedly(owners.get(pair[0]), pair[0], owners.get(pair[1]), pair[1], CALLS / PAIRS.length)));
            }
            Set<String> allConnIds = new HashSet<>();
            for (Future<List<String>> run : runs) {
                allConnIds.addAll(run.get());
            }
            pool.shutdown();
            assertThat(allConnIds).as("no ConnID reused").hasSize(CALLS);

            for (String[] pair : PAIRS) {
                checkStream(owners.get(pair[0]), Map.of(pair[0], CALLER_SEQUENCE), CALLS / PAIRS.length);
                checkStream(owners.get(pair[1]), Map.of(pair[1], CALLEE_SEQUENCE), CALLS / PAIRS.length);
            }
            Map<String, List<String>> everyDn = new LinkedHashMap<>();
            for (String[] pair : PAIRS) {
                everyDn.put(pair[0], CALLER_SEQUENCE);
                everyDn.put(pair[1], CALLEE_SEQUENCE);
            }
            for (Agent monitor : monitors) {
                checkStream(monitor, everyDn, CALLS);
            }
        }
    }

    private static List<String> callRepeatedly(Agent caller, String from, Agent callee, String to, int count) {
        List<String> connIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message dialing = caller.client().request(request(MessageType.REQUEST_MAKE_CALL, from, Attribute.OTHER_DN, to)).join();
            String connId = dialing.string(Attribute.CONN_ID).orElseThrow();
            connIds.add(connId);
            callee.client().request(request(MessageType.REQUEST_ANSWER_CALL, to, Attribute.CONN_ID, connId)).join();
            caller.client().request(request(MessageType.REQUEST_RELEASE_CALL, from, Attribute.CONN_ID, connId)).join();
        }
        return connIds;
    }

    /** Every call on the given DNs shows exactly the expected sequence per DN, and sequence numbers only grow. */
    private static void checkStream(Agent agent, Map<String, List<String>> expected, int calls) {
        List<Message> events = new ArrayList<>();
        int wanted = calls * 3 * (expected.size() == 1 ? 1 : 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            events.addAll(agent.events().pending());
            return events.size() >= wanted;
        });
        assertThat(events).hasSize(wanted);
        Map<String, List<String>> perCallAndDn = new LinkedHashMap<>();
        long lastSequence = 0;
        for (Message e : events) {
            long sequence = e.integer(Attribute.EVENT_SEQUENCE_NUMBER).orElseThrow();
            assertThat(sequence).isGreaterThan(lastSequence);
            lastSequence = sequence;
            perCallAndDn.computeIfAbsent(e.string(Attribute.CONN_ID).orElseThrow() + "/" + e.thisDn(), k -> new ArrayList<>()).add(e.name());
        }
        perCallAndDn.forEach((key, names) -> {
            String dn = key.substring(key.indexOf('/') + 1);
            assertThat(names).as("events of %s", key).isEqualTo(expected.get(dn));
        });
        assertThat(perCallAndDn).hasSize(wanted / 3);
    }
}
