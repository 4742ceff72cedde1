package io.tandem.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns each frame (a line without its line end) into a {@link DecodeResult}. Blank lines are skipped,
 * so a client may send keep-alive newlines.
 */
public final class FrameToMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final MessageDecoder decoder;

    /** A handler that decodes with {@code decoder}. */
    public FrameToMessageDecoder(MessageDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (isBlank(frame)) {
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(frame);
        out.add(decoder.decode(bytes));
    }

    private static boolean isBlank(ByteBuf frame) {
        for (int i = frame.readerIndex(); i < frame.writerIndex(); i++) {
            byte b = frame.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
