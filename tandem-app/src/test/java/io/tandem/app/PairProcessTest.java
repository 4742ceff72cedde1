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

    /** A port free on loopback now. */
    protected static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
