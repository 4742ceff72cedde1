package io.tandem.protocol.codec;

/**
 * Size limits of the client protocol.
 *
 * @param maxFrameBytes the longest line (one JSON message) accepted, in bytes, without the line end
 * @param maxNestingDepth how deeply JSON objects may nest (the message itself counts as one level)
 */
public record ProtocolLimits(int maxFrameBytes, int maxNestingDepth) {

    /** 64 KiB per message, 8 levels of nesting. */
    public static final ProtocolLimits DEFAULT = new ProtocolLimits(64 * 1024, 8);

    /** Checks the limits are positive. */
    public ProtocolLimits {
        if (maxFrameBytes < 256) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 256, was " + maxFrameBytes);
        }
        if (maxNestingDepth < 2) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 2, was " + maxNestingDepth);
        }
    }
}
