package io.tandem.common.http;

import io.netty.channel.ChannelHandler;

/**
 * A WebSocket endpoint served beside the routes.
 *
 * @param path the path clients connect to, for example {@code /cti}
 * @param maxFrameBytes the largest frame accepted
 * @param maxQueuedBytes outbound bytes a connection may have waiting before it stops being writable
 * @param handlerFactory makes the handler for each new connection; it receives WebSocket frames
 */
public record WebSocketEndpoint(String path, int maxFrameBytes, int maxQueuedBytes,
        java.util.function.Supplier<ChannelHandler> handlerFactory) {
}
