package io.tandem.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** JSON lines over TCP, on Netty. */
final class TcpTransport implements ClientTransport {

    /** Events are never larger than this. */
    private static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final Channel channel;

    private static final String PING = new io.tandem.protocol.codec.MessageEncoder()
            .encodeToString(io.tandem.protocol.Message.builder(io.tandem.protocol.MessageType.PING).build()) + "\n";

    private TcpTransport(EventLoopGroup group, boolean ownGroup, Channel channel) {
        this.group = group;
        this.ownGroup = ownGroup;
        this.channel = channel;
    }

    static TcpTransport connect(String host, int port, Sink sink, EventLoopGroup shared, io.netty.handler.ssl.SslContext tls)
            throws InterruptedException {
        return connect(host, port, sink, shared, tls, null, null);
    }

    /** Connects; with a {@code keepAliveInterval}, polls the server after that long without traffic (see ClientOptions). */
    static TcpTransport connect(String host, int port, Sink sink, EventLoopGroup shared, io.netty.handler.ssl.SslContext tls,
            java.time.Duration keepAliveInterval, java.time.Duration keepAliveTimeout) throws InterruptedException {
        boolean own = shared == null;
        EventLoopGroup group = own ? new NioEventLoopGroup(1) : shared;
        try {
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) {
                                io.netty.handler.ssl.SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                                javax.net.ssl.SSLParameters parameters = ssl.engine().getSSLParameters();
                                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                                ssl.engine().setSSLParameters(parameters);
                                ch.pipeline().addLast(ssl);
                            }
                            if (keepAliveInterval != null) {
                                ch.pipeline().addLast(new io.tandem.protocol.codec.KeepAliveHandler(keepAliveInterval, keepAliveTimeout,
                                        () -> Unpooled.copiedBuffer(PING, StandardCharsets.UTF_8)));
                            }
                            ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_EVENT_BYTES, true, true));
                            ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                private String failure;

                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                                    sink.frame(ByteBufUtil.getBytes(frame));
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    String dead = ctx.channel().attr(io.tandem.protocol.codec.KeepAliveHandler.CLOSED_BECAUSE).get();
                                    sink.closed(failure != null ? failure : dead != null ? dead : "connection closed");
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    Throwable root = cause.getCause() != null ? cause.getCause() : cause;
                                    if (root instanceof javax.net.ssl.SSLException) {
                                        failure = "TLS failed: " + root.getMessage();
                                    }
                                    ctx.close();
                                }
                            });
                        }
                    })
                    .connect(host, port).sync().channel();
            return new TcpTransport(group, own, channel);
        } catch (InterruptedException | RuntimeException e) {
            if (own) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    @Override
    public void send(String json) {
        channel.writeAndFlush(Unpooled.copiedBuffer(json + "\n", StandardCharsets.UTF_8));
    }

    /** Sends raw bytes exactly as given (tests of malformed input). */
    void sendBytes(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (ownGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
