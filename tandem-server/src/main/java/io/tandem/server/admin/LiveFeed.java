package io.tandem.server.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tandem.common.http.WebSocketEndpoint;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The console's live feed, a WebSocket at {@code /api/admin/live}: whenever something the console shows
 * changed (an event went to a client, a client came or went, the embedded switch changed), every open
 * console gets {@code {"changed":N}} at most every {@link #PERIOD_MS} ms, and fetches what it shows again.
 * Only logged-in users may open it.
 */
public final class LiveFeed implements AutoCloseable {

    /** The WebSocket path. */
    public static final String PATH = "/api/admin/live";
    /** The shortest time between two notifications. */
    public static final long PERIOD_MS = 250;

    private final ChannelGroup consoles = new DefaultChannelGroup("consoles", GlobalEventExecutor.INSTANCE);
    private final List<LongSupplier> versions;
    private final ScheduledFuture<?> ticker;
    private long lastSum = Long.MIN_VALUE;
    private volatile long notifications;

    /** A feed watching {@code versions} (each changes when its part of the state does), ticking on {@code scheduler}. */
    public LiveFeed(List<LongSupplier> versions, ScheduledExecutorService scheduler) {
        this.versions = List.copyOf(versions);
        this.ticker = scheduler.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long sum = 0;
        for (LongSupplier v : versions) {
            sum += v.getAsLong();
        }
        if (sum != lastSum) {
            lastSum = sum;
            notifications++;
            if (!consoles.isEmpty()) {
                consoles.writeAndFlush(new TextWebSocketFrame("{\"changed\":" + notifications + "}"));
            }
        }
    }

    /** The endpoint to serve, admitting only logged-in users. */
    public WebSocketEndpoint endpoint(ConsoleAccess access) {
        return new WebSocketEndpoint(PATH, 4096, 1 << 20, Handler::new, access.admission());
    }

    /** How many consoles are open. */
    public int openConsoles() {
        return consoles.size();
    }

    @Override
    public void close() {
        ticker.cancel(false);
        consoles.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                consoles.add(ctx.channel());
                ctx.writeAndFlush(new TextWebSocketFrame("{\"changed\":" + notifications + "}"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            // the console only listens; whatever it sends is ignored
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
