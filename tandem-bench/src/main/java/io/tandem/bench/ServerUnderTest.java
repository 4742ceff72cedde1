package io.tandem.bench;

import io.tandem.process.TandemProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Tandem server a benchmark drives: either started here as a separate JVM process (so that its CPU time
 * and heap are its own), or one already running.
 */
public final class ServerUnderTest implements AutoCloseable {

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
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        jvm.addAll(javaOptions);
        long started = System.nanoTime();
        TandemProcess server = TandemProcess.start(classPath, jvm, dataDir.resolveSibling(dataDir.getFileName() + "-server.log"),
                TandemProcess.SERVER_UP, List.of("server", "--config", config.toString(), "--bind", "127.0.0.1", "--cti-port", "0",
                        "--http-port", "0", "--data-dir", dataDir.toString()));
        long startup = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new ServerUnderTest("127.0.0.1", server.port(1), server.port(2), server.process(), startup);
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
