package io.tandem.server.transport;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.Message;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The client protocol over WebSocket, mixed with TCP clients. */
class WebSocketTransportTest extends HarnessTest {


    @Test
    void extendAndConnectOverWebSocketIsSeenByTcpClients() {
        Agent tcp = t.agent("tcp-monitor");
        tcp.client().registerAddress("7002").join();
        tcp.events().next(WAIT);
        Agent ws = t.webSocketAgent("ws-desk");
        long ref = ws.client().registerAddress("7002", ext("REMOTE_DEST", "0622222222", "REMOTE_NAME", "Bob")).join()
                .referenceId().orElseThrow();
        referenceIs(expect(ws.events().next(WAIT), EVENT_REGISTERED, "7002"), ref);
        Message back = expect(ws.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        referenceIs(back, ref);
        extensionsAre(back, "REMOTE_DEST", "0622222222", "REMOTE_NAME", "Bob");
        extensionsAre(expect(tcp.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002"), "REMOTE_DEST", "0622222222", "REMOTE_NAME", "Bob");

        ws.client().sendRaw("{\"message\":");
        error(ws.events().next(WAIT), EVENT_ERROR, 223);

        ws.client().close();
        extensionsAre(expect(tcp.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7002"), "OOS_REASON", "NotExtended");
    }

    @Test
    void aBinaryFrameEndsTheConnection() {
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
                        closed.complete(-1);
                    }
                }).join();
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        await().atMost(WAIT).until(closed::isDone);
        Agent other = t.agent("other");
        other.client().registerAddress("6001").join();
        assertThat(expect(other.events().next(WAIT), EVENT_REGISTERED, "6001")).isNotNull();
    }
}
