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

    NettyClientChannel(Channel channel, boolean webSocket) {
        this.channel = channel;
        this.webSocket = webSocket;
    }

    @Override
    public void send(byte[] json) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            close("slow consumer: more than " + channel.config().getWriteBufferHighWaterMark() + " bytes of events not read");
            return;
        }
        Object frame = webSocket ? new TextWebSocketFrame(Unpooled.wrappedBuffer(json)) : Unpooled.wrappedBuffer(json, LINE_END);
        channel.writeAndFlush(frame);
    }

    @Override
    public void close(String reason) {
        if (channel.isOpen()) {
            LOG.info("closing client connection {}: {}", remoteAddress(), reason);
            channel.flush();
            channel.close();
        }
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public String transport() {
        return webSocket ? "websocket" : "tcp";
    }
}
