package io.tandem.server.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.tandem.protocol.codec.MessageDecoder;
import io.tandem.server.core.ClientPort;
import io.tandem.server.core.ClientSession;

/** One WebSocket client on the HTTP port: each text frame is one JSON message. Binary frames end the connection. */
public final class CtiWebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** The path clients connect to. */
    public static final String PATH = "/cti";

    private final ClientPort core;
    private final MessageDecoder decoder;
    private ClientSession session;
    private NettyClientChannel channel;
    private boolean violated;

    /** A handler for one connection. */
    public CtiWebSocketHandler(ClientPort core, MessageDecoder decoder) {
        this(core, decoder, io.tandem.common.net.ConnectionLimits.CTI.authenticationDeadline());
    }

    /** A handler whose client must send RequestRegisterClient within {@code registerDeadline} of the handshake. */
    public CtiWebSocketHandler(ClientPort core, MessageDecoder decoder, java.time.Duration registerDeadline) {
        this.core = core;
        this.decoder = decoder;
        this.registerDeadline = registerDeadline;
    }

    private final java.time.Duration registerDeadline;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.pipeline().addBefore(ctx.name(), "deadline", new io.tandem.common.net.AuthenticationDeadline(registerDeadline,
                    "send RequestRegisterClient"));
            channel = new NettyClientChannel(ctx.channel(), true, ctx.name(), core.outbound());
            session = core.connected(channel);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null || violated) {
            return;
        }
        if (frame instanceof TextWebSocketFrame) {
            io.tandem.protocol.codec.DecodeResult decoded = decoder.decode(ByteBufUtil.getBytes(frame.content()));
            if (!channel.answeredKeepAlive(decoded)) {
                core.received(session, decoded);
            }
        } else {
            violated = true;
            core.protocolViolation(session, "binary WebSocket frames are not supported; send JSON as text frames");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            core.disconnected(session, channel.closedBecause("WebSocket closed"));
        }
        super.channelInactive(ctx);
    }
}
