package io.tandem.common.http;

import io.netty.channel.ChannelHandler;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A WebSocket endpoint served beside the routes.
 *
 * @param path the path clients connect to, for example {@code /cti}
 * @param maxFrameBytes the largest frame accepted
 * @param maxQueuedBytes outbound bytes a connection may have waiting before it stops being writable
 * @param handlerFactory makes the handler for each new connection; it receives WebSocket frames
 * @param admission checks the upgrade request: a reply refuses it (for example 401), empty admits it
 */
public record WebSocketEndpoint(String path, int maxFrameBytes, int maxQueuedBytes, Supplier<ChannelHandler> handlerFactory,
        Function<HttpExchange, Optional<HttpReply>> admission) {

    /** An endpoint that admits every upgrade. */
    public WebSocketEndpoint(String path, int maxFrameBytes, int maxQueuedBytes, Supplier<ChannelHandler> handlerFactory) {
        this(path, maxFrameBytes, maxQueuedBytes, handlerFactory, exchange -> Optional.empty());
    }
}
