package io.tandem.switchlink.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.SwitchConnector;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import io.tandem.switchlink.SwitchLinkListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens switch links over TCP to a separately running embedded switch ({@code ./tandem switch}).
 * Each link is one TCP connection; a heartbeat detects a dead peer within {@code 3 x heartbeat}.
 */
public final class RemoteSwitchConnector implements SwitchConnector, AutoCloseable {

    /**
     * Flushes are consolidated (Netty's FlushConsolidationHandler): a burst of frames written from other threads leaves
     * in one write system call per event-loop turn, at most this many frames apart.
     */
    static final int FLUSH_AFTER = 256;

    private final String host;
    private final int port;
    private final Duration heartbeat;
    private final EventLoopGroup group = new NioEventLoopGroup(1);

    private final io.netty.handler.ssl.SslContext tls;

    /** A connector to {@code host:port} with the given heartbeat interval. */
    public RemoteSwitchConnector(String host, int port, Duration heartbeat) {
        this(host, port, heartbeat, null);
    }

    /**
     * A connector to {@code host:port} over TLS with {@code tls} (null: plain TCP); the switch's certificate must name
     * {@code host}.
     */
    public RemoteSwitchConnector(String host, int port, Duration heartbeat, io.netty.handler.ssl.SslContext tls) {
        this.host = host;
        this.port = port;
        this.heartbeat = heartbeat;
        this.tls = tls;
    }

    @Override
    public CompletableFuture<SwitchLink> open(LinkCredentials credentials, SwitchLinkListener listener) {
        CompletableFuture<SwitchLink> result = new CompletableFuture<>();
        RemoteSwitchLink.Handler handler = new RemoteSwitchLink.Handler(credentials, listener, result);
        long beat = heartbeat.toMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new io.netty.handler.flush.FlushConsolidationHandler(FLUSH_AFTER, true));
                        if (tls != null) {
                            io.netty.handler.ssl.SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                            javax.net.ssl.SSLParameters parameters = ssl.engine().getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS");
                            ssl.engine().setSSLParameters(parameters);
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline().addLast(new IdleStateHandler(3 * beat, beat, 0, TimeUnit.MILLISECONDS));
                        LinkCodec.install(ch.pipeline());
                        ch.pipeline().addLast(handler);
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new SwitchException(SwitchError.LINK_DOWN,
                        "cannot connect to switch at " + describe() + ": " + f.cause().getMessage()));
            }
        });
        Channel channel = connect.channel();
        result.whenComplete((link, error) -> {
            if (error != null) {
                channel.close();
            }
        });
        return result;
    }

    @Override
    public String describe() {
        return host + ":" + port;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
