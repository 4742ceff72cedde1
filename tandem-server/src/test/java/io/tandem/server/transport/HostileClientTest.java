package io.tandem.server.transport;

import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.server.Events.error;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The probe's malformed frames and random garbage against a live server (security-probe D8–D10): each line gets
 * its documented EventError, the connection stays usable, and another client is served throughout.
 */
class HostileClientTest extends HarnessTest {

    private static final String DEEP = "{\"message\":\"RequestQueryAddress\",\"ReferenceID\":9,\"ThisDN\":\"6001\",\"UserData\":"
            + "{\"a\":".repeat(9) + "1" + "}".repeat(9) + "}";

    private void witnessIsServed(Agent witness) {
        Message info = witness.client().request(Message.builder(MessageType.REQUEST_QUERY_ADDRESS).put(Attribute.THIS_DN, "6002").build())
                .join();
        assertThat(info.thisDn()).isEqualTo("6002");
    }

    @Test
    void everyHostileLineIsAnsweredAndTheConnectionStaysUsable() throws Exception {
        Agent witness = t.agent("witness");
        try (Socket s = new Socket("127.0.0.1", t.server().ctiPort())) {
            s.setSoTimeout(5_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"fuzzer\"}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("EventServerConnected");
            assertThat(in.readLine()).contains("EventLinkConnected");

            String[][] probes = {
                {DEEP, "\"ErrorCode\":53", "message exceeds a limit: Document nesting depth"},
                {"{\"message\":\"RequestQueryAddress\",\"ReferenceID\":" + "9".repeat(5000) + "}", "\"ErrorCode\":53", "Number value length"},
                {"{\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}", "\"ErrorCode\":53", "nesting depth"},
            };
            for (String[] probe : probes) {
                out.write((probe[0] + "\n").getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).contains("\"message\":\"EventError\"", probe[1], probe[2]);
            }
            for (byte[] bad : new byte[][] {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
                out.write("{\"message\":\"RequestQueryAddress\",\"ThisDN\":\"".getBytes(StandardCharsets.UTF_8));
                out.write(bad);
                out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).contains("\"ErrorCode\":223", "not valid UTF-8");
            }
            Random random = new Random(42);
            for (int i = 0; i < 300; i++) {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                for (int k = 0; k < garbage.length; k++) {
                    if (garbage[k] == '\n' || garbage[k] == '\r') {
                        garbage[k] = ' ';
                    }
                }
                out.write(garbage);
                out.write('\n');
                String answer = in.readLine();
                assertThat(answer).as("line " + i).isNotNull();
                if (!answer.isBlank()) {
                    assertThat(answer).as("line " + i).contains("\"message\":\"EventError\"");
                }
            }
            out.write("{\"message\":\"RequestQueryAddress\",\"ReferenceID\":77,\"ThisDN\":\"6001\"}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("EventAddressInfo", "\"ReferenceID\":77");
        }
        witnessIsServed(witness);
    }

    @Test
    void overWebSocketDeepJsonIsAnsweredAndAnOversizedFragmentedMessageIsClosedWith1009() throws Exception {
        Agent ws = t.webSocketAgent("ws-fuzzer");
        ws.client().sendRaw(DEEP);
        assertThat(error(ws.events().next(WAIT), EVENT_ERROR, 53).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("nesting depth");

        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + t.server().httpPort() + "/cti"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).join();
        String part = "x".repeat(1000);
        for (int i = 0; i < 70 && !closed.isDone(); i++) {
            try {
                socket.sendText(part, false).get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        witnessIsServed(t.agent("witness"));
    }

    @Test
    void aClientThatSendsFasterThanTheCoreIsPausedAndResumedAndLosesNothing() throws Exception {
        Agent witness = t.agent("witness");
        int burst = 5_000;
        try (Socket s = new Socket("127.0.0.1", t.server().ctiPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"burst\"}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("EventServerConnected");
            assertThat(in.readLine()).contains("EventLinkConnected");
            StringBuilder lines = new StringBuilder();
            for (int i = 1; i <= burst; i++) {
                lines.append("{\"message\":\"RequestQueryAddress\",\"ReferenceID\":").append(i).append(",\"ThisDN\":\"6001\"}\n");
            }
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            witnessIsServed(witness);
            for (int i = 1; i <= burst; i++) {
                assertThat(in.readLine()).as("answer " + i + ", in order").contains("EventAddressInfo", "\"ReferenceID\":" + i + ",");
            }
            sent.get(10, TimeUnit.SECONDS);
        }
        assertThat(t.server().core().queuedFrames()).isZero();
        witnessIsServed(witness);
    }
}
