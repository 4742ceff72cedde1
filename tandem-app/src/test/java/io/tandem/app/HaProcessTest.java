package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_PRIMARY_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.process.LoadConfig;
import io.tandem.process.TandemProcess;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventListener;
import io.tandem.client.HotStandbyClient;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/**
 * High availability as operators run it: a switch and two CTI server processes on loopback, desks
 * connected to both through the client library's hot standby ({@link HotStandbyClient}) with 1,200 remote
 * terminals extended, and the primary killed with SIGKILL while one desk is still extending; the old
 * primary restarted as backup and made primary again by an operator switchover; and a primary that hangs
 * (SIGSTOP, as an unreachable host looks) replaced, then woken up to find itself the backup.
 */
class HaProcessTest extends PairProcessTest {

    private static final Pattern SWITCH_UP = TandemProcess.SWITCH_UP;
    private static final Pattern SERVER_UP = TandemProcess.SERVER_UP;
    private static final int PER_DESK = 350;
    private static final int SETTLED_DESKS = 3;
    private static final int IN_FLIGHT = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TandemProcess start(String name, Pattern up, String... args) throws IOException {
        return start(name, up, List.of(args));
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", LauncherProcessTest.SWITCH_APP_USER).build(),
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
            List<Arrival> all = List.copyOf(events);
            all.subList(from, all.size()).stream()
                    .filter(a -> a.event().type() == EVENT_DN_BACK_IN_SERVICE || a.event().type() == EVENT_DN_OUT_OF_SERVICE)
                    .forEach(a -> byDn.computeIfAbsent(a.event().thisDn(), k -> new ArrayList<>()).add(a));
            return byDn;
        }
    }

    private record Desk(String identity, HotStandbyClient client, Recorder events) {
    }

    /** A desk as an agent's desktop runs it: one hot-standby client over both servers. */
    private Desk desk(String identity, int... ctiPorts) {
        List<ClientOptions> servers = new ArrayList<>();
        for (int port : ctiPorts) {
            servers.add(ClientOptions.tcp("127.0.0.1", port, "desktop").withClientIdentity(identity));
        }
        HotStandbyClient client = HotStandbyClient.connect(servers, Duration.ofMillis(200), null);
        clients.add(client);
        Recorder events = new Recorder();
        client.addListener(events);
        return new Desk(identity, client, events);
    }

    /** The desk's events since {@code from}: each DN out of service then back in with its destination, and one EventPrimaryChanged. */
    private static long sawSwitchover(Recorder r, int from, int firstTerminal, int count, String newPrimary) {
        List<Arrival> all = List.copyOf(r.events);
        List<Arrival> since = all.subList(from, all.size());
        assertThat(since).filteredOn(a -> a.event().type() == EVENT_PRIMARY_CHANGED).hasSize(1)
                .allSatisfy(a -> assertThat(a.event().string(io.tandem.protocol.Attribute.SERVER)).contains(newPrimary));
        assertThat(since).extracting(a -> a.event().type()).as("nothing but the switchover's events")
                .containsOnly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE, EVENT_PRIMARY_CHANGED);
        Map<String, List<Arrival>> byDn = r.serviceEventsSince(from);
        assertThat(byDn).hasSize(count);
        long lastBack = 0;
        for (int t = firstTerminal; t < firstTerminal + count; t++) {
            List<Arrival> seen = byDn.get(LoadConfig.terminal(t));
            assertThat(seen).extracting(a -> a.event().type()).as("terminal %d", t).containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
            Message back = seen.get(1).event();
            assertThat(back.extensions().getString("REMOTE_DEST")).contains(LoadConfig.destination(t));
            assertThat(back.extensions().getString("REMOTE_NAME")).contains("Mobile " + t);
            lastBack = Math.max(lastBack, seen.get(1).at());
        }
        return lastBack;
    }

    private static void awaitBothWays(Recorder r, int from, int count) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> r.serviceEventsSince(from).values().stream()
                    .filter(l -> l.size() == 2).count() == count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Map<String, Long> shapes = r.serviceEventsSince(from).values().stream().collect(java.util.stream.Collectors.groupingBy(
                    l -> l.stream().map(a -> a.event().type().name()).toList().toString(), java.util.stream.Collectors.counting()));
            throw new AssertionError("expected each of " + count + " DNs out of service then back in; saw (sequence → DNs) " + shapes
                    + "; " + r.serviceEventsSince(from).size() + " DNs with events", e);
        }
        int[] last = {-1};
        await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> {
            int now = r.events.size();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet; // nothing more arrived for 300 ms: a stray event would have shown up
        });
    }

    private static KeyValueList remote(int terminal) {
        return KeyValueList.ofStrings("REMOTE_DEST", LoadConfig.destination(terminal), "REMOTE_NAME", "Mobile " + terminal);
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
        Path config = LoadConfig.write(dir.resolve("ha.yaml"), terminals, 0, false);
        Matcher switchUp = start("switch", SWITCH_UP, "switch", "--config", config.toString(), "--link-port", "0", "--http-port", "0",
                "--data-dir", dir.resolve("sw").toString()).up();
        String switchApi = "http://127.0.0.1:" + switchUp.group(2);
        int syncA = freePort();
        int syncB = freePort();
        String[] common = {"--config", config.toString(), "--switch", "127.0.0.1:" + switchUp.group(1), "--cti-port", "0", "--http-port", "0",
            "--heartbeat-ms", "200", "--heartbeat-timeout-ms", "1000"};
        TandemProcess primaryProcess = start("primary", SERVER_UP, concat(common, "server", "--data-dir", dir.resolve("a").toString(), "--name", "tandem-a",
                "--role", "primary", "--sync-port", String.valueOf(syncA), "--peer", "127.0.0.1:" + syncB));
        Process primary = primaryProcess.process();
        Matcher primaryUp = primaryProcess.up();
        Matcher backupUp = start("backup", SERVER_UP, concat(common, "server", "--data-dir", dir.resolve("b").toString(), "--name", "tandem-b", "--role", "backup",
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
        List<java.util.concurrent.CompletableFuture<Message>> registered = new ArrayList<>();
        for (int d = 0; d < SETTLED_DESKS; d++) {
            for (int i = 0; i < PER_DESK; i++) {
                int t = d * PER_DESK + i;
                registered.add(desks.get(d).client().registerAddress(LoadConfig.terminal(t), remote(t)));
            }
        }
        registered.forEach(java.util.concurrent.CompletableFuture::join);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(desks.stream().limit(SETTLED_DESKS)
                .map(k -> k.events().backInService.get()).toList()).as("EventDNBackInService per desk").containsOnly(PER_DESK));
        await().atMost(Duration.ofSeconds(20)).until(() -> get(backupHttp + "/api/health").at("/ha/controlledTerminals").asInt()
                == SETTLED_DESKS * PER_DESK);

        Desk busy = desks.get(SETTLED_DESKS);
        Map<String, Long> answeredAt = new java.util.concurrent.ConcurrentHashMap<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i < IN_FLIGHT) {
                String dn = LoadConfig.terminal(SETTLED_DESKS * PER_DESK + i);
                busy.client().registerAddress(dn, remote(SETTLED_DESKS * PER_DESK + i))
                        .thenRun(() -> answeredAt.put(dn, System.nanoTime()));
            }
        }, 0, 4, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> answeredAt.size() >= 100);
        int[] marks = desks.stream().mapToInt(k -> k.events().events.size()).toArray();
        long killedAt = System.nanoTime();
        primary.destroyForcibly();
        assertThat(primary.waitFor(15, TimeUnit.SECONDS)).isTrue();
        pacer.shutdownNow();

        long lastBack = 0;
        for (int d = 0; d < SETTLED_DESKS; d++) {
            awaitBothWays(desks.get(d).events(), marks[d], PER_DESK);
            lastBack = Math.max(lastBack, sawSwitchover(desks.get(d).events(), marks[d], d * PER_DESK, PER_DESK, "tandem-b"));
            assertThat(desks.get(d).client().primaryServer()).contains("tandem-b");
        }
        long switchoverMs = TimeUnit.NANOSECONDS.toMillis(lastBack - killedAt);
        System.out.printf("switchover: %d terminals back in service %d ms after SIGKILL%n", SETTLED_DESKS * PER_DESK, switchoverMs);

        Map<String, String> active = activeDestinations(switchApi);
        for (int t = 0; t < SETTLED_DESKS * PER_DESK; t++) {
            assertThat(active.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(LoadConfig.destination(t));
        }
        JsonNode health = get(backupHttp + "/api/health");
        assertThat(health.get("role").asText()).isEqualTo("primary");
        assertThat(health.at("/ha/switchovers").asInt()).isEqualTo(1);

        // the in-flight desk: every terminal registered on both servers and extended 300 ms before the kill is back; the rest are consistent
        long settledBusy = answeredAt.values().stream().filter(at -> at < killedAt).count();
        assertThat(settledBusy).as("registrations of the busy desk completed before the kill").isGreaterThanOrEqualTo(100);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> checkBusyDesk(busy, marks[SETTLED_DESKS], answeredAt, killedAt, switchApi));

        // control stayed with the same client: desk-0 leaving the new primary deactivates exactly its terminals
        desks.get(0).client().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> activeDestinations(switchApi).keySet().stream()
                .noneMatch(name -> Integer.parseInt(name.substring(5)) < PER_DESK));
        Map<String, String> after = activeDestinations(switchApi);
        for (int t = PER_DESK; t < SETTLED_DESKS * PER_DESK; t++) {
            assertThat(after.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(LoadConfig.destination(t));
        }
    }

    @Test
    void theRestartedOldPrimaryRejoinsAsBackupAndAnOperatorSwitchoverMakesItPrimaryAgain() throws Exception {
        int desksCount = 3;
        int perDesk = 400;
        int terminals = desksCount * perDesk;
        Pair pair = startPairWithDesks(desksCount, perDesk);
        String switchApi = pair.switchApi();
        String[] serverA = pair.serverA();
        Process a = pair.a().process();
        String bHttp = pair.bHttp();
        String bHealth = bHttp + "/api/health";
        List<Desk> desks = pair.desks();

        int[] beforeKill = desks.stream().mapToInt(k -> k.events().events.size()).toArray();
        a.destroyForcibly();
        assertThat(a.waitFor(15, TimeUnit.SECONDS)).isTrue();
        for (int d = 0; d < desksCount; d++) {
            awaitBothWays(desks.get(d).events(), beforeKill[d], perDesk);
            sawSwitchover(desks.get(d).events(), beforeKill[d], d * perDesk, perDesk, "tandem-b");
        }
        assertThat(get(bHealth).at("/ha/switchovers").asInt()).isEqualTo(1);

        Matcher restartedUp = start("a2", SERVER_UP, serverA).up();
        String aHttp = "http://127.0.0.1:" + restartedUp.group(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode ha = get(aHttp + "/api/health").get("ha");
            return ha.get("role").asText().equals("backup") && ha.get("syncState").asText().equals("IN_SYNC")
                    && ha.get("controlledTerminals").asInt() == terminals;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> desks.stream().allMatch(k -> k.client().connectedServers() == 2));
        int[] beforeSwitchover = desks.stream().mapToInt(k -> k.events().events.size()).toArray();
        for (int d = 0; d < desksCount; d++) {
            assertThat(beforeSwitchover[d]).as("reconnecting to the restarted server is not the application's business")
                    .isEqualTo(beforeKill[d] + 2 * perDesk + 1);
        }

        assertThat(Tandem.execute("ha", "switchover", "--api", bHttp, "--user", "bench:bench")).isZero();
        for (int d = 0; d < desksCount; d++) {
            awaitBothWays(desks.get(d).events(), beforeSwitchover[d], perDesk);
            sawSwitchover(desks.get(d).events(), beforeSwitchover[d], d * perDesk, perDesk, "tandem-a");
            assertThat(desks.get(d).client().primaryServer()).contains("tandem-a");
        }
        assertThat(get(aHttp + "/api/health").at("/ha/role").asText()).isEqualTo("primary");
        await().atMost(Duration.ofSeconds(20)).until(() -> get(bHealth).at("/ha/syncState").asText().equals("IN_SYNC"));
        assertThat(get(bHealth).at("/ha/role").asText()).isEqualTo("backup");
        Map<String, String> active = activeDestinations(switchApi);
        for (int t = 0; t < terminals; t++) {
            assertThat(active.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(LoadConfig.destination(t));
        }

        // control stayed with the same client: desk-1 leaving deactivates exactly its terminals
        desks.get(1).client().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> activeDestinations(switchApi).size() == terminals - perDesk);
        Map<String, String> after = activeDestinations(switchApi);
        for (int t = 0; t < terminals; t++) {
            boolean desk1 = t >= perDesk && t < 2 * perDesk;
            assertThat(after.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(desk1 ? null : LoadConfig.destination(t));
        }
    }

    @Test
    void aPrimaryThatHangsIsReplacedAndWhenItWakesUpItJoinsAsBackupWithoutActing() throws Exception {
        int perDesk = 200;
        int terminals = 2 * perDesk;
        Pair pair = startPairWithDesks(2, perDesk);
        String switchApi = pair.switchApi();
        TandemProcess aProcess = pair.a();
        String aHealth = "http://127.0.0.1:" + aProcess.up().group(2) + "/api/health";
        String bHealth = pair.bHttp() + "/api/health";
        List<Desk> desks = pair.desks();

        int[] before = desks.stream().mapToInt(k -> k.events().events.size()).toArray();
        signal("STOP", aProcess.process());
        try {
            for (int d = 0; d < 2; d++) {
                awaitBothWays(desks.get(d).events(), before[d], perDesk);
                sawSwitchover(desks.get(d).events(), before[d], d * perDesk, perDesk, "tandem-b");
            }
            assertThat(get(bHealth).at("/ha/role").asText()).isEqualTo("primary");
        } finally {
            signal("CONT", aProcess.process());
        }
        int[] afterSwitchover = desks.stream().mapToInt(k -> k.events().events.size()).toArray();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode ha = get(aHealth).get("ha");
            return ha.get("role").asText().equals("backup") && ha.get("syncState").asText().equals("IN_SYNC");
        });
        assertThat(get(aHealth).at("/ha/holdsPrimaryRole").asBoolean()).isFalse();
        Map<String, String> active = activeDestinations(switchApi);
        for (int t = 0; t < terminals; t++) {
            assertThat(active.get("CTIRD" + t)).as("terminal %d", t).isEqualTo(LoadConfig.destination(t));
        }
        for (int d = 0; d < 2; d++) {
            assertThat(desks.get(d).events().events.size()).as("the woken server changes nothing the desks see").isEqualTo(afterSwitchover[d]);
            assertThat(desks.get(d).client().primaryServer()).contains("tandem-b");
        }

        desks.get(0).client().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> activeDestinations(switchApi).size() == perDesk);
        assertThat(activeDestinations(switchApi)).allSatisfy((device, number) -> assertThat(Integer.parseInt(device.substring(5)))
                .isGreaterThanOrEqualTo(perDesk));
    }

    /** Sends {@code signal} (STOP: the process hangs as an unreachable host does; CONT: it goes on) to {@code process}. */
    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
    }

    /**
     * A switch and a primary/backup pair on fixed CTI ports, with {@code desksCount} hot-standby desks that
     * have each extended {@code perDesk} terminals, all mirrored on the backup.
     */
    private record Pair(String switchApi, String[] serverA, TandemProcess a, String bHttp, List<Desk> desks) {
    }

    private Pair startPairWithDesks(int desksCount, int perDesk) throws Exception {
        int terminals = desksCount * perDesk;
        Path config = LoadConfig.write(dir.resolve("ha.yaml"), terminals, 0, false);
        Matcher switchUp = start("switch", SWITCH_UP, "switch", "--config", config.toString(), "--link-port", "0", "--http-port", "0",
                "--data-dir", dir.resolve("sw").toString()).up();
        int syncA = freePort();
        int syncB = freePort();
        int ctiA = freePort();
        int ctiB = freePort();
        String[] common = {"--config", config.toString(), "--switch", "127.0.0.1:" + switchUp.group(1), "--http-port", "0",
            "--heartbeat-ms", "200", "--heartbeat-timeout-ms", "1000"};
        String[] serverA = concat(common, "server", "--data-dir", dir.resolve("a").toString(), "--name", "tandem-a", "--role", "primary", "--cti-port",
                String.valueOf(ctiA), "--sync-port", String.valueOf(syncA), "--peer", "127.0.0.1:" + syncB);
        TandemProcess a = start("a", SERVER_UP, serverA);
        Matcher bUp = start("b", SERVER_UP, concat(common, "server", "--data-dir", dir.resolve("b").toString(), "--name", "tandem-b", "--role", "backup",
                "--cti-port", String.valueOf(ctiB), "--sync-port", String.valueOf(syncB), "--peer", "127.0.0.1:" + syncA)).up();
        String bHealth = "http://127.0.0.1:" + bUp.group(2) + "/api/health";
        await().atMost(Duration.ofSeconds(20)).until(() -> get(bHealth).at("/ha/syncState").asText().equals("IN_SYNC"));
        List<Desk> desks = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Message>> registered = new ArrayList<>();
        for (int d = 0; d < desksCount; d++) {
            Desk desk = desk("desk-" + d, ctiA, ctiB);
            desks.add(desk);
            for (int t = d * perDesk; t < (d + 1) * perDesk; t++) {
                registered.add(desk.client().registerAddress(LoadConfig.terminal(t), remote(t)));
            }
        }
        registered.forEach(java.util.concurrent.CompletableFuture::join);
        await().atMost(Duration.ofSeconds(60)).until(() -> desks.stream().allMatch(k -> k.events().backInService.get() == perDesk)
                && get(bHealth).at("/ha/controlledTerminals").asInt() == terminals);
        return new Pair("http://127.0.0.1:" + switchUp.group(2), serverA, a, "http://127.0.0.1:" + bUp.group(2), desks);
    }

    private void checkBusyDesk(Desk busy, int mark, Map<String, Long> answeredAt, long killedAt, String switchApi) throws Exception {
        Map<String, String> active = activeDestinations(switchApi);
        Map<String, List<Arrival>> events = busy.events().serviceEventsSince(mark);
        for (int i = 0; i < IN_FLIGHT; i++) {
            int t = SETTLED_DESKS * PER_DESK + i;
            String dn = LoadConfig.terminal(t);
            Long answered = answeredAt.get(dn);
            Long extendedAt = busy.events().events.stream()
                    .filter(a -> a.event().type() == EVENT_DN_BACK_IN_SERVICE && dn.equals(a.event().thisDn())).findFirst()
                    .map(Arrival::at).orElse(null);
            List<Arrival> seen = events.getOrDefault(dn, List.of());
            if (answered != null && answered < killedAt && extendedAt != null
                    && killedAt - extendedAt > TimeUnit.MILLISECONDS.toNanos(300)) {
                assertThat(seen).extracting(a -> a.event().type()).as("terminal %d: %s", t, busy.events().events.stream()
                        .filter(a -> dn.equals(a.event().thisDn())).map(a -> a.event() + "@" + (a.at() - killedAt) / 1_000_000).toList())
                        .containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
            }
            boolean inService = seen.isEmpty() ? active.containsKey("CTIRD" + t)
                    : seen.get(seen.size() - 1).event().type() == EVENT_DN_BACK_IN_SERVICE;
            assertThat(active.get("CTIRD" + t)).as("switch and events agree on terminal %d", t)
                    .isEqualTo(inService ? LoadConfig.destination(t) : null);
        }
    }

    private static String[] concat(String[] common, String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(common));
        return all.toArray(String[]::new);
    }
}
