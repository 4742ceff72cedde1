package io.tandem.protocol.codec;

/**
 * Size limits of the client protocol.
 *
 * @param maxFrameBytes the longest line (one JSON message) accepted, in bytes, without the line end
 * @param maxNestingDepth how deeply JSON objects may nest (the message itself counts as one level)
 * @param maxQueuedBytes how many bytes of events may wait for one client that does not read them; beyond
 *     that the client is disconnected as a slow consumer
 * @param maxUserDataBytes how large one call's UserData may grow, measured as its JSON; a change beyond it is
 *     refused whole
 */
public record ProtocolLimits(int maxFrameBytes, int maxNestingDepth, int maxQueuedBytes, int maxUserDataBytes) {

    /** The default per-call UserData limit: 16 KiB of JSON. */
    public static final int DEFAULT_MAX_USER_DATA_BYTES = 16 * 1024;

    /** 64 KiB per message, 8 levels of nesting, 16 MiB of unread events, 16 KiB of UserData per call. */
    public static final ProtocolLimits DEFAULT = new ProtocolLimits(64 * 1024, 8, 16 * 1024 * 1024);

    /** Limits with the default UserData limit. */
    public ProtocolLimits(int maxFrameBytes, int maxNestingDepth, int maxQueuedBytes) {
        this(maxFrameBytes, maxNestingDepth, maxQueuedBytes, DEFAULT_MAX_USER_DATA_BYTES);
    }

    /** Checks the limits are positive. */
    public ProtocolLimits {
        if (maxFrameBytes < 256) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 256, was " + maxFrameBytes);
        }
        if (maxQueuedBytes < maxFrameBytes) {
            throw new IllegalArgumentException("maxQueuedBytes must be at least maxFrameBytes, was " + maxQueuedBytes);
        }
        if (maxUserDataBytes < 2 || maxUserDataBytes > 512 * 1024) {
            throw new IllegalArgumentException("maxUserDataBytes must be between 2 and 524288 (the sync link carries a call's UserData"
                    + " in one frame of at most 1 MiB), was " + maxUserDataBytes);
        }
        if (maxNestingDepth < 2) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 2, was " + maxNestingDepth);
        }
    }

    /** A copy with another message size limit. */
    public ProtocolLimits withMaxFrameBytes(int bytes) {
        return new ProtocolLimits(bytes, maxNestingDepth, Math.max(maxQueuedBytes, bytes), maxUserDataBytes);
    }

    /** A copy with another per-call UserData limit. */
    public ProtocolLimits withMaxUserDataBytes(int bytes) {
        return new ProtocolLimits(maxFrameBytes, maxNestingDepth, maxQueuedBytes, bytes);
    }
}
