package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventListener;
import io.tandem.client.HotStandbyClient;
import io.tandem.process.LoadConfig;
import io.tandem.process.TandemProcess;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Agents through a real SIGKILL of the primary: three hot-standby desks with 100 agents each, in mixed states (Ready,
 * Not Ready with reasons, in a timed wrap-up after a business call). After the kill no desk sees an agent logout or
 * login, every agent's state on the new primary is the state before, and the wrap-ups end on the new primary.
 */
class AgentHaProcessTest extends PairProcessTest {

    private static final int DESKS = 3;
    private static final int PER_DESK = 100;
    private static final int WRAPPING_PER_DESK = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSOLE = "Basic " + Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8));

    private static JsonNode get(String url, String authorization) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int post(String url, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", LauncherProcessTest.SWITCH_APP_USER)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Every event a desk's application receives. */
    private static final class Recorder implements EventListener {
        final List<Message> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(Message event) {
            events.add(event);
        }

        long count(MessageType type, int from) {
            List<Message> all = List.copyOf(events);
            return all.subList(from, all.size()).stream().filter(m -> m.type() == type).count();
        }

        Message first(MessageType type, String dn, int from) {
            List<Message> all = List.copyOf(events);
            return all.subList(from, all.size()).stream().filter(m -> m.type() == type && dn.equals(m.thisDn())).findFirst().orElse(null);
        }
    }

    private static Message request(MessageType type, String dn, Object... more) {
        Message.Builder m = Message.builder(type).put(Attribute.THIS_DN, dn);
        for (int i = 0; i < more.length; i += 2) {
            m.put((Attribute) more[i], more[i + 1]);
        }
        return m.build();
    }

    /** The agents as the admin API lists them, by DN, without the time in state. */
    private static Map<String, String> agents(String http) throws Exception {
        Map<String, String> byDn = new HashMap<>();
        for (JsonNode a : get(http + "/api/admin/agents", CONSOLE)) {
            byDn.put(a.get("dn").asText(), a.get("agentId").asText() + " " + a.get("state").asText() + " " + a.get("workMode").asText() + " "
                    + a.get("reason").asText() + " " + a.get("loggedInBy").asText() + " " + a.get("since").asLong());
        }
        return byDn;
    }

    @Test
    void agentsKeepTheirStateAcrossASigkillOfThePrimaryAndTheirWrapUpsEndOnTheNewPrimary() throws Exception {
        int phones = DESKS * PER_DESK;
        Path config = dir.resolve("agents.yaml");
        Files.writeString(config, LoadConfig.yaml(0, phones, false) + "  agents: {wrap-up-time: 6}\n");
        java.util.regex.Matcher switchUp = start("switch", TandemProcess.SWITCH_UP, List.of("switch", "--config", config.toString(),
                "--link-port", "0", "--http-port", "0", "--data-dir", dir.resolve("sw").toString())).up();
        String switchApi = "http://127.0.0.1:" + switchUp.group(2);
        int syncA = freePort();
        int syncB = freePort();
        List<String> common = List.of("--config", config.toString(), "--switch", "127.0.0.1:" + switchUp.group(1), "--cti-port", "0",
                "--http-port", "0", "--heartbeat-ms", "200", "--heartbeat-timeout-ms", "1000");
        List<String> a = new ArrayList<>(List.of("server", "--data-dir", dir.resolve("a").toString(), "--name", "tandem-a", "--role", "primary",
                "--sync-port", String.valueOf(syncA), "--peer", "127.0.0.1:" + syncB));
        a.addAll(common);
        TandemProcess primary = start("primary", TandemProcess.SERVER_UP, a);
        List<String> b = new ArrayList<>(List.of("server", "--data-dir", dir.resolve("b").toString(), "--name", "tandem-b", "--role", "backup",
                "--sync-port", String.valueOf(syncB), "--peer", "127.0.0.1:" + syncA));
        b.addAll(common);
        TandemProcess backup = start("backup", TandemProcess.SERVER_UP, b);
        String primaryHttp = "http://127.0.0.1:" + primary.port(2);
        String backupHttp = "http://127.0.0.1:" + backup.port(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(primaryHttp + "/api/health", CONSOLE).at("/ha/holdsPrimaryRole").asBoolean()
                && get(backupHttp + "/api/health", CONSOLE).at("/ha/syncState").asText().equals("IN_SYNC"));

        List<HotStandbyClient> desks = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        List<CompletableFuture<Message>> done = new ArrayList<>();
        for (int d = 0; d < DESKS; d++) {
            HotStandbyClient desk = HotStandbyClient.connect(List.of(
                    ClientOptions.tcp("127.0.0.1", primary.port(1), "desktop").withClientIdentity("desk-" + d),
                    ClientOptions.tcp("127.0.0.1", backup.port(1), "desktop").withClientIdentity("desk-" + d)), Duration.ofMillis(200), null);
            clients.add(desk);
            Recorder recorder = new Recorder();
            desk.addListener(recorder);
            desks.add(desk);
            recorders.add(recorder);
            for (int i = 0; i < PER_DESK; i++) {
                done.add(desk.registerAddress(LoadConfig.phone(d * PER_DESK + i)));
            }
        }
        done.forEach(CompletableFuture::join);
        done.clear();
        for (int d = 0; d < DESKS; d++) {
            for (int i = 0; i < PER_DESK; i++) {
                int n = d * PER_DESK + i;
                String dn = LoadConfig.phone(n);
                HotStandbyClient desk = desks.get(d);
                done.add(desk.request(request(MessageType.REQUEST_AGENT_LOGIN, dn, Attribute.AGENT_ID, "A" + n)));
                if (i % 3 == 1 || i < WRAPPING_PER_DESK) {
                    done.add(desk.request(request(MessageType.REQUEST_AGENT_READY, dn, Attribute.AGENT_WORK_MODE, i % 2 == 0 ? "AutoIn" : "ManualIn")));
                } else {
                    done.add(desk.request(request(MessageType.REQUEST_AGENT_NOT_READY, dn, Attribute.REASONS,
                            KeyValueList.ofStrings("ReasonCode", "R" + (n % 7)))));
                }
            }
        }
        done.forEach(CompletableFuture::join);

        // a business call answered and released on the first agents of each desk: their wrap-up (6 s) is running at the kill
        for (int d = 0; d < DESKS; d++) {
            for (int i = 0; i < WRAPPING_PER_DESK; i++) {
                String dn = LoadConfig.phone(d * PER_DESK + i);
                assertThat(post(switchApi + "/api/switch/calls", "{\"from\":\"069000" + (1000 + d * PER_DESK + i) + "\",\"to\":\"" + dn + "\"}")).isEqualTo(200);
                Recorder r = recorders.get(d);
                await().atMost(Duration.ofSeconds(10)).until(() -> r.first(MessageType.EVENT_RINGING, dn, 0) != null);
                String connId = r.first(MessageType.EVENT_RINGING, dn, 0).string(Attribute.CONN_ID).orElseThrow();
                desks.get(d).request(request(MessageType.REQUEST_ANSWER_CALL, dn, Attribute.CONN_ID, connId)).join();
                desks.get(d).request(request(MessageType.REQUEST_RELEASE_CALL, dn, Attribute.CONN_ID, connId)).join();
                await().atMost(Duration.ofSeconds(10)).until(() -> r.first(MessageType.EVENT_AGENT_NOT_READY, dn, 0) != null
                        && List.copyOf(r.events).stream().anyMatch(m -> m.type() == MessageType.EVENT_AGENT_NOT_READY && dn.equals(m.thisDn())
                                && m.string(Attribute.AGENT_WORK_MODE).orElse("").equals("AfterCallWork")));
            }
        }
        Map<String, String> before = agents(primaryHttp);
        assertThat(before).hasSize(phones);
        assertThat(before.values().stream().filter(s -> s.contains(" AfterCallWork "))).hasSize(DESKS * WRAPPING_PER_DESK);
        await().atMost(Duration.ofSeconds(10)).until(() -> agents(backupHttp).equals(before));
        int[] marks = recorders.stream().mapToInt(r -> r.events.size()).toArray();

        primary.process().destroyForcibly();
        assertThat(primary.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> get(backupHttp + "/api/health", CONSOLE).get("role").asText().equals("primary"));
        Map<String, String> after = agents(backupHttp);
        for (Map.Entry<String, String> agent : before.entrySet()) {
            if (!agent.getValue().contains(" AfterCallWork ")) {
                assertThat(after.get(agent.getKey())).as("agent on %s", agent.getKey()).isEqualTo(agent.getValue());
            }
        }
        for (int d = 0; d < DESKS; d++) {
            Recorder r = recorders.get(d);
            int from = marks[d];
            for (int i = 0; i < WRAPPING_PER_DESK; i++) {
                String dn = LoadConfig.phone(d * PER_DESK + i);
                await().atMost(Duration.ofSeconds(15)).until(() -> r.first(MessageType.EVENT_AGENT_READY, dn, from) != null);
                assertThat(r.first(MessageType.EVENT_AGENT_READY, dn, from).string(Attribute.AGENT_WORK_MODE)).as("the mode it had")
                        .contains(i % 2 == 0 ? "AutoIn" : "ManualIn");
            }
            assertThat(r.count(MessageType.EVENT_AGENT_LOGOUT, from)).as("desk %d: no logout", d).isZero();
            assertThat(r.count(MessageType.EVENT_AGENT_LOGIN, from)).as("desk %d: no login", d).isZero();
        }
        assertThat(agents(backupHttp).values().stream().filter(s -> s.contains(" AfterCallWork "))).as("every wrap-up ended").isEmpty();
    }
}
