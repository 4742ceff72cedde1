package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_AGENT_READY;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.client.EventListener;
import io.tandem.client.HotStandbyClient;
import io.tandem.process.TandemProcess;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Routing across a switchover, as operators run it: the demo's switch, a primary and a backup CTI server, the reference
 * router and ten agents on desk phones, all through hot-standby clients; calls keep arriving at route point 5000 while
 * the primary is killed with SIGKILL. Every call rings exactly one destination (an agent, or the default DN 6100 when the
 * server routed it itself): none is lost silently, none is routed twice.
 */
class RoutingHaProcessTest extends PairProcessTest {

    private static final int AGENTS = 10;
    private static final int CALLS = 40;
    private static final String SWITCH_USER = LauncherProcessTest.SWITCH_APP_USER;

    private final HttpClient http = HttpClient.newHttpClient();
    private String switchApi;

    private String post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(switchApi + path)).header("Authorization", SWITCH_USER)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }


    private static Message agentRequest(MessageType type, String dn, String agentId) {
        Message.Builder b = Message.builder(type).put(Attribute.THIS_DN, dn);
        if (agentId != null) {
            b.put(Attribute.AGENT_ID, agentId);
        }
        return b.build();
    }

    @Test
    void everyCallToTheRoutePointRingsOneDestinationOnceWhileThePrimaryIsKilled() throws Exception {
        DemoPair pair = startDemoPair();
        switchApi = pair.switchApi();
        TandemProcess a = pair.a();
        int ctiA = pair.ctiA();
        int ctiB = pair.ctiB();
        List<String> agentDns = new ArrayList<>();
        for (int i = 1; i <= AGENTS; i++) {
            agentDns.add(String.valueOf(6000 + i));
        }
        start("router", Pattern.compile("router up"), List.of("router", "--server", "127.0.0.1:" + ctiA, "--server", "127.0.0.1:" + ctiB,
                "--agents", String.join(",", agentDns), "--max-wait", "20"));

        // where each caller's call rang: caller -> destinations
        Map<String, List<String>> rang = new ConcurrentHashMap<>();
        ScheduledExecutorService people = Executors.newScheduledThreadPool(2);
        try {
            for (int i = 0; i < AGENTS; i++) {
                String dn = agentDns.get(i);
                HotStandbyClient desk = standby("agent-" + dn, ctiA, ctiB);
                desk.addListener(new EventListener() {
                    @Override
                    public void onEvent(Message event) {
                        if (event.type() == EVENT_RINGING && dn.equals(event.thisDn())) {
                            String caller = event.string(Attribute.OTHER_DN).orElse("?");
                            rang.computeIfAbsent(caller, k -> new CopyOnWriteArrayList<>()).add(dn);
                            people.schedule(() -> answerTalkAndHangUp(dn, caller, desk, people), 200, TimeUnit.MILLISECONDS);
                        }
                    }
                });
                desk.registerAddress(dn).join();
                desk.request(agentRequest(MessageType.REQUEST_AGENT_LOGIN, dn, String.valueOf(1000 + i + 1))).join();
                desk.request(agentRequest(MessageType.REQUEST_AGENT_READY, dn, null)).join();
            }
            HotStandbyClient reception = standby("reception", ctiA, ctiB);
            reception.addListener(event -> {
                if (event.type() == EVENT_RINGING && "6100".equals(event.thisDn())) {
                    String caller = event.string(Attribute.OTHER_DN).orElse("?");
                    rang.computeIfAbsent(caller, k -> new CopyOnWriteArrayList<>()).add("6100");
                    people.schedule(() -> hangUp(caller), 100, TimeUnit.MILLISECONDS);
                }
            });
            reception.registerAddress("6100").join();

            List<String> callers = new ArrayList<>();
            for (int c = 0; c < CALLS; c++) {
                String caller = String.format("06900%05d", c);
                callers.add(caller);
                post("/api/switch/calls", "{\"from\":\"" + caller + "\",\"to\":\"5000\"}");
                if (c == CALLS / 2) {
                    a.process().destroyForcibly();
                }
                Thread.sleep(150);
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> callers.stream().allMatch(rang::containsKey));
            Thread.sleep(500);
            for (String caller : callers) {
                assertThat(rang.get(caller)).as("where the call of %s rang", caller).hasSize(1);
            }
        } finally {
            people.shutdownNow();
        }
    }

    private void answerTalkAndHangUp(String dn, String caller, HotStandbyClient desk, ScheduledExecutorService people) {
        try {
            post("/api/switch/parties/" + dn + "/answer", "{}");
            people.schedule(() -> {
                hangUp(caller);
                desk.request(agentRequest(MessageType.REQUEST_AGENT_READY, dn, null)); // ends the after-call work at once
            }, 300, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void hangUp(String caller) {
        try {
            post("/api/switch/parties/" + caller + "/hangup", "{}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
