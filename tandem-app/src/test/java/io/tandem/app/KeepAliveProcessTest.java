package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGIN;
import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGOUT;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_PRIMARY_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.EventListener;
import io.tandem.client.HotStandbyClient;
import io.tandem.client.TandemClient;
import io.tandem.process.LoadConfig;
import io.tandem.process.TandemProcess;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dead-peer detection between real processes frozen with SIGSTOP (a host that vanished looks the same: no FIN, no
 * RST): a desk process with keep-alive on is detected by the server, which deactivates its terminal and logs its agent
 * out; a frozen server is detected by the client library, and a hot-standby client drops it and goes on with the new
 * primary.
 */
class KeepAliveProcessTest extends PairProcessTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Interval + timeout, and room for a loaded 2-core machine. */
    private static final Duration DETECTED_WITHIN = Duration.ofSeconds(5);

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
    }

    private static Process launch(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.tandem.app.Tandem"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitLine(BufferedReader out, String text) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(text)) {
                return;
            }
        }
        throw new AssertionError("the desk ended before printing " + text);
    }

    @Test
    void aFrozenDeskIsDisconnectedItsTerminalDeactivatedAndItsAgentLoggedOut() throws Exception {
        TandemProcess server = start("server", TandemProcess.SERVER_UP, List.of("server", "--cti-port", "0", "--http-port", "0",
                "--data-dir", dir.resolve("data").toString()));
        int cti = server.port(1);
        EventCollector watched = new EventCollector();
        try (TandemClient supervisor = TandemClient.connect(ClientOptions.tcp("127.0.0.1", cti, "supervisor"))) {
            supervisor.addListener(watched);
            supervisor.registerAddress("7001").join();
            Process desk = launch(dir, "client", "--server", "127.0.0.1:" + cti, "--app", "frozen-desk", "--keep-alive",
                    String.valueOf(INTERVAL.toMillis()), "--keep-alive-timeout", String.valueOf(TIMEOUT.toMillis()),
                    "--register", "7001", "--remote-dest", "+33612345601");
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(desk.getInputStream(), StandardCharsets.UTF_8));
                awaitLine(out, "\"EventDNBackInService\"");
                desk.getOutputStream().write("login 7001 1001\n".getBytes(StandardCharsets.UTF_8));
                desk.getOutputStream().flush();
                awaitLine(out, "\"EventAgentLogin\"");
                watched.skipTo(EVENT_AGENT_LOGIN, Duration.ofSeconds(10));
                watched.next(MessageType.EVENT_AGENT_NOT_READY, Duration.ofSeconds(10));

                signal("STOP", desk);
                long frozenAt = System.nanoTime();
                Message logout = watched.next(DETECTED_WITHIN);
                assertThat(logout.type()).isEqualTo(EVENT_AGENT_LOGOUT);
                assertThat(logout.kvList(Attribute.REASONS).getString("LOGOUT_REASON")).contains("ClientDisconnected");
                Message outOfService = watched.next(DETECTED_WITHIN);
                assertThat(outOfService.type()).isEqualTo(EVENT_DN_OUT_OF_SERVICE);
                assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).isLessThan(DETECTED_WITHIN);
            } finally {
                signal("CONT", desk);
                desk.destroy();
                desk.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFrozenServerIsDetectedAndAHotStandbyClientGoesOnWithTheNewPrimary() throws Exception {
        Path config = LoadConfig.write(dir.resolve("ha.yaml"), 4, 0, false);
        DemoPair pair = startPair(config);
        int ctiA = pair.ctiA();
        int ctiB = pair.ctiB();
        TandemProcess a = pair.a();

        CompletableFuture<String> lost = new CompletableFuture<>();
        TandemClient single = TandemClient.connect(ClientOptions.tcp("127.0.0.1", ctiA, "watcher").withKeepAlive(INTERVAL, TIMEOUT));
        single.addListener(new EventListener() {
            @Override
            public void onEvent(Message event) {
            }

            @Override
            public void onDisconnected(String reason) {
                lost.complete(reason);
            }
        });
        HotStandbyClient desk = HotStandbyClient.connect(List.of(
                ClientOptions.tcp("127.0.0.1", ctiA, "desktop").withClientIdentity("desk-0").withKeepAlive(INTERVAL, TIMEOUT),
                ClientOptions.tcp("127.0.0.1", ctiB, "desktop").withClientIdentity("desk-0").withKeepAlive(INTERVAL, TIMEOUT)),
                Duration.ofMillis(200), null);
        clients.add(desk);
        EventCollector events = new EventCollector();
        desk.addListener(events);
        await().atMost(Duration.ofSeconds(20)).until(() -> desk.connectedServers() == 2 && desk.primaryServer().isPresent());
        desk.registerAddress(LoadConfig.terminal(0), KeyValueList.ofStrings("REMOTE_DEST", LoadConfig.destination(0))).join();
        events.skipTo(EVENT_DN_BACK_IN_SERVICE, Duration.ofSeconds(10));

        signal("STOP", a.process());
        try {
            long frozenAt = System.nanoTime();
            assertThat(lost.get(DETECTED_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("no answer to a keep-alive poll within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).isLessThan(DETECTED_WITHIN);
            await().atMost(Duration.ofSeconds(15)).until(() -> desk.connectedServers() == 1 && desk.primaryServer().equals(java.util.Optional.of("tandem-b")));
            assertThat(events.drain(Duration.ofMillis(500))).extracting(Message::type).contains(EVENT_PRIMARY_CHANGED);
            Message info = desk.request(Message.builder(MessageType.REQUEST_QUERY_SERVER).build()).get(5, TimeUnit.SECONDS);
            assertThat(info.string(Attribute.SERVER)).contains("tandem-b");
            assertThat(info.string(Attribute.SERVER_ROLE)).contains("primary");
        } finally {
            signal("CONT", a.process());
            single.close();
        }
    }
}
