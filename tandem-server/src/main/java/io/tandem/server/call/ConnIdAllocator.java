package io.tandem.server.call;

import java.time.Clock;

/**
 * Hands out ConnIDs: 16 hexadecimal digits, never reused. The high bits come from the server's start time,
 * the low bits count calls, so ConnIDs also differ from those of earlier runs of the server.
 */
public final class ConnIdAllocator {

    private final long base;
    private long counter;

    /** An allocator whose run starts now on {@code clock}. */
    public ConnIdAllocator(Clock clock) {
        this.base = clock.millis() << 20;
    }

    /** A new ConnID. */
    public String next() {
        return String.format("%016x", base + counter++);
    }
}
