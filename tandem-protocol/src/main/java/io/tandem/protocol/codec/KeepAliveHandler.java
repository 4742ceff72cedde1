package io.tandem.protocol.codec;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-peer detection on one connection, the role of Genesys ADDP: when nothing has been read for {@code interval}, a
 * {@code Ping} is sent; when still nothing has been read {@code timeout} after it, the connection is closed (the peer's
 * host vanished or its process froze, without a FIN or an RST, which TCP alone would notice only after minutes, if at
 * all). Any message read counts as a sign of life, so a busy connection carries no pings. While reading is paused on
 * purpose (auto-read off: this side is behind), the peer is not judged. Runs on the channel's event loop.
 */
public final class KeepAliveHandler extends ChannelDuplexHandler {

    /** Why the connection was closed, when this handler closed it. */
    public static final AttributeKey<String> CLOSED_BECAUSE = AttributeKey.valueOf("tandem.keepalive.closedBecause");

    private static final Logger LOG = LoggerFactory.getLogger(KeepAliveHandler.class);
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long intervalNanos;
    private final long timeoutNanos;
    private final Supplier<Object> ping;
    private long lastRead;
    private long pingSentAt = -1;
    private ScheduledFuture<?> tick;

    /**
     * A handler that polls after {@code interval} of silence and gives up {@code timeout} after the poll.
     *
     * @param ping makes the frame that carries one {@code Ping} message on this connection (a line, a WebSocket frame)
     */
    public KeepAliveHandler(Duration interval, Duration timeout, Supplier<Object> ping) {
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.ping = ping;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastRead = System.nanoTime();
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastRead = System.nanoTime();
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (tick == null) {
            long period = Math.max(MIN_TICK_NANOS, Math.min(intervalNanos, timeoutNanos) / 5);
            tick = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        pingSentAt = -1;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    private void check(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            lastRead = now;
            pingSentAt = -1;
            return;
        }
        if (pingSentAt >= 0) {
            if (now - pingSentAt >= timeoutNanos) {
                String reason = "no answer to a keep-alive poll within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
                LOG.warn("closing connection {}: {}", ctx.channel().remoteAddress(), reason);
                ctx.channel().attr(CLOSED_BECAUSE).set(reason);
                stop();
                ctx.close();
            }
        } else if (now - lastRead >= intervalNanos) {
            pingSentAt = now;
            ctx.writeAndFlush(ping.get());
        }
    }
}
