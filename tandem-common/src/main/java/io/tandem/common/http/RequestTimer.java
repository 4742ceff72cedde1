package io.tandem.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of an HTTP connection: once the first byte of a request arrives, the whole request (headers and
 * body) must arrive within the request deadline; a connection with no request in progress is closed after the
 * keep-alive idle time (the first request of a new connection has the request deadline). A slow sender cannot
 * hold a connection or its buffered body for long.
 */
final class RequestTimer extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<RequestTimer> KEY = AttributeKey.valueOf("tandem.http-request-timer");

    private enum Phase { WAITING, READING, HANDLING }

    private final Duration requestDeadline;
    private final Duration keepAliveIdle;
    private Phase phase = Phase.WAITING;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext ctx;

    RequestTimer(Duration requestDeadline, Duration keepAliveIdle) {
        this.requestDeadline = requestDeadline;
        this.keepAliveIdle = keepAliveIdle;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        ctx.channel().attr(KEY).set(this);
        arm(requestDeadline);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (phase == Phase.WAITING && msg instanceof ByteBuf buf && buf.isReadable()) {
            phase = Phase.READING;
            arm(requestDeadline);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    /** A whole request arrived on {@code channel}: no deadline while it is handled. */
    static void received(Channel channel) {
        RequestTimer t = channel.attr(KEY).get();
        if (t != null && t.ctx != null) {
            t.phase = Phase.HANDLING;
            t.cancel();
        }
    }

    /** The answer on {@code channel} was written: the connection waits for the next request. */
    static void answered(Channel channel) {
        RequestTimer t = channel.attr(KEY).get();
        if (t != null && t.ctx != null && t.phase == Phase.HANDLING) {
            t.phase = Phase.WAITING;
            t.arm(t.keepAliveIdle);
        }
    }

    private void arm(Duration after) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            if (phase != Phase.HANDLING) {
                ctx.close();
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
