package io.tandem.bench;

import io.tandem.client.TandemClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one worker thread per client, each repeating its operation as fast as answers come, for a duration. */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /** One operation on a client. */
    @FunctionalInterface
    interface Operation {
        void run(TandemClient client) throws Exception;
    }

    /** Runs for {@code duration}; returns how many operations completed. */
    static long run(List<TandemClient> clients, Duration duration, Operation operation) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (TandemClient client : clients) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        operation.run(client);
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "bench-loop");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an operation failed: " + failures.get(0), failures.get(0));
        }
        return done.get();
    }
}
