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
import io.tandem.common.net.ConnectionLimiter;
import io.tandem.common.net.ConnectionLimits;
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
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;

    /** Headers on every answer: no framing, no sniffing, only this origin's scripts, no referrer. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "Referrer-Policy", "no-referrer");

    /**
     * How the server protects itself.
     *
     * @param limits connections at once (globally and per address); the deadline is how long a request may take to
     *     arrive, from its first byte to its last
     * @param keepAliveIdle an open connection without a request in progress is closed after this
     * @param bodyBudgetBytes request body bytes held at once over all connections; a request that would exceed it
     *     is answered 503 and its connection closed
     * @param allowedOrigins origins besides the server's own from which browsers may send changes and open
     *     WebSockets (for example {@code https://desk.example.com})
     * @param tls TLS on the port, or null for plain HTTP
     */
    public record Options(ConnectionLimits limits, java.time.Duration keepAliveIdle, long bodyBudgetBytes, java.util.Set<String> allowedOrigins,
            io.netty.handler.ssl.SslContext tls) {

        /** The defaults: {@link ConnectionLimits#HTTP}, 60 s keep-alive, 64 MiB of bodies, no other origin, no TLS. */
        public static final Options DEFAULT = new Options(ConnectionLimits.HTTP, java.time.Duration.ofSeconds(60), 64L << 20,
                java.util.Set.of(), null);

        /** A copy with other limits. */
        public Options withLimits(ConnectionLimits limits) {
            return new Options(limits, keepAliveIdle, bodyBudgetBytes, allowedOrigins, tls);
        }

        /** A copy with other allowed origins. */
        public Options withAllowedOrigins(java.util.Set<String> origins) {
            return new Options(limits, keepAliveIdle, bodyBudgetBytes, java.util.Set.copyOf(origins), tls);
        }

        /** A copy with TLS (null: none). */
        public Options withTls(io.netty.handler.ssl.SslContext tls) {
            return new Options(limits, keepAliveIdle, bodyBudgetBytes, allowedOrigins, tls);
        }

        /** A copy with another body budget. */
        public Options withBodyBudget(long bytes) {
            return new Options(limits, keepAliveIdle, bytes, allowedOrigins, tls);
        }
    }

    private final Channel serverChannel;
    private final ConnectionLimiter limiter;

    private final java.util.concurrent.atomic.AtomicLong bodyBytes;

    private HttpServer(Channel serverChannel, ConnectionLimiter limiter, java.util.concurrent.atomic.AtomicLong bodyBytes) {
        this.serverChannel = serverChannel;
        this.limiter = limiter;
        this.bodyBytes = bodyBytes;
    }

    /** Request body bytes held now, over all connections (counted against the body budget). */
    public long bodyBytesHeld() {
        return bodyBytes.get();
    }

    /** The port's connection counts. */
    public ConnectionLimiter connections() {
        return limiter;
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
        return start(host, port, router, endpoints, Options.DEFAULT, boss, workers);
    }

    /** As {@link #start(String, int, Router, List, EventLoopGroup, EventLoopGroup)} with {@code options}. */
    public static HttpServer start(String host, int port, Router router, List<WebSocketEndpoint> endpoints, Options options,
            EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        ConnectionLimiter limiter = new ConnectionLimiter("HTTP", options.limits());
        java.util.concurrent.atomic.AtomicLong bodyBytes = new java.util.concurrent.atomic.AtomicLong();
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
                        ch.pipeline().addLast(limiter);
                        if (options.tls() != null) {
                            ch.pipeline().addLast(options.tls().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new RequestTimer(options.limits().authenticationDeadline(), options.keepAliveIdle()));
                        ch.pipeline().addLast(new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, 8192));
                        ch.pipeline().addLast(new BodyBudget(bodyBytes, options.bodyBudgetBytes()));
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
                        if (!endpoints.isEmpty()) {
                            ch.pipeline().addLast(new UpgradeRouter(endpoints, options));
                        }
                        ch.pipeline().addLast(new RouteHandler(router, options));
                    }
                });
        Channel channel = bootstrap.bind(host, port).sync().channel();
        return new HttpServer(channel, limiter, bodyBytes);
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
        private final Options options;

        UpgradeRouter(List<WebSocketEndpoint> endpoints, Options options) {
            this.endpoints = endpoints;
            this.options = options;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request && "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
                QueryStringDecoder uri = new QueryStringDecoder(request.uri());
                String path;
                try {
                    path = RequestPath.normalize(uri.rawPath());
                } catch (HttpProblem e) {
                    ctx.fireChannelRead(msg);
                    return;
                }
                for (WebSocketEndpoint ws : endpoints) {
                    if (ws.path().equals(path)) {
                        HttpExchange exchange = new HttpExchange(request.method().name(), path, Map.of(), uri.parameters(),
                                new byte[0], headersOf(request), ctx.channel().remoteAddress() instanceof InetSocketAddress a
                                        && a.getAddress() != null ? a.getAddress().getHostAddress() : "");
                        Optional<HttpReply> refused = Origins.refusal(exchange, options.allowedOrigins())
                                .or(() -> ws.admission().apply(exchange));
                        if (refused.isPresent()) {
                            request.release();
                            RouteHandler.write(ctx, refused.get(), false);
                            return;
                        }
                        ctx.pipeline().addAfter(ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder().websocketPath(ws.path())
                                        .maxFramePayloadLength(ws.maxFrameBytes()).checkStartsWith(false).build()));
                        ctx.pipeline().addAfter("ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(ws.maxFrameBytes()));
                        ctx.pipeline().addAfter("ws-aggregator", "ws-too-big", new MessageTooBig(ws.maxFrameBytes()));
                        ctx.pipeline().addAfter("ws-too-big", "ws-handler", ws.handlerFactory().get());
                        ctx.pipeline().remove(RouteHandler.class);
                        ctx.pipeline().remove(RequestTimer.class);
                        ctx.pipeline().remove(BodyBudget.class);
                        ctx.fireChannelRead(msg);
                        ctx.pipeline().remove(this);
                        return;
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Closes a WebSocket with 1009 (message too big) when a message assembled from fragments exceeds the limit; a
     * single frame beyond it is closed the same way by Netty's protocol handler.
     */
    private static final class MessageTooBig extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final int maxBytes;

        MessageTooBig(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
                ctx.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(
                        io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.MESSAGE_TOO_BIG,
                        "message larger than " + maxBytes + " bytes")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireExceptionCaught(cause);
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
        private final Options options;

        RouteHandler(Router router, Options options) {
            this.router = router;
            this.options = options;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            RequestTimer.received(ctx.channel());
            if (request.decoderResult().isFailure()) {
                write(ctx, malformed(request.decoderResult().cause()), false);
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            CompletableFuture<HttpReply> reply;
            try {
                reply = dispatch(request, ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                        ? a.getAddress().getHostAddress() : "");
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((answer, error) -> write(ctx, error == null ? answer : replyFor(error), keepAlive));
        }

        private static HttpReply malformed(Throwable cause) {
            if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
                return HttpReply.error(431, "request headers larger than " + MAX_HEADER_BYTES + " bytes");
            }
            if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
                return HttpReply.error(414, "request line longer than " + MAX_LINE_BYTES + " bytes");
            }
            return HttpReply.error(400, "malformed HTTP request: " + cause.getMessage());
        }

        private CompletableFuture<HttpReply> dispatch(FullHttpRequest request, String remoteHost) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = RequestPath.normalize(uri.rawPath());
            String method = request.method().name();
            Optional<Router.Match> match = router.match(method, path);
            if (match.isEmpty()) {
                return CompletableFuture.completedFuture(HttpReply.error(404, "no such resource: " + path));
            }
            byte[] body = ByteBufUtil.getBytes(request.content());
            HttpExchange exchange = new HttpExchange(method, path, match.get().params(), uri.parameters(), body, headersOf(request), remoteHost);
            boolean browserChecks = !match.get().crossSite() && !method.equals("GET") && !method.equals("HEAD");
            Router.Handler handler = match.get().handler();
            return router.refusal(exchange, match.get().access()).thenCompose(refused -> {
                Optional<HttpReply> refusal = refused.isPresent() || !browserChecks ? refused
                        : Origins.refusal(exchange, options.allowedOrigins()).or(() -> Origins.notJson(exchange));
                return refusal.isPresent() ? CompletableFuture.completedFuture(refusal.get()) : handler.apply(exchange);
            });
        }

        private static HttpReply replyFor(Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof HttpProblem problem) {
                return HttpReply.error(problem.status(), problem.getMessage());
            }
            if (cause instanceof java.util.concurrent.RejectedExecutionException busy) {
                return HttpReply.error(503, "the server is busy: " + busy.getMessage());
            }
            String incident = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffL);
            LOG.warn("HTTP request failed (incident {})", incident, cause);
            // the details (SQL, class names) stay in the log: an answer names only the incident
            return HttpReply.error(500, "internal error, incident " + incident + " in the server log");
        }

        static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            SECURITY_HEADERS.forEach((name, value) -> response.headers().set(name, value));
            reply.headers().forEach((name, value) -> response.headers().add(name, value));
            HttpUtil.setContentLength(response, reply.body().length);
            HttpUtil.setKeepAlive(response, keepAlive);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            } else {
                future.addListener(f -> RequestTimer.answered(ctx.channel()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
