package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.bench.BenchConfig;
import io.tandem.bench.TandemProcess;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventListener;
import io.tandem.client.TandemClient;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * High availability as operators run it: a switch and two CTI server processes on loopback, clients
 * connected to both with 1,200 remote terminals extended, and the primary killed with SIGKILL while one
 * client is still extending.
 */
class HaProcessTest {

    private static final Pattern SWITCH_UP = TandemProcess.SWITCH_UP;
    private static final Pattern SERVER_UP = TandemProcess.SERVER_UP;
    private static final int PER_DESK = 350;
    private static final int SETTLED_DESKS = 3;
    private static final int IN_FLIGHT = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final List<TandemClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        clients.forEach(TandemClient::close);
        for (Process p : processes) {
            p.destroy();
            p.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private TandemProcess start(String name, Pattern up, String... args) throws IOException {
        TandemProcess started = TandemProcess.start(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                List.of("-Xmx512m"), dir.resolve(name + ".log"), up, List.of(args));
        processes.add(started.process());
        return started;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Every event a connection receives, with its arrival time. */
    private record Arrival(Message event, long at) {
    }

    private static final class Recorder implements EventListener {
        final List<Arrival> events = new CopyOnWriteArrayList<>();
        final AtomicInteger backInService = new AtomicInteger();

        @Override
        public void onEvent(Message event) {
            events.add(new Arrival(event, System.nanoTime()));
            if (event.type() == EVENT_DN_BACK_IN_SERVICE) {
                backInService.incrementAndGet();
            }
        }

        @Override
        public void onDisconnected(String reason) {
        }

        Map<String, List<Arrival>> serviceEventsSince(int from) {
            Map<String, List<Arrival>> byDn = new HashMap<>();
            events.subList(from, events.size()).stream()
                    .filter(a -> a.event().type() == EVENT_DN_BACK_IN_SERVICE || a.event().type() == EVENT_DN_OUT_OF_SERVICE)
                    .forEach(a -> byDn.computeIfAbsent(a.event().thisDn(), k -> new ArrayList<>()).add(a));
            return byDn;
        }
    }

    private record Desk(String identity, TandemClient primary, Recorder onPrimary, TandemClient backup, Recorder onBackup) {
    }

    private Desk desk(String identity, int primaryPort, int backupPort) {
        Recorder p = new Recorder();
        Recorder b = new Recorder();
        TandemClient cp = TandemClient.connect(ClientOptions.tcp("127.0.0.1", primaryPort, identity));
        TandemClient cb = TandemClient.connect(ClientOptions.tcp("127.0.0.1", backupPort, identity));
        clients.add(cp);
        clients.add(cb);
        cp.addListener(p);
        cb.addListener(b);
        return new Desk(identity, cp, p, cb, b);
    }

    private static KeyValueList remote(int terminal) {
        return KeyValueList.ofStrings("REMOTE_DEST", BenchConfig.destination(terminal), "REMOTE_NAME", "Mobile " + terminal);
    }

    private Map<String, String> activeDestinations(String switchApi) throws Exception {
        Map<String, String> active = new HashMap<>();
        for (JsonNode device : get(switchApi + "/api/switch/devices")) {
            for (JsonNode rd : device.get("remoteDestinations")) {
                if (rd.get("active").asBoolean()) {
                    active.put(device.get("name").asText(), rd.get("number").asText());
                }
            }
        }
        return active;
    }

    @Test
    void theBackupTakesOverEveryExtendedTerminalWhenThePrimaryIsKilled() throws Exception {
        int terminals = SETTLED_DESKS * PER_DESK + IN_FLIGHT;
        Path config = BenchConfig.write(dir.resolve("ha.yaml"), terminals, 0, false);
        Matcher switchUp = start("switch", SWITCH_UP, "switch", "--config", config.toString(), "--link-port", "0", "--http-port", "0",
                "--data-dir", "sw").up();
        String switchApi = "http://127.0.0.1:" + switchUp.group(2);
        int syncA = freePort();
        int syncB = freePort();
        String[] common = {"--config", config.toString(), "--switch", "127.0.0.1:" + switchUp.group(1), "--cti-port", "0", "--http-port", "0",
            "--heartbeat-ms", "200", "--heartbeat-timeout-ms", "1000"};
        TandemProcess primaryProcess = start("primary", SERVER_UP, concat(common, "server", "--data-dir", "a", "--name", "tandem-a",
                "--role", "primary", "--sync-port", String.valueOf(syncA), "--peer", "127.0.0.1:" + syncB));
        Process primary = primaryProcess.process();
        Matcher primaryUp = primaryProcess.up();
        Matcher backupUp = start("backup", SERVER_UP, concat(common, "server", "--data-dir", "b", "--name", "tandem-b", "--role", "backup",
                "--sync-port", String.valueOf(syncB), "--peer", "127.0.0.1:" + syncA)).up();
        String primaryHttp = "http://127.0.0.1:" + primaryUp.group(2);
        String backupHttp = "http://127.0.0.1:" + backupUp.group(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(primaryHttp + "/api/health").at("/ha/holdsPrimaryRole").asBoolean()
                && get(backupHttp + "/api/health").at("/ha/syncState").asText().equals("IN_SYNC"));

        int primaryPort = Integer.parseInt(primaryUp.group(1));
        int backupPort = Integer.parseInt(backupUp.group(1));
        List<Desk> desks = new ArrayList<>();
        for (int d = 0; d <= SETTLED_DESKS; d++) {
            desks.add(desk("desk-" + d, primaryPort, backupPort));
        }
        for (int d = 0; d <= SETTLED_DESKS; d++) {
            int count = d < SETTLED_DESKS ? PER_DESK : IN_FLIGHT;
            for (int i = 0; i < count; i++) {
                int t = d * PER_DESK + i;
                desks.get(d).backup().registerAddress(BenchConfig.terminal(t), remote(t));
            }
        }
        for (int d = 0; d < SETTLED_DESKS; d++) {
            for (int i = 0; i < PER_DESK; i++) {
                int t = d * PER_DESK + i;
                desks.get(d).primary().registerAddress(BenchConfig.terminal(t), remote(t));
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(desks.stream().limit(SETTLED_DESKS)
                .map(k -> k.onPrimary().backInService.get() + "/" + k.onBackup().backInService.get()).toList())
                .as("EventDNBackInService on primary/backup per desk").containsOnly(PER_DESK + "/" + PER_DESK));
        await().atMost(Duration.ofSeconds(20)).until(() -> get(backupHttp + "/api/health").at("/ha/controlledTerminals").asInt()
                == SETTLED_DESKS * PER_DESK);

        Desk busy = desks.get(SETTLED_DESKS);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i < IN_FLIGHT && busy.primary().isConnected()) {
                int t = SETTLED_DESKS * PER_DESK + i;
                busy.primary().registerAddress(BenchConfig.terminal(t), remote(t));
            }
        }, 0, 4, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> busy.onPrimary().backInService.get() >= 100);
        int[] marks = desks.stream().mapToInt(k -> k.onBackup().events.size()).toArray();
        long killedAt = System.nanoTime();
        primary.destroyForcibly();
        assertThat(primary.waitFor(15, TimeUnit.SECONDS)).isTrue();
        pacer.shutdownNow();

        for (int d = 0; d < SETTLED_DESKS; d++) {
            Recorder r = desks.get(d).onBackup();
            int from = marks[d];
            await().atMost(Duration.ofSeconds(30)).until(() -> r.serviceEventsSince(from).values().stream()
                    .filter(l -> l.size() == 2).count() == PER_DESK);
        }
        long lastBack = 0;
        for (int d = 0; d < SETTLED_DESKS; d++) {
            Map<String, List<Arrival>> byDn = desks.get(d).onBackup().serviceEventsSince(marks[d]);
            assertThat(byDn).hasSize(PER_DESK);
            for (int i = 0; i < PER_DESK; i++) {
                int t = d * PER_DESK + i;
                List<Arrival> seen = byDn.get(BenchConfig.terminal(t));
                assertThat(seen).extracting(a -> a.event().type()).as("terminal %d", t)
                        .containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
                Message back = seen.get(1).event();
                assertThat(back.extensions().getString("REMOTE_DEST")).contains(BenchConfig.destination(t));
                assertThat(back.extensions().getString("REMOTE_NAME")).contains("Mobile " + t);
                lastBack = Math.max(lastBack, seen.get(1).at());
            }
        }
        long switchoverMs = TimeUnit.NANOSECONDS.toMillis(lastBack - killedAt);
        System.out.printf("switchover: %d terminals back in service %d ms after SIGKILL%n", SETTLED_DESKS * PER_DESK, switchoverMs);

        Map<String, String> active = activeDestinations(switchApi);
        for (int t = 0; t < SETTLED_DESKS * PER_DESK; t++) {
            assertThat(active.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(BenchConfig.destination(t));
        }
        JsonNode health = get(backupHttp + "/api/health");
        assertThat(health.get("role").asText()).isEqualTo("primary");
        assertThat(health.at("/ha/switchovers").asInt()).isEqualTo(1);

        // the in-flight desk: every terminal it had extended well before the kill is back; the rest are consistent
        int settledBusy = 0;
        for (int i = 0; i < IN_FLIGHT; i++) {
            Long confirmedAt = confirmedAt(busy.onPrimary(), BenchConfig.terminal(SETTLED_DESKS * PER_DESK + i));
            if (confirmedAt != null && killedAt - confirmedAt > TimeUnit.MILLISECONDS.toNanos(300)) {
                settledBusy++;
            }
        }
        assertThat(settledBusy).as("terminals the busy desk had extended 300 ms before the kill").isPositive();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> checkBusyDesk(busy, marks[SETTLED_DESKS], killedAt, switchApi));

        // control stayed with the same client: desk-0 leaving the new primary deactivates exactly its terminals
        desks.get(0).backup().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> activeDestinations(switchApi).keySet().stream()
                .noneMatch(name -> Integer.parseInt(name.substring(5)) < PER_DESK));
        Map<String, String> after = activeDestinations(switchApi);
        for (int t = PER_DESK; t < SETTLED_DESKS * PER_DESK; t++) {
            assertThat(after.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(BenchConfig.destination(t));
        }
    }

    @Test
    void theRestartedOldPrimaryRejoinsAsBackupAndAnOperatorSwitchoverMakesItPrimaryAgain() throws Exception {
        int terminals = 600;
        Path config = BenchConfig.write(dir.resolve("ha.yaml"), terminals, 0, false);
        Matcher switchUp = start("switch", SWITCH_UP, "switch", "--config", config.toString(), "--link-port", "0", "--http-port", "0",
                "--data-dir", "sw").up();
        String switchApi = "http://127.0.0.1:" + switchUp.group(2);
        int syncA = freePort();
        int syncB = freePort();
        String[] common = {"--config", config.toString(), "--switch", "127.0.0.1:" + switchUp.group(1), "--http-port", "0",
            "--heartbeat-ms", "200", "--heartbeat-timeout-ms", "1000"};
        String[] serverA = concat(common, "server", "--data-dir", "a", "--name", "tandem-a", "--role", "primary", "--cti-port", "0",
                "--sync-port", String.valueOf(syncA), "--peer", "127.0.0.1:" + syncB);
        TandemProcess aProcess = start("a", SERVER_UP, serverA);
        Process a = aProcess.process();
        Matcher aUp = aProcess.up();
        Matcher bUp = start("b", SERVER_UP, concat(common, "server", "--data-dir", "b", "--name", "tandem-b", "--role", "backup",
                "--cti-port", "0", "--sync-port", String.valueOf(syncB), "--peer", "127.0.0.1:" + syncA)).up();
        String bHttp = "http://127.0.0.1:" + bUp.group(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(bHttp + "/api/health").at("/ha/syncState").asText().equals("IN_SYNC"));
        Desk desk = desk("desk-r", Integer.parseInt(aUp.group(1)), Integer.parseInt(bUp.group(1)));
        for (int t = 0; t < terminals; t++) {
            desk.backup().registerAddress(BenchConfig.terminal(t), remote(t));
            desk.primary().registerAddress(BenchConfig.terminal(t), remote(t));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> desk.onBackup().backInService.get() == terminals
                && get(bHttp + "/api/health").at("/ha/controlledTerminals").asInt() == terminals);

        a.destroyForcibly();
        assertThat(a.waitFor(15, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.onBackup().backInService.get() == 2 * terminals);
        assertThat(get(bHttp + "/api/health").at("/ha/switchovers").asInt()).isEqualTo(1);

        Matcher restartedUp = start("a2", SERVER_UP, serverA).up();
        String aHttp = "http://127.0.0.1:" + restartedUp.group(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode ha = get(aHttp + "/api/health").get("ha");
            return ha.get("role").asText().equals("backup") && ha.get("syncState").asText().equals("IN_SYNC")
                    && ha.get("controlledTerminals").asInt() == terminals;
        });
        Recorder onRestarted = new Recorder();
        TandemClient again = TandemClient.connect(ClientOptions.tcp("127.0.0.1", Integer.parseInt(restartedUp.group(1)), "desk-r"));
        clients.add(again);
        again.addListener(onRestarted);
        for (int t = 0; t < terminals; t++) {
            again.registerAddress(BenchConfig.terminal(t), remote(t)).join();
        }
        int markRestarted = onRestarted.events.size();
        int markB = desk.onBackup().events.size();

        assertThat(Tandem.execute("ha", "switchover", "--api", bHttp)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> onRestarted.serviceEventsSince(markRestarted).values().stream()
                .filter(l -> l.size() == 2).count() == terminals);
        Map<String, List<Arrival>> byDn = onRestarted.serviceEventsSince(markRestarted);
        for (int t = 0; t < terminals; t++) {
            List<Arrival> seen = byDn.get(BenchConfig.terminal(t));
            assertThat(seen).extracting(x -> x.event().type()).as("terminal %d", t).containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
            assertThat(seen.get(1).event().extensions().getString("REMOTE_DEST")).contains(BenchConfig.destination(t));
            assertThat(seen.get(1).event().extensions().getString("REMOTE_NAME")).contains("Mobile " + t);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(desk.onBackup().serviceEventsSince(markB).values())
                .allSatisfy(l -> assertThat(l).extracting(x -> x.event().type()).containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE))
                .hasSize(terminals));
        assertThat(get(aHttp + "/api/health").at("/ha/role").asText()).isEqualTo("primary");
        await().atMost(Duration.ofSeconds(20)).until(() -> get(bHttp + "/api/health").at("/ha/syncState").asText().equals("IN_SYNC"));
        assertThat(get(bHttp + "/api/health").at("/ha/role").asText()).isEqualTo("backup");
        Map<String, String> active = activeDestinations(switchApi);
        for (int t = 0; t < terminals; t++) {
            assertThat(active.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(BenchConfig.destination(t));
        }
    }

    private void checkBusyDesk(Desk busy, int mark, long killedAt, String switchApi) throws Exception {
        Map<String, String> active = activeDestinations(switchApi);
        Map<String, List<Arrival>> events = busy.onBackup().serviceEventsSince(mark);
        for (int i = 0; i < IN_FLIGHT; i++) {
            int t = SETTLED_DESKS * PER_DESK + i;
            String dn = BenchConfig.terminal(t);
            Long confirmedAt = confirmedAt(busy.onPrimary(), dn);
            List<Arrival> seen = events.getOrDefault(dn, List.of());
            if (confirmedAt != null && killedAt - confirmedAt > TimeUnit.MILLISECONDS.toNanos(300)) {
                assertThat(seen).extracting(a -> a.event().type()).as("terminal %d", t)
                        .containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
            }
            boolean inService = seen.isEmpty() ? active.containsKey("CTIRD" + t)
                    : seen.get(seen.size() - 1).event().type() == EVENT_DN_BACK_IN_SERVICE;
            assertThat(active.get("CTIRD" + t)).as("switch and events agree on terminal %d", t)
                    .isEqualTo(inService ? BenchConfig.destination(t) : null);
        }
    }

    private static Long confirmedAt(Recorder r, String dn) {
        return r.events.stream().filter(a -> a.event().type() == EVENT_DN_BACK_IN_SERVICE && dn.equals(a.event().thisDn())).findFirst()
                .map(Arrival::at).orElse(null);
    }

    private static String[] concat(String[] common, String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(common));
        return all.toArray(String[]::new);
    }
}
