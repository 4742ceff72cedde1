package io.tandem.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The far end of one client connection on a loopback port, driven by the test line by line: what the client library
 * sends is read as it is, what the test writes is what the library receives. It lets the library be tested on its own
 * (framing, ReferenceIDs, errors, disconnects) without a server.
 */
final class LoopbackPeer implements AutoCloseable {

    private final ServerSocket listener;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile Socket socket;
    private volatile OutputStream out;

    LoopbackPeer() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread reader = new Thread(this::serve, "loopback-peer");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serve() {
        try {
            socket = listener.accept();
            out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    /** The next line the client sent, waiting up to 5 s; null if none came. */
    String next() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    /** Sends {@code line} and its newline to the client. */
    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Closes the connection and the port. */
    @Override
    public void close() throws IOException {
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        listener.close();
    }
}
