package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.client.ClientOptions;
import io.tandem.client.TandemClient;
import io.tandem.process.TandemProcess;
import io.tandem.protocol.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped product as a user runs it, after {@code package}: {@code java -jar tandem-app.jar server} with nothing on
 * its class path but what the jar's manifest names (tests run on Maven's class path and would not notice a library
 * missing from target/lib).
 */
class ProductJarIT {

    @TempDir
    Path dir;

    @Test
    void theJarStartsTheAllInOneServerWhichServesClientsAgentsAndHealth() throws Exception {
        Path jar = Paths.get(System.getProperty("tandem.jar", "target/tandem-app.jar"));
        assertThat(jar).exists();
        String classPath;
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
        }
        assertThat(List.of(classPath.split(" "))).as("the product's class path").anyMatch(n -> n.startsWith("lib/jackson-databind-"))
                .noneMatch(n -> n.contains("jmh-") || n.contains("tandem-bench") || n.contains("tandem-process"));
        TandemProcess server = TandemProcess.startJar(jar, List.of("-Xmx256m"), dir.resolve("server.log"), TandemProcess.SERVER_UP,
                List.of("server", "--cti-port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString()));
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port(2) + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"up\"");
            try (TandemClient client = TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.port(1), "smoke"))) {
                assertThat(client.registerAddress("6001").join().type()).isEqualTo(MessageType.EVENT_REGISTERED);
                assertThat(client.agentLogin("6001", "1001").join().type()).isEqualTo(MessageType.EVENT_AGENT_LOGIN);
            }
        } finally {
            server.process().destroy();
            server.process().waitFor();
        }
    }
}
