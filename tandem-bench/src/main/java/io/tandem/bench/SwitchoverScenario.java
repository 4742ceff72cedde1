package io.tandem.bench;

import io.tandem.process.TandemProcess;
import io.tandem.process.LoadConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.client.HotStandbyClient;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench switchover}: a switch and a primary/backup pair as three processes, {@code clients} desks
 * (each a {@link HotStandbyClient} over both servers, as a desktop runs it)
 * with {@code terminals} remote terminals extended, then the primary killed with
 * SIGKILL. Measures the time from the kill to the first and to the last EventDNBackInService the desks
 * receive from the new primary, and the new primary's own figure.
 */
final class SwitchoverScenario implements AutoCloseable {

    private static final Pattern SWITCH_UP = TandemProcess.SWITCH_UP;
    private static final Pattern SERVER_UP = TandemProcess.SERVER_UP;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final String heap;
    private final String classPath;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> serverOptions;

    /** A pair in {@code work}; {@code serverOptions} are added to the JVM options of the backup (the one to profile). */
    SwitchoverScenario(Path work, String heap, String classPath, List<String> serverOptions) {
        this.work = work;
        this.heap = heap;
        this.classPath = classPath;
        this.serverOptions = List.copyOf(serverOptions);
    }

    BenchResult run(Clients pool, int terminals, int clients, Duration timeout) throws Exception {
        Path config = LoadConfig.write(work.resolve("pair.yaml"), terminals, 0, false);
        Matcher sw = start("switch", SWITCH_UP, "switch", "--config", config.toString(), "--bind", "127.0.0.1", "--link-port", "0",
                "--http-port", "0", "--data-dir", work.resolve("switch").toString());
        int syncA = freePort();
        int syncB = freePort();
        List<String> common = List.of("--config", config.toString(), "--bind", "127.0.0.1", "--switch", "127.0.0.1:" + sw.group(1),
                "--cti-port", "0", "--http-port", "0", "--heartbeat-ms", "500", "--heartbeat-timeout-ms", "1500");
        Matcher a = start("primary", SERVER_UP, args(common, "--data-dir", work.resolve("a").toString(), "--name", "bench-a",
                "--role", "primary", "--sync-port", String.valueOf(syncA), "--peer", "127.0.0.1:" + syncB));
        Process primary = processes.get(processes.size() - 1);
        Matcher b = start("backup", SERVER_UP, args(common, "--data-dir", work.resolve("b").toString(), "--name", "bench-b",
                "--role", "backup", "--sync-port", String.valueOf(syncB), "--peer", "127.0.0.1:" + syncA));
        String backupHealth = "http://127.0.0.1:" + b.group(2) + "/api/health";
        awaitTrue(() -> health(backupHealth).at("/ha/syncState").asText().equals("IN_SYNC"), timeout, "the backup to synchronize");

        List<HotStandbyClient> desks = pool.connectToPair(List.of("127.0.0.1:" + a.group(1), "127.0.0.1:" + b.group(1)), "desk", clients);
        AtomicInteger backInService = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong();
        AtomicInteger afterKill = new AtomicInteger();
        desks.forEach(c -> c.addListener(event -> {
            if (event.type() == MessageType.EVENT_DN_BACK_IN_SERVICE) {
                backInService.incrementAndGet();
                long now = System.nanoTime();
                if (now > killedAt.get()) {
                    first.accumulateAndGet(now, Math::min);
                    last.accumulateAndGet(now, Math::max);
                    afterKill.incrementAndGet();
                }
            }
        }));
        List<CompletableFuture<Message>> registered = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            KeyValueList remote = KeyValueList.ofStrings("REMOTE_DEST", LoadConfig.destination(t), "REMOTE_NAME", "Mobile " + t);
            registered.add(desks.get(t % clients).registerAddress(LoadConfig.terminal(t), remote));
        }
        registered.forEach(CompletableFuture::join);
        awaitTrue(() -> backInService.get() == terminals && health(backupHealth).at("/ha/controlledTerminals").asInt() == terminals,
                timeout, "every terminal to be extended and mirrored");

        killedAt.set(System.nanoTime());
        primary.destroyForcibly();
        awaitTrue(() -> afterKill.get() >= terminals, timeout, "every terminal back in service");
        // the server records its own figure when its takeover completes, which may be just after the last event went out
        awaitTrue(() -> health(backupHealth).at("/ha/lastSwitchoverMs").asLong(-1) >= 0, timeout, "the backup to report its takeover");
        JsonNode ha = health(backupHealth).path("ha");
        return new BenchResult("switchover")
                .put("terminals", terminals)
                .put("clients", clients)
                .put("firstBackMs", TimeUnit.NANOSECONDS.toMillis(first.get() - killedAt.get()))
                .put("lastBackMs", TimeUnit.NANOSECONDS.toMillis(last.get() - killedAt.get()))
                .put("server.switchoverMs", ha.path("lastSwitchoverMs").asLong())
                .put("heartbeatTimeoutMs", 1500);
    }

    private static String[] args(List<String> common, String... more) {
        List<String> all = new ArrayList<>(List.of("server"));
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private Matcher start(String name, Pattern up, String... tandemArgs) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        if (name.equals("backup")) {
            jvm.addAll(serverOptions);
        }
        TandemProcess started = TandemProcess.start(classPath, jvm, work.resolve(name + ".log"), up, List.of(tandemArgs));
        processes.add(started.process());
        return started.up();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode health(String url) throws IOException, InterruptedException {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A condition the scenario polls. */
    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
