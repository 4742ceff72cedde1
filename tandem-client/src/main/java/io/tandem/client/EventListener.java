package io.tandem.client;

import io.tandem.protocol.Message;

/** Receives every event from the server, in order, on the client's I/O thread. Must not block. */
@FunctionalInterface
public interface EventListener {

    /** An event arrived. */
    void onEvent(Message event);

    /** The connection closed. */
    default void onDisconnected(String reason) {
    }
}
