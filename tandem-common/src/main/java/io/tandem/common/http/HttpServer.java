package io.tandem.common.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Netty HTTP server for a {@link Router}, with an optional {@link WebSocketEndpoint}. */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Channel serverChannel;

    private HttpServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /** Binds {@code host:port} (port 0 picks a free port) and serves {@code router} and {@code webSocket}. */
    public static HttpServer start(String host, int port, Router router, Optional<WebSocketEndpoint> webSocket,
            EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        int highWaterMark = webSocket.map(WebSocketEndpoint::maxQueuedBytes).orElse(64 * 1024);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(io.netty.channel.ChannelOption.SO_REUSEADDR, true)
                .childOption(io.netty.channel.ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new io.netty.channel.WriteBufferWaterMark(highWaterMark / 4, highWaterMark))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
                        webSocket.ifPresent(ws -> {
                            ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath(ws.path())
                                    .maxFramePayloadLength(ws.maxFrameBytes())
                                    .checkStartsWith(false)
                                    .build()));
                            ch.pipeline().addLast(new WebSocketFrameAggregator(ws.maxFrameBytes()));
                            ch.pipeline().addLast(ws.handlerFactory().get());
                        });
                        ch.pipeline().addLast(new RouteHandler(router));
                    }
                });
        Channel channel = bootstrap.bind(host, port).sync().channel();
        return new HttpServer(channel);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    private static final class RouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Router router;

        RouteHandler(Router router) {
            this.router = router;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            CompletableFuture<HttpReply> reply;
            try {
                reply = dispatch(request);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((answer, error) -> write(ctx, error == null ? answer : replyFor(error), keepAlive));
        }

        private CompletableFuture<HttpReply> dispatch(FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String method = request.method().name();
            Optional<Router.Match> match = router.match(method, uri.path());
            if (match.isEmpty()) {
                return CompletableFuture.completedFuture(HttpReply.error(404, "no such resource: " + uri.path()));
            }
            byte[] body = ByteBufUtil.getBytes(request.content());
            HttpExchange exchange = new HttpExchange(method, uri.path(), match.get().params(), uri.parameters(), body);
            return match.get().handler().apply(exchange);
        }

        private static HttpReply replyFor(Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof HttpProblem problem) {
                return HttpReply.error(problem.status(), problem.getMessage());
            }
            LOG.warn("HTTP request failed", cause);
            return HttpReply.error(500, "internal error: " + cause);
        }

        private static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            HttpUtil.setContentLength(response, reply.body().length);
            HttpUtil.setKeepAlive(response, keepAlive);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
