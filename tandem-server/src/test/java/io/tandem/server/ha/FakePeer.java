package io.tandem.server.ha;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A hand-driven end of the sync link on a real loopback socket: plays a primary (accepting) or a backup
 * (connecting) line by line, so tests can send exactly what a broken or silent peer would.
 */
final class FakePeer implements AutoCloseable {

    private final ServerSocket listener;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    private FakePeer(ServerSocket listener) {
        this.listener = listener;
    }

    /** A fake primary listening on a free loopback port. */
    static FakePeer listening() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(10_000);
        return new FakePeer(s);
    }

    /** A fake backup connected to {@code port}. */
    static FakePeer connectedTo(int port) throws IOException {
        FakePeer peer = new FakePeer(null);
        peer.use(new Socket("127.0.0.1", port));
        return peer;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Waits for the next connection from the server under test. */
    FakePeer accept() throws IOException {
        if (socket != null) {
            socket.close();
        }
        use(listener.accept());
        return this;
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final String nonce = SyncAuth.nonce();
    private String peerNonce;

    /** As a backup: reads the primary's challenge and answers with a backupReady that knows {@code secret}. */
    void backupHello(String server, String secret) throws IOException {
        String challenge = readSkippingHeartbeats();
        peerNonce = JSON.readTree(challenge).get("nonce").asText();
        send("{\"type\":\"backupReady\",\"server\":\"" + server + "\",\"protocol\":" + SyncMessage.PROTOCOL + ",\"nonce\":\"" + nonce
                + "\",\"proof\":\"" + SyncAuth.proof(secret, "backup", server, peerNonce, nonce) + "\"}");
    }

    /** As a primary: sends a challenge and returns the backup's answer (the backupReady line). */
    String challenge() throws IOException {
        send("{\"type\":\"challenge\",\"nonce\":\"" + nonce + "\"}");
        String ready = readSkippingHeartbeats();
        if (ready != null && ready.contains("backupReady")) {
            peerNonce = JSON.readTree(ready).get("nonce").asText();
        }
        return ready;
    }

    /** As a primary, after {@link #challenge}: a primaryHello that knows {@code secret}. */
    void primaryHello(String server, String secret) throws IOException {
        send("{\"type\":\"primaryHello\",\"server\":\"" + server + "\",\"protocol\":" + SyncMessage.PROTOCOL + ",\"proof\":\""
                + SyncAuth.proof(secret, "primary", server, nonce, peerNonce) + "\"}");
    }

    /** The next line other than a heartbeat, or null at end of stream. */
    String readSkippingHeartbeats() throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null || !line.contains("\"heartbeat\"")) {
                return line;
            }
        }
    }

    /** The next line, heartbeats included, or null at end of stream. */
    String readLine() throws IOException {
        return in.readLine();
    }

    /** Reads until the server under test closes the connection; returns how many heartbeats arrived first. */
    int heartbeatsUntilClosed(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        int heartbeats = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains("\"heartbeat\"")) {
                    heartbeats++;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after " + limit.toMillis() + " ms");
        } catch (IOException e) {
            // reset by the peer: closed as well
        }
        return heartbeats;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        if (listener != null) {
            listener.close();
        }
    }
}
