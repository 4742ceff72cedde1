package io.tandem.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.tandem.common.net.AuthenticationDeadline;
import io.tandem.common.net.ConnectionLimiter;
import io.tandem.common.net.ConnectionLimits;
import io.tandem.protocol.codec.DecodeResult;
import io.tandem.protocol.codec.FrameToMessageDecoder;
import io.tandem.protocol.codec.JsonLineFrameDecoder;
import io.tandem.protocol.codec.MessageDecoder;
import io.tandem.protocol.codec.ProtocolLimits;
import io.tandem.server.core.ClientPort;
import io.tandem.server.core.ClientSession;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The CTI port: JSON lines over TCP. */
public final class CtiTcpServer implements AutoCloseable {

    /**
     * Flushes are consolidated (Netty's FlushConsolidationHandler): a burst of frames written from other threads leaves
     * in one write system call per event-loop turn, at most this many frames apart.
     */
    static final int FLUSH_AFTER = 256;

    private static final Logger LOG = LoggerFactory.getLogger(CtiTcpServer.class);

    private final Channel serverChannel;
    private final ConnectionLimiter limiter;

    private CtiTcpServer(Channel serverChannel, ConnectionLimiter limiter) {
        this.serverChannel = serverChannel;
        this.limiter = limiter;
    }

    /** The port's connection counts. */
    public ConnectionLimiter connections() {
        return limiter;
    }

    /** Binds {@code host:port} (0 picks a free port). */
    public static CtiTcpServer start(ClientPort core, String host, int port, ProtocolLimits limits, EventLoopGroup boss,
            EventLoopGroup workers) throws InterruptedException {
        return start(core, host, port, limits, ConnectionLimits.CTI, null, boss, workers);
    }

    /**
     * Binds {@code host:port} (0 picks a free port) with {@code connections}: beyond its counts a connection is
     * closed at once, and one that has not sent RequestRegisterClient by its deadline is closed; over TLS with {@code tls}
     * when it is not null.
     */
    public static CtiTcpServer start(ClientPort core, String host, int port, ProtocolLimits limits, ConnectionLimits connections,
            io.netty.handler.ssl.SslContext tls, EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        MessageDecoder decoder = new MessageDecoder(limits);
        ConnectionLimiter limiter = new ConnectionLimiter("CTI", connections);
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(io.netty.channel.ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(limits.maxQueuedBytes() / 4, limits.maxQueuedBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("flush", new io.netty.handler.flush.FlushConsolidationHandler(FLUSH_AFTER, true));
                        ch.pipeline().addLast("limit", limiter);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("deadline", new AuthenticationDeadline(connections.authenticationDeadline(), "send RequestRegisterClient"));
                        ch.pipeline().addLast("frame", new JsonLineFrameDecoder(limits));
                        ch.pipeline().addLast("decode", new FrameToMessageDecoder(decoder));
                        ch.pipeline().addLast("client", new ClientHandler(core, limits));
                    }
                })
                .bind(host, port).sync().channel();
        return new CtiTcpServer(channel, limiter);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    /** One TCP client: hands frames to the core. */
    private static final class ClientHandler extends SimpleChannelInboundHandler<DecodeResult> {
        private final ClientPort core;
        private final ProtocolLimits limits;
        private ClientSession session;
        private NettyClientChannel channel;
        private boolean violated;

        ClientHandler(ClientPort core, ProtocolLimits limits) {
            this.core = core;
            this.limits = limits;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = new NettyClientChannel(ctx.channel(), false, "frame", core.outbound());
            session = core.connected(channel);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DecodeResult frame) {
            if (!violated && !channel.answeredKeepAlive(frame)) {
                core.received(session, frame);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException || (cause instanceof DecoderException && cause.getCause() instanceof TooLongFrameException)) {
                if (!violated) {
                    violated = true;
                    core.protocolViolation(session, "message line longer than " + limits.maxFrameBytes() + " bytes");
                }
                return;
            }
            LOG.debug("client {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (session != null) {
                core.disconnected(session, violated ? "closed after a protocol violation" : channel.closedBecause("connection closed"));
            }
        }
    }
}
