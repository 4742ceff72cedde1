package io.tandem.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * JSON text frames over WebSocket, on the JDK's {@link java.net.http.WebSocket} (a standard, dependency-free
 * client; the server side uses Netty).
 */
final class WebSocketTransport implements ClientTransport {

    private final WebSocket socket;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    private WebSocketTransport(WebSocket socket) {
        this.socket = socket;
    }

    static WebSocketTransport connect(URI uri, Sink sink, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            client.sslContext(tls);
        }
        WebSocket socket = client.build()
                .newWebSocketBuilder()
                .buildAsync(uri, new Listener(sink))
                .join();
        return new WebSocketTransport(socket);
    }

    @Override
    public synchronized void send(String json) {
        // the JDK WebSocket allows one outstanding send at a time
        sending = sending.thenCompose(ws -> socket.sendText(json, true));
    }

    @Override
    public void close() {
        try {
            sending.thenCompose(ws -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")).get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Sink sink;
        private final StringBuilder partial = new StringBuilder();

        Listener(Sink sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                sink.frame(partial.toString().getBytes(StandardCharsets.UTF_8));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            sink.closed("WebSocket closed: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            sink.closed("WebSocket error: " + error);
        }
    }
}
