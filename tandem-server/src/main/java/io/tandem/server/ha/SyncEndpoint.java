package io.tandem.server.ha;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;

/**
 * What both ends of the sync link share: decoding, heartbeats (sent when the link is idle, a silent peer
 * dropped after the timeout), and closing on any protocol violation with the reason recorded.
 */
abstract class SyncEndpoint extends SimpleChannelInboundHandler<String> {

    private final HaSettings settings;
    private final Clock clock;

    SyncEndpoint(HaSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Handles a message other than a heartbeat. */
    abstract void onMessage(ChannelHandlerContext ctx, SyncMessage message);

    /** The link broke or was refused because of {@code problem}. */
    abstract void onProblem(String problem);

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, String line) {
        SyncMessage message;
        try {
            message = SyncCodec.decode(line);
        } catch (SyncProtocolException e) {
            drop(ctx, e.getMessage());
            return;
        }
        if (!(message instanceof SyncMessage.Heartbeat)) {
            try {
                onMessage(ctx, message);
            } catch (SyncProtocolException e) {
                drop(ctx, e.getMessage());
            }
        }
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                drop(ctx, "no heartbeat from the peer for " + settings.heartbeatTimeout().toMillis() + " ms");
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                send(ctx, new SyncMessage.Heartbeat(clock.millis()));
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        drop(ctx, String.valueOf(cause.getMessage()));
    }

    /** Records {@code problem} and closes the link. */
    final void drop(ChannelHandlerContext ctx, String problem) {
        onProblem(problem);
        ctx.close();
    }

    static void send(ChannelHandlerContext ctx, SyncMessage message) {
        ctx.writeAndFlush(SyncCodec.encode(message));
    }

    HaSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }
}
