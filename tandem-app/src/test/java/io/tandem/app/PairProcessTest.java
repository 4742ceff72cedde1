package io.tandem.app;

import io.tandem.client.HotStandbyClient;
import io.tandem.process.TandemProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the process tests of a primary/backup pair share: starting real {@code ./tandem} processes (logs in the test's
 * directory), hot-standby clients, and stopping all of them after each test.
 */
abstract class PairProcessTest {

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    /** The hot-standby clients to close after the test. */
    protected final List<HotStandbyClient> clients = new ArrayList<>();

    @AfterEach
    final void stopProcesses() throws Exception {
        clients.forEach(HotStandbyClient::close);
        for (Process p : processes) {
            p.destroy();
            p.waitFor(15, TimeUnit.SECONDS);
        }
    }

    /** Starts {@code ./tandem args} as process {@code name}, returning once it prints {@code up}; stopped after the test. */
    protected TandemProcess start(String name, Pattern up, List<String> args) throws IOException {
        TandemProcess started = TandemProcess.start(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                List.of("-Xmx512m"), dir.resolve(name + ".log"), up, args);
        processes.add(started.process());
        return started;
    }

    /**
     * The demo's switch and a primary/backup pair on it as processes (heartbeat 200 ms, timeout 1 s).
     *
     * @param switchApi the switch's control API base URL
     * @param a the primary's process
     * @param ctiA the primary's CTI port
     * @param ctiB the backup's CTI port
     * @param backupHttp the backup's HTTP base URL
     */
    protected record DemoPair(String switchApi, TandemProcess a, int ctiA, int ctiB, String backupHttp) {
    }

    /** Starts {@link DemoPair}: the bundled demo configuration's switch, then tandem-a (primary) and tandem-b (backup). */
    protected DemoPair startDemoPair() throws IOException {
        return startPair(Path.of("..", "config", "demo.yaml").toAbsolutePath().normalize());
    }

    /** As {@link #startDemoPair()}, with the switch and both servers on {@code config}. */
    protected DemoPair startPair(Path config) throws IOException {
        java.util.regex.Matcher switchUp = start("switch", TandemProcess.SWITCH_UP, List.of("switch", "--config", config.toString(),
                "--link-port", "0", "--http-port", "0", "--data-dir", dir.resolve("sw").toString())).up();
        int syncA = freePort();
        int syncB = freePort();
        int ctiA = freePort();
        int ctiB = freePort();
        List<String> common = List.of("--config", config.toString(), "--switch", "127.0.0.1:" + switchUp.group(1), "--http-port", "0",
                "--heartbeat-ms", "200", "--heartbeat-timeout-ms", "1000");
        TandemProcess a = start("a", TandemProcess.SERVER_UP, command("server", common, "--data-dir", dir.resolve("a").toString(), "--name",
                "tandem-a", "--role", "primary", "--cti-port", String.valueOf(ctiA), "--sync-port", String.valueOf(syncA), "--peer",
                "127.0.0.1:" + syncB));
        TandemProcess b = start("b", TandemProcess.SERVER_UP, command("server", common, "--data-dir", dir.resolve("b").toString(), "--name", "tandem-b",
                "--role", "backup", "--cti-port", String.valueOf(ctiB), "--sync-port", String.valueOf(syncB), "--peer", "127.0.0.1:" + syncA));
        return new DemoPair("http://127.0.0.1:" + switchUp.group(2), a, ctiA, ctiB, "http://127.0.0.1:" + b.port(2));
    }

    /** {@code subcommand}, then {@code common} options, then {@code rest}. */
    protected static List<String> command(String subcommand, List<String> common, String... rest) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(common);
        all.addAll(List.of(rest));
        return all;
    }

    /** A hot-standby client of the pair as {@code identity} (ApplicationName and ClientIdentity); closed after the test. */
    protected HotStandbyClient standby(String identity, int ctiA, int ctiB) {
        HotStandbyClient client = HotStandbyClient.connect(List.of(
                io.tandem.client.ClientOptions.tcp("127.0.0.1", ctiA, identity).withClientIdentity(identity),
                io.tandem.client.ClientOptions.tcp("127.0.0.1", ctiB, identity).withClientIdentity(identity)), java.time.Duration.ofMillis(200), null);
        clients.add(client);
        return client;
    }

    /** A port free on loopback now. */
    protected static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
