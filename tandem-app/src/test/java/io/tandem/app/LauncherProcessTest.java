package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as an operator runs it, in separate processes: the embedded switch alone, and a CTI server
 * that opens its switch link with --switch, with the demo configuration and H2 files in a data directory.
 */
class LauncherProcessTest {

    private static final Pattern SWITCH_UP = Pattern.compile("link port (\\d+), HTTP http://localhost:(\\d+)");
    private static final Pattern SERVER_UP = Pattern.compile("CTI port (\\d+) .*HTTP http://localhost:(\\d+)");

    @TempDir
    Path dir;

    private static Process launch(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.tandem.app.Tandem"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Matcher awaitLine(Process process, Pattern pattern) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("process ended without printing " + pattern);
    }

    @Test
    void theClientCommandExtendsARemoteTerminalOfTheAllInOneServer() throws Exception {
        Process server = launch(dir, "server", "--cti-port", "0", "--http-port", "0", "--data-dir", "data");
        try {
            Matcher up = awaitLine(server, SERVER_UP);
            Process client = launch(dir, "client", "--server", "127.0.0.1:" + up.group(1), "--app", "cli-test",
                    "--register", "7002", "--remote-dest", "0612340002", "--remote-name", "Agent 02 mobile");
            BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("\"EventDNBackInService\"")) {
                    assertThat(line).contains("\"REMOTE_DEST\":\"0612340002\"", "\"REMOTE_NAME\":\"Agent 02 mobile\"");
                    client.getOutputStream().write("unregister 7002\n".getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                }
                if (line.contains("\"EventUnregistered\"")) {
                    client.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                }
            }
            assertThat(client.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(client.exitValue()).isZero();
            assertThat(lines).extracting(l -> l.replaceAll("^\\{\"message\":\"(\\w+)\".*", "$1"))
                    .containsExactly("EventServerConnected", "EventLinkConnected", "EventRegistered", "EventDNBackInService", "EventUnregistered");
        } finally {
            server.destroy();
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String run(Path dir, String... args) throws Exception {
        Process process = launch(dir, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit status of %s", List.of(args)).isZero();
        return out;
    }

    @Test
    void thePhoneCommandPlaysTheCallerWhileTheClientCommandAnswersThroughCti() throws Exception {
        Process server = launch(dir, "server", "--cti-port", "0", "--http-port", "0", "--data-dir", "data");
        try {
            Matcher up = awaitLine(server, SERVER_UP);
            String api = "http://127.0.0.1:" + up.group(2);
            Process client = launch(dir, "client", "--server", "127.0.0.1:" + up.group(1), "--register", "6003");
            BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            java.io.OutputStream in = client.getOutputStream();
            String line;
            while ((line = out.readLine()) != null && !line.contains("\"EventRegistered\"")) {
                // greeting
            }
            Process refused = launch(dir, "phone", "--api", api, "calls");
            assertThat(refused.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).as("the all-in-one server's control API is behind the console login").isEqualTo(1);
            assertThat(run(dir, "phone", "--api", api, "--user", "admin:admin", "call", "0698765432", "6003")).contains("\"state\":\"ALERTING\"");
            line = out.readLine();
            assertThat(line).contains("\"EventRinging\"", "\"OtherDN\":\"0698765432\"", "\"CallType\":\"Inbound\"");
            String connId = line.replaceAll(".*\"ConnID\":\"([0-9a-f]{16})\".*", "$1");
            in.write(("answer 6003 " + connId + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.readLine()).contains("\"EventEstablished\"", connId);
            assertThat(run(dir, "phone", "--api", api, "--user", "admin:admin", "calls")).contains("\"state\":\"CONNECTED\"");
            run(dir, "phone", "--api", api, "--user", "admin:admin", "hangup", "0698765432");
            assertThat(out.readLine()).contains("\"EventReleased\"", connId);
            in.write("quit\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(client.waitFor(15, TimeUnit.SECONDS)).isTrue();
            Process bad = launch(dir, "phone", "--api", api, "--user", "admin:admin", "answer", "0600000000");
            assertThat(bad.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(bad.exitValue()).as("nothing rings there").isEqualTo(1);
        } finally {
            server.destroy();
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The demo switch's application user, whose Basic credentials the standalone switch's control API takes. */
    static final String SWITCH_APP_USER = "Basic " + java.util.Base64.getEncoder().encodeToString("tandem:tandem".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", SWITCH_APP_USER).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void extensionMobilityLoginsAndTheirAutomaticLogoutsSurviveAKilledSwitch() throws Exception {
        Process sw = launch(dir, "switch", "--link-port", "0", "--http-port", "0", "--data-dir", "em-data");
        Matcher up = awaitLine(sw, SWITCH_UP);
        String api = "http://127.0.0.1:" + up.group(2);
        String login = "<request><appInfo><appID>tandem</appID><appCertificate>tandem</appCertificate></appInfo><login>"
                + "<deviceName>SEP000000006100</deviceName><userID>agent07</userID>"
                + "<exclusiveDuration><time>90</time></exclusiveDuration></login></request>";
        HttpResponse<String> em = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/emservice/EMServiceServlet"))
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + login)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(em.body()).endsWith("<response><success/></response>");
        com.fasterxml.jackson.databind.JsonNode before = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get(api + "/api/switch/devices/SEP000000006100/configuration"));
        assertThat(before.get("userId").asText()).isEqualTo("agent07");
        assertThat(before.get("automaticLogoutAt").asText()).isNotEmpty();

        sw.destroyForcibly();
        assertThat(sw.waitFor(15, TimeUnit.SECONDS)).isTrue();
        Process again = launch(dir, "switch", "--link-port", "0", "--http-port", "0", "--data-dir", "em-data");
        try {
            String api2 = "http://127.0.0.1:" + awaitLine(again, SWITCH_UP).group(2);
            com.fasterxml.jackson.databind.JsonNode after = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(get(api2 + "/api/switch/devices/SEP000000006100/configuration"));
            assertThat(after.get("userId").asText()).isEqualTo("agent07");
            assertThat(after.get("lines").toString()).isEqualTo("[\"8007\"]");
            assertThat(after.get("loggedInSince").asText()).isEqualTo(before.get("loggedInSince").asText());
            assertThat(after.get("automaticLogoutAt").asText()).as("the pending automatic logout survived")
                    .isEqualTo(before.get("automaticLogoutAt").asText());
        } finally {
            again.destroy();
            assertThat(again.waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCtiServerOnASeparateSwitchServesExtendAndConnect() throws Exception {
        Process sw = launch(dir, "switch", "--link-port", "0", "--http-port", "0", "--data-dir", "switch-data");
        Process server = null;
        try {
            Matcher switchUp = awaitLine(sw, SWITCH_UP);
            server = launch(dir, "server", "--switch", "127.0.0.1:" + switchUp.group(1), "--app-user", "tandem",
                    "--app-password", "tandem", "--cti-port", "0", "--http-port", "0", "--data-dir", "server-data");
            Matcher serverUp = awaitLine(server, SERVER_UP);
            int ctiPort = Integer.parseInt(serverUp.group(1));

            URI healthUri = URI.create("http://127.0.0.1:" + serverUp.group(2) + "/api/health");
            // the server accepts clients at once; its link to the separate switch comes up a moment later
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(healthUri).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"switchLink\":\"up\""));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(healthUri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"role\":\"primary\"");

            EventCollector events = new EventCollector();
            try (TandemClient client = TandemClient.connect(ClientOptions.tcp("127.0.0.1", ctiPort, "process-test"))) {
                client.addListener(events);
                Message registered = client.registerAddress("7005", KeyValueList.ofStrings("REMOTE_DEST", "0600000005")).join();
                assertThat(registered.type()).isEqualTo(EVENT_REGISTERED);
                Message back = events.skipTo(EVENT_DN_BACK_IN_SERVICE, Duration.ofSeconds(10));
                assertThat(back.extensions().getString("REMOTE_DEST")).contains("0600000005");

                client.registerAddress("8005").join();
                String login = "<request><appInfo><appID>tandem</appID><appCertificate>tandem</appCertificate></appInfo><login>"
                        + "<deviceName>SEP000000006100</deviceName><userID>agent05</userID></login></request>";
                HttpResponse<String> em = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + switchUp.group(2) + "/emservice/EMServiceServlet"))
                        .POST(HttpRequest.BodyPublishers.ofString("xml=" + login)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(em.body()).endsWith("<response><success/></response>");
                Message loggedIn = events.skipTo(EVENT_DN_BACK_IN_SERVICE, Duration.ofSeconds(10));
                assertThat(loggedIn.thisDn()).isEqualTo("8005");
                assertThat(loggedIn.extensions().getString("EM_DEVICE")).contains("SEP000000006100");
                assertThat(loggedIn.extensions().getString("EM_USER")).contains("agent05");
            }
            HttpResponse<String> device = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + switchUp.group(2) + "/api/switch/devices/CTIRDagent05")).header("Authorization", SWITCH_APP_USER).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(device.statusCode()).isEqualTo(200);
            assertThat(dir.resolve("switch-data/switch.mv.db")).exists();
            assertThat(dir.resolve("server-data").toFile().list()).anyMatch(f -> f.startsWith("tserver-") && f.endsWith(".mv.db"));
        } finally {
            if (server != null) {
                server.destroy();
                assertThat(server.waitFor(15, TimeUnit.SECONDS)).isTrue();
            }
            sw.destroy();
            assertThat(sw.waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
    }
}
