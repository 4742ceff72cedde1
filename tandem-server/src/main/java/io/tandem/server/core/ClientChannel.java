package io.tandem.server.core;

/**
 * Where a client session's events go: a TCP connection or a WebSocket. {@link #send} and {@link #close} are called on
 * the core thread (a connection may gather what is sent and write it after the core's task, in order:
 * {@link OutboundBatches}); the other methods from any thread.
 */
public interface ClientChannel {

    /** Sends one encoded message (JSON, no line end). */
    void send(byte[] json);

    /** Closes the connection, logging {@code reason}. */
    void close(String reason);

    /** The peer address, for logs. */
    String remoteAddress();

    /** The peer's host address without the port, for per-address accounting. */
    default String remoteHost() {
        String address = remoteAddress();
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : address;
        int slash = host.indexOf('/');
        return slash >= 0 ? host.substring(slash + 1) : host;
    }

    /** The client authenticated: the deadline for doing so no longer applies. */
    default void authenticated() {
    }

    /** Stops reading from the connection (the core is behind with this client's frames). */
    default void pauseReading() {
    }

    /** Reads from the connection again. */
    default void resumeReading() {
    }

    /**
     * From now on, polls the client with Ping after {@code interval} without anything read, and closes the connection
     * when nothing is read within {@code timeout} of a poll (dead-client detection, asked for in RequestRegisterClient).
     */
    default void keepAlive(java.time.Duration interval, java.time.Duration timeout) {
    }

    /** "tcp" or "websocket". */
    String transport();

    /** Bytes of events written to the connection and not yet taken by the client (the queue depth). */
    default long queuedBytes() {
        return 0;
    }
}
