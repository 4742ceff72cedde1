package io.tandem.server.core;

/** Where a client session's events go: a TCP connection or a WebSocket. Implementations are thread-safe. */
public interface ClientChannel {

    /** Sends one encoded message (JSON, no line end). */
    void send(byte[] json);

    /** Closes the connection, logging {@code reason}. */
    void close(String reason);

    /** The peer address, for logs. */
    String remoteAddress();

    /** "tcp" or "websocket". */
    String transport();

    /** Bytes of events written to the connection and not yet taken by the client (the queue depth). */
    default long queuedBytes() {
        return 0;
    }
}
