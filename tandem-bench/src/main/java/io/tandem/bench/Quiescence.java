package io.tandem.bench;

import java.time.Duration;
import java.util.List;

/**
 * Waits until a group of processes is quiet: their CPU time together grows by less than {@link #QUIET_SHARE} of one core
 * over one {@link #WINDOW}. A pair that has just started is still compiling its code (the JIT's C2 queue stays busy for
 * tens of seconds after start-up on two cores); a primary dies in production long after that, so the switchover is
 * measured from a quiet machine unless told otherwise.
 */
final class Quiescence {

    /** The window over which CPU time is compared. */
    static final Duration WINDOW = Duration.ofMillis(1000);

    /** Quiet: less than this share of one core used by all the processes together over a window. */
    static final double QUIET_SHARE = 0.05;

    private Quiescence() {
    }

    /**
     * Waits until {@code processes} are quiet, at most {@code limit}; returns how long it waited, negative when the
     * limit passed first.
     */
    static long await(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long before = cpuNanos(processes);
        while (System.nanoTime() - start < limit.toNanos()) {
            Thread.sleep(WINDOW.toMillis());
            long now = cpuNanos(processes);
            if (now - before < QUIET_SHARE * WINDOW.toNanos()) {
                return Duration.ofNanos(System.nanoTime() - start).toMillis();
            }
            before = now;
        }
        return -1;
    }

    private static long cpuNanos(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }
}
