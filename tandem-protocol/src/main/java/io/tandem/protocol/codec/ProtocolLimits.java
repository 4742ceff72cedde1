package io.tandem.protocol.codec;

/**
 * Size limits of the client protocol.
 *
 * @param maxFrameBytes the longest line (one JSON message) accepted, in bytes, without the line end
 * @param maxNestingDepth how deeply JSON objects may nest (the message itself counts as one level)
 * @param maxQueuedBytes how many bytes of events may wait for one client that does not read them; beyond
 *     that the client is disconnected as a slow consumer
 */
public record ProtocolLimits(int maxFrameBytes, int maxNestingDepth, int maxQueuedBytes) {

    /** 64 KiB per message, 8 levels of nesting, 16 MiB of unread events. */
    public static final ProtocolLimits DEFAULT = new ProtocolLimits(64 * 1024, 8, 16 * 1024 * 1024);

    /** Checks the limits are positive. */
    public ProtocolLimits {
        if (maxFrameBytes < 256) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 256, was " + maxFrameBytes);
        }
        if (maxQueuedBytes < maxFrameBytes) {
            throw new IllegalArgumentException("maxQueuedBytes must be at least maxFrameBytes, was " + maxQueuedBytes);
        }
        if (maxNestingDepth < 2) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 2, was " + maxNestingDepth);
        }
    }

    /** A copy with another message size limit. */
    public ProtocolLimits withMaxFrameBytes(int bytes) {
        return new ProtocolLimits(bytes, maxNestingDepth, Math.max(maxQueuedBytes, bytes));
    }
}
