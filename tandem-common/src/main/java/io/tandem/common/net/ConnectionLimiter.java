package io.tandem.common.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the connections of one port, globally and per remote address, and closes at once (before reading a
 * byte) a connection beyond either limit. One instance per port, first in every child pipeline. Refusals are
 * counted ({@link #refused()}) and logged at most once a minute, so that a flood does not flood the log.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);

    private final String port;
    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong();

    /** A limiter for the port called {@code port} in log lines. */
    public ConnectionLimiter(String port, ConnectionLimits limits) {
        this.port = port;
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx);
        int total = open.incrementAndGet();
        int fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        ctx.channel().closeFuture().addListener(f -> release(address));
        if (total > limits.maxConnections() || fromAddress > limits.maxPerAddress()) {
            refused.incrementAndGet();
            logRefusal(address, total > limits.maxConnections() ? "the port's limit of " + limits.maxConnections()
                    : "the limit of " + limits.maxPerAddress() + " per address");
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private void logRefusal(InetAddress address, String limit) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last > 60_000_000_000L && lastLogged.compareAndSet(last, now)) {
            LOG.warn("{} port: refused a connection from {} beyond {} ({} refused so far; logged at most once a minute)", port,
                    address.getHostAddress(), limit, refused.get());
        }
    }

    private static InetAddress addressOf(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : InetAddress.getLoopbackAddress();
    }

    /** Connections open now (refused ones included until they are closed). */
    public int open() {
        return open.get();
    }

    /** Connections refused since the start. */
    public long refused() {
        return refused.get();
    }

    /** The limits. */
    public ConnectionLimits limits() {
        return limits;
    }
}
