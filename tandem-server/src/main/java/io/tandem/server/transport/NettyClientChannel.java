package io.tandem.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tandem.server.core.ClientChannel;
import io.tandem.server.core.OutboundBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection on Netty. A client that stops reading is disconnected once more than the channel's
 * high write-buffer water mark of events waits for it (a slow consumer must not exhaust server memory). The core's
 * frames are gathered and handed to the I/O thread in one task per burst ({@link OutboundBatches}); {@link #send} and
 * {@link #close} are called on the core thread.
 */
final class NettyClientChannel implements ClientChannel, OutboundBatches.Connection {

    private static final Logger LOG = LoggerFactory.getLogger(NettyClientChannel.class);
    private static final byte[] LINE_END = {'\n'};

    private static final byte[] PING = new io.tandem.protocol.codec.MessageEncoder()
            .encode(io.tandem.protocol.Message.builder(io.tandem.protocol.MessageType.PING).build());
    private static final byte[] PONG = new io.tandem.protocol.codec.MessageEncoder()
            .encode(io.tandem.protocol.Message.builder(io.tandem.protocol.MessageType.PONG).build());

    private final Channel channel;
    private final boolean webSocket;
    private final String firstMessageHandler;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private final OutboundBatches batches;
    private java.util.List<Object> gathered = new java.util.ArrayList<>();
    private boolean listed;

    /**
     * A client on {@code channel}; {@code firstMessageHandler} names the pipeline handler that takes the connection's
     * messages first (keep-alive goes just before it, after TLS).
     */
    NettyClientChannel(Channel channel, boolean webSocket, String firstMessageHandler, OutboundBatches batches) {
        this.channel = channel;
        this.webSocket = webSocket;
        this.firstMessageHandler = firstMessageHandler;
        this.batches = batches;
    }

    private Object frame(byte[] json) {
        return webSocket ? new TextWebSocketFrame(Unpooled.wrappedBuffer(json)) : Unpooled.wrappedBuffer(json, LINE_END);
    }

    /**
     * Answers a keep-alive message at once, on the I/O thread (a busy core must not make a live client look dead):
     * Ping gets Pong, Pong is taken. Returns whether {@code frame} was one.
     */
    boolean answeredKeepAlive(io.tandem.protocol.codec.DecodeResult frame) {
        if (frame instanceof io.tandem.protocol.codec.DecodeResult.Decoded decoded) {
            io.tandem.protocol.MessageType type = decoded.message().type();
            if (type == io.tandem.protocol.MessageType.PING) {
                channel.writeAndFlush(frame(PONG));
                return true;
            }
            return type == io.tandem.protocol.MessageType.PONG;
        }
        return false;
    }

    @Override
    public void keepAlive(java.time.Duration interval, java.time.Duration timeout) {
        channel.eventLoop().execute(() -> {
            if (channel.isActive() && channel.pipeline().get("keepalive") == null) {
                channel.pipeline().addBefore(firstMessageHandler, "keepalive",
                        new io.tandem.protocol.codec.KeepAliveHandler(interval, timeout, () -> frame(PING)));
            }
        });
    }

    /** Why the connection closed when keep-alive closed it, else {@code otherwise}. */
    String closedBecause(String otherwise) {
        String reason = channel.attr(io.tandem.protocol.codec.KeepAliveHandler.CLOSED_BECAUSE).get();
        return reason != null ? reason : otherwise;
    }

    @Override
    public void send(byte[] json) {
        if (!channel.isActive() || closing.get()) {
            return;
        }
        if (!channel.isWritable()) {
            if (closing.compareAndSet(false, true)) {
                LOG.warn("closing client connection {}: slow consumer: more than {} bytes of events not read",
                        remoteAddress(), channel.config().getWriteBufferHighWaterMark());
                channel.close();
            }
            return;
        }
        gathered.add(frame(json));
        if (!listed) {
            listed = true;
            batches.started(this);
        }
        if (gathered.size() >= OutboundBatches.MAX_FRAMES) {
            writeGathered();
        }
    }

    @Override
    public void flushGathered() {
        listed = false;
        writeGathered();
    }

    /** One task on the I/O thread writes the gathered frames in order and flushes once. */
    private void writeGathered() {
        if (gathered.isEmpty()) {
            return;
        }
        java.util.List<Object> frames = gathered;
        gathered = new java.util.ArrayList<>();
        channel.eventLoop().execute(() -> {
            frames.forEach(channel::write);
            channel.flush();
        });
    }

    @Override
    public void close(String reason) {
        writeGathered(); // what was sent before the close leaves before it
        if (channel.isOpen() && closing.compareAndSet(false, true)) {
            LOG.info("closing client connection {}: {}", remoteAddress(), reason);
            channel.flush();
            channel.close();
        }
    }

    @Override
    public void pauseReading() {
        channel.config().setAutoRead(false);
    }

    @Override
    public void resumeReading() {
        channel.config().setAutoRead(true);
    }

    @Override
    public void authenticated() {
        io.tandem.common.net.AuthenticationDeadline.authenticated(channel);
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public long queuedBytes() {
        io.netty.channel.ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public String transport() {
        return webSocket ? "websocket" : "tcp";
    }
}
