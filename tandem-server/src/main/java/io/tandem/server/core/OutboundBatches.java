package io.tandem.server.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Gathers the frames the core sends to each connection while it works through a burst, so that each connection gets
 * them in one write task on its I/O thread instead of one per frame (a switchover's thousands of events, a fan-out).
 * A connection's frames stay in the order they were sent. They leave when the core has nothing more waiting, when a
 * connection has {@link #MAX_FRAMES} of them, or when the oldest has waited {@link #MAX_WAIT_NANOS}, checked after each
 * core task; so a frame waits at most for the core task that sent it plus that bound. Core thread only.
 */
public final class OutboundBatches {

    /** Frames gathered for one connection at most before they leave. */
    public static final int MAX_FRAMES = 64;

    /** How long the oldest gathered frame may wait for the core to become idle: 1 ms. */
    public static final long MAX_WAIT_NANOS = 1_000_000;

    /** A connection that gathers frames. */
    public interface Connection {

        /** Hands the gathered frames to the connection's I/O thread; nothing when there are none. */
        void flushGathered();
    }

    private final BooleanSupplier nothingWaiting;
    private final LongSupplier nanoTime;
    private final List<Connection> gathering = new ArrayList<>();
    private long oldest;

    /**
     * Batches that leave when {@code nothingWaiting} (the core's queue is empty), timed by {@code nanoTime}; call
     * {@link #afterTask} after every core task.
     */
    public OutboundBatches(BooleanSupplier nothingWaiting, LongSupplier nanoTime) {
        this.nothingWaiting = nothingWaiting;
        this.nanoTime = nanoTime;
    }

    /** {@code connection} gathered its first frame since it last flushed. */
    public void started(Connection connection) {
        if (gathering.isEmpty()) {
            oldest = nanoTime.getAsLong();
        }
        gathering.add(connection);
    }

    /** After each core task: sends what was gathered if the core is idle or the oldest frame waited long enough. */
    public void afterTask() {
        if (!gathering.isEmpty() && (nothingWaiting.getAsBoolean() || nanoTime.getAsLong() - oldest >= MAX_WAIT_NANOS)) {
            flush();
        }
    }

    /** Sends everything gathered now. */
    public void flush() {
        List<Connection> now = new ArrayList<>(gathering);
        gathering.clear();
        now.forEach(Connection::flushGathered);
    }

    /** Connections with gathered frames (for tests and metrics). */
    public int gathering() {
        return gathering.size();
    }
}
