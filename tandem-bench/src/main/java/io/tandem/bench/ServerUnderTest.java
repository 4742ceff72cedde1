package io.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tandem server a benchmark drives: either started here as a separate JVM process (so that its CPU time
 * and heap are its own), or one already running.
 */
public final class ServerUnderTest implements AutoCloseable {

    private static final Pattern UP = Pattern.compile("CTI port (\\d+) .*HTTP http://localhost:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int ctiPort;
    private final int httpPort;
    private final Process process;
    private final long startupMillis;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerUnderTest(String host, int ctiPort, int httpPort, Process process, long startupMillis) {
        this.host = host;
        this.ctiPort = ctiPort;
        this.httpPort = httpPort;
        this.process = process;
        this.startupMillis = startupMillis;
    }

    /** A server already running at {@code host}. */
    public static ServerUnderTest running(String host, int ctiPort, int httpPort) {
        return new ServerUnderTest(host, ctiPort, httpPort, null, -1);
    }

    /**
     * Starts {@code ./tandem server} as a child JVM with {@code config}, a fresh data directory and {@code heap}
     * (for example 512m), on free loopback ports; returns once it accepts clients.
     */
    public static ServerUnderTest start(Path config, Path dataDir, String heap, String classPath, List<String> javaOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", classPath, "io.tandem.app.Tandem", "server", "--config", config.toString(),
                "--bind", "127.0.0.1", "--cti-port", "0", "--http-port", "0", "--data-dir", dataDir.toString()));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = UP.matcher(line);
            if (m.find()) {
                long startup = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                Thread drain = new Thread(() -> drain(out), "bench-server-stdout");
                drain.setDaemon(true);
                drain.start();
                return new ServerUnderTest("127.0.0.1", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), process, startup);
            }
        }
        throw new IOException("the server process ended before it was up; see " + dataDir + "-server.log");
    }

    static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException e) {
            // process ended
        }
    }

    /** The host. */
    public String host() {
        return host;
    }

    /** The CTI port. */
    public int ctiPort() {
        return ctiPort;
    }

    /** The HTTP port. */
    public int httpPort() {
        return httpPort;
    }

    /** Process start to "accepting clients", or -1 for a server started elsewhere. */
    public long startupMillis() {
        return startupMillis;
    }

    /** The server's JVM figures from {@code GET /api/health} (cpuTimeMs, heapPeakBytes...). */
    public JsonNode jvm() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("jvm");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the server's health: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
