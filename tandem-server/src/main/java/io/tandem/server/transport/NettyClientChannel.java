package io.tandem.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tandem.server.core.ClientChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection on Netty. A client that stops reading is disconnected once more than the channel's
 * high write-buffer water mark of events waits for it (a slow consumer must not exhaust server memory).
 */
final class NettyClientChannel implements ClientChannel {

    private static final Logger LOG = LoggerFactory.getLogger(NettyClientChannel.class);
    private static final byte[] LINE_END = {'\n'};

    private final Channel channel;
    private final boolean webSocket;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    NettyClientChannel(Channel channel, boolean webSocket) {
        this.channel = channel;
        this.webSocket = webSocket;
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
        Object frame = webSocket ? new TextWebSocketFrame(Unpooled.wrappedBuffer(json)) : Unpooled.wrappedBuffer(json, LINE_END);
        channel.writeAndFlush(frame);
    }

    @Override
    public void close(String reason) {
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
