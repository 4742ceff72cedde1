package io.tandem.protocol.codec;

import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Splits the byte stream into lines (LF or CRLF) of at most {@link ProtocolLimits#maxFrameBytes()}
 * bytes. A longer line raises {@link io.netty.handler.codec.TooLongFrameException} as soon as the limit
 * is passed (fail-fast), so the connection can be closed without buffering the rest of it.
 */
public final class JsonLineFrameDecoder extends LineBasedFrameDecoder {

    /** A frame decoder for the given limits. */
    public JsonLineFrameDecoder(ProtocolLimits limits) {
        super(limits.maxFrameBytes(), true, true);
    }
}
