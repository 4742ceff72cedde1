package io.tandem.ucm.link;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLinkListener;
import io.tandem.switchlink.wire.LinkCodec;
import io.tandem.switchlink.wire.LinkFrame;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves switch links over TCP: one connection per link, JSON-line {@link LinkFrame}s. */
public final class LinkServer implements AutoCloseable {

    /**
     * Flushes are consolidated (Netty's FlushConsolidationHandler): a burst of frames written from other threads leaves
     * in one write system call per event-loop turn, at most this many frames apart.
     */
    static final int FLUSH_AFTER = 256;

    private static final Logger LOG = LoggerFactory.getLogger(LinkServer.class);

    private final Channel serverChannel;

    private LinkServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /** Binds {@code host:port} (0 picks a free port). */
    public static LinkServer start(LinkRegistry registry, String host, int port, Duration heartbeat,
            EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        return start(registry, host, port, heartbeat, io.tandem.common.net.ConnectionLimits.LINK, java.time.Clock.systemUTC(), null, boss,
                workers);
    }

    /** The longest line a link connection may send before it has opened the link. */
    public static final int MAX_LINE_BEFORE_OPEN = 64 * 1024;

    /**
     * As {@link #start(LinkRegistry, String, int, Duration, EventLoopGroup, EventLoopGroup)} with {@code limits}: beyond its
     * counts a connection is closed at once; one that has not opened the link by the deadline, or sends a line longer
     * than {@link #MAX_LINE_BEFORE_OPEN} first, is closed; an address whose opens keep failing must wait (timed by
     * {@code clock}); over TLS with {@code tls} when it is not null.
     */
    public static LinkServer start(LinkRegistry registry, String host, int port, Duration heartbeat,
            io.tandem.common.net.ConnectionLimits limits, java.time.Clock clock, io.netty.handler.ssl.SslContext tls, EventLoopGroup boss,
            EventLoopGroup workers) throws InterruptedException {
        long beat = heartbeat.toMillis();
        io.tandem.common.net.ConnectionLimiter limiter = new io.tandem.common.net.ConnectionLimiter("link", limits);
        io.tandem.common.net.FailedAttempts failures = new io.tandem.common.net.FailedAttempts(clock);
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(io.netty.channel.ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new io.netty.handler.flush.FlushConsolidationHandler(FLUSH_AFTER, true));
                        ch.pipeline().addLast(limiter);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new io.tandem.common.net.AuthenticationDeadline(limits.authenticationDeadline(),
                                "open the link", MAX_LINE_BEFORE_OPEN));
                        ch.pipeline().addLast(new IdleStateHandler(3 * beat, beat, 0, TimeUnit.MILLISECONDS));
                        LinkCodec.install(ch.pipeline());
                        ch.pipeline().addLast(new Connection(registry, failures));
                    }
                })
                .bind(host, port).sync().channel();
        return new LinkServer(channel);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    /** One link connection. */
    private static final class Connection extends SimpleChannelInboundHandler<LinkFrame> {
        private final LinkRegistry registry;
        private volatile CompletableFuture<LinkSession> session;
        private java.util.List<LinkFrame.Event> early = new java.util.ArrayList<>();
        private final io.tandem.common.net.FailedAttempts failures;

        Connection(LinkRegistry registry, io.tandem.common.net.FailedAttempts failures) {
            this.registry = registry;
            this.failures = failures;
        }

        private static String host(Channel channel) {
            return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, LinkFrame frame) {
            if (frame instanceof LinkFrame.Ping) {
                send(ctx.channel(), new LinkFrame.Pong());
            } else if (frame instanceof LinkFrame.Pong) {
                return;
            } else if (frame instanceof LinkFrame.Open open) {
                open(ctx, open);
            } else if (frame instanceof LinkFrame.Request request) {
                perform(ctx, request);
            } else {
                LOG.warn("link {}: unexpected frame {}, closing", ctx.channel().remoteAddress(), frame);
                ctx.close();
            }
        }

        private void open(ChannelHandlerContext ctx, LinkFrame.Open open) {
            if (session != null) {
                send(ctx.channel(), new LinkFrame.Refused(SwitchError.INVALID_ARGUMENT, "link already open"));
                return;
            }
            Channel channel = ctx.channel();
            long wait = failures.waitMillis(host(channel));
            if (wait > 0) {
                session = CompletableFuture.failedFuture(new SwitchException(SwitchError.AUTHENTICATION_FAILED,
                        "too many failed opens from " + host(channel) + "; try again in " + (wait + 999) / 1000 + " s"));
                channel.writeAndFlush(new LinkFrame.Refused(SwitchError.AUTHENTICATION_FAILED, "too many failed opens from "
                        + host(channel) + "; try again in " + (wait + 999) / 1000 + " s")).addListener(f -> channel.close());
                return;
            }
            session = registry.open(open.applicationUser(), open.password(), new SwitchLinkListener() {
                @Override
                public void onEvent(SwitchEvent event) {
                    sendEvent(channel, new LinkFrame.Event(event));
                }

                @Override
                public void onClosed(String reason) {
                    channel.eventLoop().execute(channel::close);
                }
            });
            session.whenComplete((s, error) -> {
                if (error == null) {
                    failures.succeeded(host(channel));
                    io.tandem.common.net.AuthenticationDeadline.authenticated(channel);
                    opened(channel, new LinkFrame.Opened(s.linkId(), s.devices()));
                } else {
                    SwitchException failure = SwitchException.unwrap(error);
                    if (failure.error() == SwitchError.AUTHENTICATION_FAILED) {
                        failures.failed(host(channel));
                    }
                    LOG.warn("link {}: open refused: {}", channel.remoteAddress(), failure.getMessage());
                    channel.eventLoop().execute(() -> channel.writeAndFlush(new LinkFrame.Refused(failure.error(), failure.getMessage()))
                            .addListener(f -> channel.close()));
                }
            });
        }

        /** Events that happen before Opened is sent wait, so the client gets the snapshot first. */
        private void sendEvent(Channel channel, LinkFrame.Event event) {
            synchronized (this) {
                if (early != null) {
                    early.add(event);
                    return;
                }
                send(channel, event);
            }
        }

        private void opened(Channel channel, LinkFrame.Opened opened) {
            synchronized (this) {
                send(channel, opened);
                early.forEach(e -> send(channel, e));
                early = null;
            }
        }

        /**
         * Writes through the channel's task queue, never inline: frames leave in the order this method is
         * called from any thread, so a request's answer never overtakes the events it caused.
         */
        private static void send(Channel channel, LinkFrame frame) {
            channel.eventLoop().execute(() -> channel.writeAndFlush(frame));
        }

        private void perform(ChannelHandlerContext ctx, LinkFrame.Request request) {
            Channel channel = ctx.channel();
            if (session == null || !session.isDone() || session.isCompletedExceptionally()) {
                send(channel, new LinkFrame.Failed(request.id(), SwitchError.LINK_DOWN, "link is not open"));
                return;
            }
            LinkSession s = session.join();
            if (request instanceof LinkFrame.SetActiveRemoteDestinations many) {
                s.setActiveRemoteDestinations(many.changes()).whenComplete((outcomes, error) -> send(channel, error == null
                        ? new LinkFrame.Outcomes(request.id(), outcomes)
                        : failed(request.id(), SwitchException.unwrap(error))));
                return;
            }
            CompletableFuture<Long> result;
            if (request instanceof LinkFrame.AddRemoteDestination add) {
                result = s.addRemoteDestination(add.device(), add.name(), add.number(), add.active()).thenApply(v -> null);
            } else if (request instanceof LinkFrame.SetActiveRemoteDestination set) {
                result = s.setActiveRemoteDestination(set.device(), set.number(), set.active()).thenApply(v -> null);
            } else if (request instanceof LinkFrame.RemoveRemoteDestination remove) {
                result = s.removeRemoteDestination(remove.device(), remove.number()).thenApply(v -> null);
            } else if (request instanceof LinkFrame.SetDoNotDisturb dnd) {
                result = s.setDoNotDisturb(dnd.device(), dnd.on()).thenApply(v -> null);
            } else if (request instanceof LinkFrame.SetForwardAll forward) {
                result = s.setForwardAll(forward.dn(), forward.destination()).thenApply(v -> null);
            } else if (request instanceof LinkFrame.Monitor mon) {
                result = s.monitor(mon.request()).thenApply(v -> null);
            } else if (request instanceof LinkFrame.Record rec) {
                result = s.record(rec.request()).thenApply(v -> null);
            } else if (request instanceof LinkFrame.RouteCallback rc) {
                result = (rc.register() ? s.registerRouteCallback(rc.dn()) : s.unregisterRouteCallback(rc.dn())).thenApply(v -> null);
            } else if (request instanceof LinkFrame.ClaimPrimary) {
                result = s.claimPrimary().thenApply(v -> null);
            } else if (request instanceof LinkFrame.ReleasePrimary) {
                result = s.releasePrimary().thenApply(v -> null);
            } else {
                result = s.call(((LinkFrame.Call) request).request());
            }
            result.whenComplete((value, error) -> send(channel, error == null
                    ? new LinkFrame.Done(request.id(), value)
                    : failed(request.id(), SwitchException.unwrap(error))));
        }

        private static LinkFrame.Failed failed(long id, SwitchException e) {
            return new LinkFrame.Failed(id, e.error(), e.getMessage());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.READER_IDLE) {
                    LOG.warn("link {}: no heartbeat, closing", ctx.channel().remoteAddress());
                    ctx.close();
                } else if (idle.state() == IdleState.WRITER_IDLE) {
                    send(ctx.channel(), new LinkFrame.Ping());
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("link {}: {}, closing", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<LinkSession> s = session;
            if (s != null) {
                s.thenAccept(open -> registry.onSwitchThread(() -> registry.close(open, "connection closed")));
            }
        }
    }
}
