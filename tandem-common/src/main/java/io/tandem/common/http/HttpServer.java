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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Netty HTTP server for a {@link Router}, with {@link WebSocketEndpoint}s beside it. */
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
        return start(host, port, router, webSocket.map(List::of).orElse(List.of()), boss, workers);
    }

    /**
     * Binds {@code host:port} (port 0 picks a free port) and serves {@code router} and the WebSocket
     * {@code endpoints}: an upgrade request on an endpoint's path gets that endpoint's pipeline once its
     * admission lets it in; every other request goes to the routes.
     */
    public static HttpServer start(String host, int port, Router router, List<WebSocketEndpoint> endpoints,
            EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        int highWaterMark = endpoints.stream().mapToInt(WebSocketEndpoint::maxQueuedBytes).max().orElse(64 * 1024);
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
                        if (!endpoints.isEmpty()) {
                            ch.pipeline().addLast(new UpgradeRouter(endpoints));
                        }
                        ch.pipeline().addLast(new RouteHandler(router));
                    }
                });
        Channel channel = bootstrap.bind(host, port).sync().channel();
        return new HttpServer(channel);
    }

    /** Headers of {@code request}, names in lower case, first value of each. */
    static Map<String, String> headersOf(FullHttpRequest request) {
        Map<String, String> headers = new java.util.HashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        return headers;
    }

    /**
     * Sends a WebSocket upgrade to its endpoint: installs the endpoint's protocol handler, aggregator and
     * handler in place of itself and of the routes, then passes the request on.
     */
    private static final class UpgradeRouter extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final List<WebSocketEndpoint> endpoints;

        UpgradeRouter(List<WebSocketEndpoint> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request && "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
                QueryStringDecoder uri = new QueryStringDecoder(request.uri());
                for (WebSocketEndpoint ws : endpoints) {
                    if (ws.path().equals(uri.path())) {
                        HttpExchange exchange = new HttpExchange(request.method().name(), uri.path(), Map.of(), uri.parameters(),
                                new byte[0], headersOf(request));
                        Optional<HttpReply> refused = ws.admission().apply(exchange);
                        if (refused.isPresent()) {
                            request.release();
                            RouteHandler.write(ctx, refused.get(), false);
                            return;
                        }
                        ctx.pipeline().addAfter(ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder().websocketPath(ws.path())
                                        .maxFramePayloadLength(ws.maxFrameBytes()).checkStartsWith(false).build()));
                        ctx.pipeline().addAfter("ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(ws.maxFrameBytes()));
                        ctx.pipeline().addAfter("ws-aggregator", "ws-handler", ws.handlerFactory().get());
                        ctx.pipeline().remove(RouteHandler.class);
                        ctx.fireChannelRead(msg);
                        ctx.pipeline().remove(this);
                        return;
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
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
            HttpExchange exchange = new HttpExchange(method, uri.path(), match.get().params(), uri.parameters(), body, headersOf(request));
            Router.Handler handler = match.get().handler();
            return router.refusal(exchange).thenCompose(refused -> refused.isPresent()
                    ? CompletableFuture.completedFuture(refused.get()) : handler.apply(exchange));
        }

        private static HttpReply replyFor(Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof HttpProblem problem) {
                return HttpReply.error(problem.status(), problem.getMessage());
            }
            LOG.warn("HTTP request failed", cause);
            return HttpReply.error(500, "internal error: " + cause);
        }

        static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            reply.headers().forEach((name, value) -> response.headers().add(name, value));
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
