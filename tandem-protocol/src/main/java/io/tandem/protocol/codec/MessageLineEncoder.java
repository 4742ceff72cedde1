package io.tandem.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.tandem.protocol.Message;

/** Writes a {@link Message} as one JSON line (LF-terminated). */
@ChannelHandler.Sharable
public final class MessageLineEncoder extends MessageToByteEncoder<Message> {

    private final MessageEncoder encoder = new MessageEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, ByteBuf out) {
        out.writeBytes(encoder.encode(message));
        out.writeByte('\n');
    }
}
