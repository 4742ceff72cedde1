package io.tandem.common.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one thread that owns a piece of state (the CTI core, the embedded switch), with its task queue measured and
 * bounded where input can be refused: {@link #admit} runs work only while fewer than {@code capacity} tasks wait, and
 * otherwise fails it with {@link OwnerBusyException} at once. Work that must not be refused (timers, the completions of
 * the owner's own requests, input already bounded at its source) uses {@link #execute} as with any executor.
 */
public final class OwnerThread extends ScheduledThreadPoolExecutor {

    private final String name;
    private final int capacity;
    private final AtomicLong refused = new AtomicLong();

    /** An owner thread named {@code name} that admits work while fewer than {@code capacity} tasks wait. */
    public OwnerThread(String name, int capacity) {
        super(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.name = name;
        this.capacity = capacity;
        setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code work} on this thread, or fails at once with {@link OwnerBusyException} when the queue is full. */
    public <T> CompletableFuture<T> admit(Supplier<T> work) {
        if (queued() >= capacity) {
            refused.incrementAndGet();
            return CompletableFuture.failedFuture(new OwnerBusyException(name + " has " + capacity + " tasks waiting; try again"));
        }
        return CompletableFuture.supplyAsync(work, this);
    }

    /** Tasks waiting (a gauge). */
    public int queued() {
        return getQueue().size();
    }

    /** Work refused because the queue was full, since the start. */
    public long refused() {
        return refused.get();
    }

    /** The most tasks that may wait before {@link #admit} refuses. */
    public int capacity() {
        return capacity;
    }

    /** Thrown when an owner thread's queue is full: try again later (HTTP answers 503). */
    public static final class OwnerBusyException extends RejectedExecutionException {
        OwnerBusyException(String message) {
            super(message);
        }
    }
}
