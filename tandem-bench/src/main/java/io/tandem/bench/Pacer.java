package io.tandem.bench;

import java.util.concurrent.locks.LockSupport;

/** Issues work at a fixed offered rate from one thread (open loop, so a slow server cannot slow the schedule). */
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
                if (wait > 200_000) {
                    LockSupport.parkNanos(wait - 100_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            work.run(i, target);
        }
        return start;
    }
}
