package io.tandem.common.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the request body bytes held by all connections of a server while their requests are aggregated; a
 * request that would take the total over the budget is answered 503 and its connection closed, so that many
 * unfinished bodies cannot use up the server's memory. One per connection, sharing the server's counter.
 */
final class BodyBudget extends ChannelInboundHandlerAdapter {

    private final AtomicLong held;
    private final long budget;
    private long mine;
    private boolean refused;

    BodyBudget(AtomicLong held, long budget) {
        this.held = held;
        this.budget = budget;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            int n = content.content().readableBytes();
            if (held.addAndGet(n) > budget) {
                held.addAndGet(-n);
                refuse(ctx, msg);
                return;
            }
            mine += n;
            if (msg instanceof LastHttpContent) {
                ctx.fireChannelRead(msg);
                giveBack();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, Object msg) {
        refused = true;
        ReferenceCountUtil.release(msg);
        giveBack();
        byte[] body = "{\"error\":\"the server holds too many request bodies at once; try again later\"}".getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void giveBack() {
        held.addAndGet(-mine);
        mine = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        giveBack();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        giveBack();
    }
}
