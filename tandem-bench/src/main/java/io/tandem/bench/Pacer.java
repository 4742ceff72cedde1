package io.tandem.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Issues work at a fixed offered rate from one thread (open loop, so a slow server cannot slow the schedule).
 *
 * <p>The thread parks until the next item is due and never spins: on the 2-core machine the generator shares with
 * the server, a spinning pacer took most of a core at rates above about 4,000/s (its interval then shorter than the
 * spin threshold), CPU the server under test lost. An item whose time has passed when the thread wakes is issued at
 * once, with the time it was scheduled for, so the lateness of a wake-up (the timer's slack, typically 50–100 µs)
 * counts in the item's latency rather than being hidden.
 */
final class Pacer {

    private Pacer() {
    }

    /** Work for item {@code index}, given the time it was scheduled for. */
    @FunctionalInterface
    interface Work {
        void run(int index, long scheduledNanos);
    }

    /** Runs {@code count} items at {@code ratePerSecond}; returns the start time. */
    static long run(int count, int ratePerSecond, Work work) {
        long interval = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime() + 5_000_000;
        for (int i = 0; i < count; i++) {
            long target = start + i * interval;
            long wait;
            while ((wait = target - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            work.run(i, target);
        }
        return start;
    }
}
