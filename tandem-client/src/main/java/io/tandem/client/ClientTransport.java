package io.tandem.client;

/** How the client reaches the server. */
interface ClientTransport extends AutoCloseable {

    /** Sends one JSON message (no line end). */
    void send(String json);

    /** Closes the connection. */
    @Override
    void close();

    /** Receives decoded frames and the close notice. */
    interface Sink {
        /** A frame's UTF-8 JSON bytes arrived. */
        void frame(byte[] json);

        /** The connection closed. */
        void closed(String reason);
    }
}
