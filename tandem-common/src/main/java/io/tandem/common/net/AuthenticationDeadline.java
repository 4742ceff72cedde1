package io.tandem.common.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that has not authenticated within a deadline of its opening. The protocol handler calls
 * {@link #authenticated} when the peer has shown who it is; until then the deadline runs. One per connection.
 */
public final class AuthenticationDeadline extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationDeadline.class);
    private static final AttributeKey<AuthenticationDeadline> KEY = AttributeKey.valueOf("tandem.authentication-deadline");

    private final Duration deadline;
    private final String what;
    private final int maxLineBytes;
    private ScheduledFuture<?> timer;
    private volatile boolean authenticated;
    private long lineBytes;

    /** A deadline of {@code deadline} to do {@code what} (for the log line). */
    public AuthenticationDeadline(Duration deadline, String what) {
        this(deadline, what, Integer.MAX_VALUE);
    }

    /**
     * As {@link #AuthenticationDeadline(Duration, String)}, and until the peer authenticates a line (up to a
     * newline) may not be longer than {@code maxLineBytes}: a peer that has not shown who it is cannot make the
     * connection buffer a long frame. Placed before the frame decoder.
     */
    public AuthenticationDeadline(Duration deadline, String what, int maxLineBytes) {
        this.deadline = deadline;
        this.what = what;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!authenticated && maxLineBytes != Integer.MAX_VALUE && msg instanceof io.netty.buffer.ByteBuf buf) {
            for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
                lineBytes = buf.getByte(i) == '\n' ? 0 : lineBytes + 1;
                if (lineBytes > maxLineBytes) {
                    LOG.debug("closing {}: a line longer than {} bytes before authenticating", ctx.channel().remoteAddress(), maxLineBytes);
                    io.netty.util.ReferenceCountUtil.release(msg);
                    ctx.close();
                    return;
                }
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx); // added to a connection that is already open (after a WebSocket handshake)
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer != null) {
            return;
        }
        ctx.channel().attr(KEY).set(this);
        timer = ctx.executor().schedule(() -> {
            if (!authenticated && ctx.channel().isActive()) {
                LOG.debug("closing {}: did not {} within {} ms", ctx.channel().remoteAddress(), what, deadline.toMillis());
                ctx.close();
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        super.channelInactive(ctx);
    }

    /** The peer on {@code channel} authenticated: its deadline no longer applies. */
    public static void authenticated(io.netty.channel.Channel channel) {
        AuthenticationDeadline d = channel.attr(KEY).get();
        if (d != null) {
            d.authenticated = true;
            if (d.timer != null) {
                d.timer.cancel(false);
            }
        }
    }
}
