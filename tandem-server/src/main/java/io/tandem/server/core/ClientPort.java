package io.tandem.server.core;

import io.tandem.protocol.codec.DecodeResult;

/**
 * What the transports (TCP, WebSocket) tell the core about a client connection. Implemented by the core, which
 * hands each call over to its own thread; any thread may call.
 */
public interface ClientPort {

    /** A client connected through {@code channel}; returns its session. */
    ClientSession connected(ClientChannel channel);

    /** A frame arrived from {@code session}. */
    void received(ClientSession session, DecodeResult frame);

    /** {@code session} broke the protocol ({@code problem}); it is answered and disconnected. */
    void protocolViolation(ClientSession session, String problem);

    /** {@code session}'s connection closed. */
    void disconnected(ClientSession session, String reason);

    /** Where the connections gather the frames the core sends them (core thread). */
    OutboundBatches outbound();
}
